/** The text of anything thrown (an Error's message, else the value itself), for messages to the user. Pure. */
export function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
