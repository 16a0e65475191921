/**
 * Messages between the exercise webview (src/webview, a browser page) and its host
 * (src/extension/panel). Both sides import this file; nothing here may import `vscode` or the DOM.
 *
 * Versioning: every message carries `protocol: PROTOCOL_VERSION`. A side that receives another
 * version ignores the message (the page then keeps showing its saved state; the host logs it).
 * Bump the version whenever a message's shape changes incompatibly; adding optional fields is fine.
 *
 * Host → webview (ToWebview):
 *   {type:'exercise', view}                 the exercise to show (title, instructions HTML, hints so far, progress, trust)
 *   {type:'result', result, referenceShown} a finished grade; the page updates in place. referenceShown:
 *                                           draw the reference solution's curves in the charts (and its
 *                                           values in the check table); false hides them (setting
 *                                           gradlab.showReferenceCurve), so a curve never gives the answer away
 *   {type:'running'}                        a check started ("Checking…")
 *   {type:'idle'}                           the check ended without a result or error (cancelled): drop "Checking…"
 *   {type:'error', message}                 the run could not start / the host failed (not a learner error)
 *   {type:'hints', hints, total}            hints revealed so far changed
 *   {type:'trust', trusted}                 workspace trust changed
 *
 * Webview → host (FromWebview), untrusted input: the host validates with isFromWebview() before use:
 *   {type:'ready'}                          page loaded (or reloaded after being hidden); host re-sends its state
 *   {type:'checkRequested'}                 "Check" button
 *   {type:'nextHint'}                       "Show next hint"
 *   {type:'openFile', line?, column?, file?} "Go to line N": file is the ErrorInfo/CheckResult file as given, relative to the exercise folder
 *   {type:'showSolution'}                   "Show reference solution"
 *   {type:'trustWorkspace'}                 "Trust this workspace…" (host opens VS Code's trust dialog)
 */
import type { GradeResult } from '../grading/types';

export const PROTOCOL_VERSION = 1 as const;
export type ProtocolVersion = typeof PROTOCOL_VERSION;

/** Progress of this exercise as the host's progress store knows it. */
export interface ExerciseProgress {
  /** The learner has passed this exercise at least once. */
  solved: boolean;
  /** Best score so far and its maximum (absent before the first check). */
  bestScore?: number;
  maxScore?: number;
  /** Number of checks run so far. */
  attempts?: number;
  /** e.g. "Exercise 3 of 23" or "M1 · 2/4"; free text shown in the header. */
  positionLabel?: string;
}

/** Everything the page needs to show an exercise before any result exists. */
export interface ExerciseView {
  /** exercise.json `id`; a result for another id is shown with a warning, never mixed in silently. */
  exerciseId: string;
  /**
   * "<packId>/<exerciseId>". The page ignores it; it is saved with the page's state so the host restores
   * the panel onto the same course's exercise after a reload (two open courses may share exercise ids).
   * Absent in states saved by older builds.
   */
  exerciseKey?: string;
  title: string;
  /** Pack or module title shown above the exercise title (optional). */
  subtitle?: string;
  /** README rendered by the host (renderInstructions: markdown-it with html disabled). Trusted HTML. */
  instructionsHtml: string;
  /** Hints revealed so far, in order (plain text; rendered as text, never as HTML). */
  hints: string[];
  /** Total number of hints the exercise has (so the page can say "2 of 4" and hide the button). */
  hintsTotal: number;
  progress: ExerciseProgress;
  /** Workspace trust: learner code only runs in a trusted workspace. */
  trusted: boolean;
  /** Whether "Show reference solution" is offered (e.g. only after solving, or always on request). */
  solutionAvailable: boolean;
  /** The learner's file name, for the "Go to line" button text (e.g. "starter.ts"). */
  fileName?: string;
}

interface Versioned { protocol: ProtocolVersion }

export type ToWebview =
  | (Versioned & { type: 'exercise'; view: ExerciseView })
  | (Versioned & { type: 'result'; result: GradeResult; referenceShown: boolean })
  | (Versioned & { type: 'running' })
  | (Versioned & { type: 'idle' })
  | (Versioned & { type: 'error'; message: string })
  | (Versioned & { type: 'hints'; hints: string[]; total: number })
  | (Versioned & { type: 'trust'; trusted: boolean });

export type FromWebview =
  | (Versioned & { type: 'ready' })
  | (Versioned & { type: 'checkRequested' })
  | (Versioned & { type: 'nextHint' })
  | (Versioned & { type: 'openFile'; line?: number; column?: number; file?: string })
  | (Versioned & { type: 'showSolution' })
  | (Versioned & { type: 'trustWorkspace' });

export type FromWebviewType = FromWebview['type'];

/** What the page persists with setState and what the serializer hands back after a reload. */
export interface PanelState {
  protocol: ProtocolVersion;
  view?: ExerciseView;
  result?: GradeResult;
  /** See the 'result' message: whether reference curves/values are shown. Default true. */
  referenceShown?: boolean;
}

/** Distributive Omit, so `Omit<Union, 'protocol'>` keeps each member's own fields. */
type OmitProtocol<T> = T extends unknown ? Omit<T, 'protocol'> : never;
export type ToWebviewBody = OmitProtocol<ToWebview>;
export type FromWebviewBody = OmitProtocol<FromWebview>;

/** Stamp a message with the protocol version (both sides build messages through these). */
export function toWebview(body: ToWebviewBody): ToWebview {
  return { ...body, protocol: PROTOCOL_VERSION } as ToWebview;
}
export function fromWebview(body: FromWebviewBody): FromWebview {
  return { ...body, protocol: PROTOCOL_VERSION } as FromWebview;
}

// ---------------------------------------------------------------------------------------------
// Runtime guards. The page is a web context that renders instructor-authored content: treat what it
// posts as untrusted. isFromWebview accepts only the exact shapes above (no extra-typed fields,
// bounded numbers and strings), so the host can switch on `type` without further checks.

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function isOptionalPositiveInt(x: unknown, max: number): boolean {
  return x === undefined || (typeof x === 'number' && Number.isInteger(x) && x >= 1 && x <= max);
}

const MAX_LINE = 10_000_000;
const MAX_FILE_PATH = 1024;

/** Only these keys may appear on each webview message (besides `type` and `protocol`). */
const FROM_WEBVIEW_FIELDS: Record<FromWebviewType, readonly string[]> = {
  ready: [],
  checkRequested: [],
  nextHint: [],
  openFile: ['line', 'column', 'file'],
  showSolution: [],
  trustWorkspace: [],
};

export function isFromWebview(x: unknown): x is FromWebview {
  if (!isRecord(x) || x.protocol !== PROTOCOL_VERSION || typeof x.type !== 'string') return false;
  if (!Object.prototype.hasOwnProperty.call(FROM_WEBVIEW_FIELDS, x.type)) return false;
  const allowed = FROM_WEBVIEW_FIELDS[x.type as FromWebviewType];
  for (const key of Object.keys(x)) {
    if (key !== 'type' && key !== 'protocol' && !allowed.includes(key)) return false;
  }
  if (x.type === 'openFile') {
    if (!isOptionalPositiveInt(x.line, MAX_LINE) || !isOptionalPositiveInt(x.column, MAX_LINE)) return false;
    if (x.file !== undefined) {
      // Relative paths only and no parent segments: the host resolves it inside the exercise folder.
      if (typeof x.file !== 'string' || x.file.length === 0 || x.file.length > MAX_FILE_PATH) return false;
      if (/^([a-zA-Z]:)?[\\/]/.test(x.file) || x.file.split(/[\\/]/).includes('..') || x.file.includes('\0')) return false;
    }
  }
  return true;
}

/**
 * The page's check on what the host sends. The host is trusted, so this only checks the envelope
 * (version and known type); it keeps a page from an older build from misreading a newer host.
 */
export function isToWebview(x: unknown): x is ToWebview {
  if (!isRecord(x) || x.protocol !== PROTOCOL_VERSION || typeof x.type !== 'string') return false;
  switch (x.type) {
    case 'exercise': return isRecord(x.view) && typeof x.view.exerciseId === 'string';
    case 'result': return isRecord(x.result) && Array.isArray(x.result.checks) && typeof x.referenceShown === 'boolean';
    case 'running': return true;
    case 'idle': return true;
    case 'error': return typeof x.message === 'string';
    case 'hints': return Array.isArray(x.hints) && x.hints.every((h) => typeof h === 'string') && typeof x.total === 'number';
    case 'trust': return typeof x.trusted === 'boolean';
    default: return false;
  }
}

/** Validate a state restored from getState / the serializer (it may come from an older build). */
export function isPanelState(x: unknown): x is PanelState {
  if (!isRecord(x) || x.protocol !== PROTOCOL_VERSION) return false;
  if (x.view !== undefined && !(isRecord(x.view) && typeof x.view.exerciseId === 'string')) return false;
  if (x.result !== undefined && !(isRecord(x.result) && Array.isArray(x.result.checks))) return false;
  return true;
}
