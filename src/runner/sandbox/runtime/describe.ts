/**
 * Turning arbitrary values into short human text (console lines, "got a string" in type errors,
 * thrown non-Errors). Learner objects can have hostile getters, toString methods that throw, or
 * cycles, so every access is guarded and output is bounded.
 */

const MAX_ITEMS = 20;
const MAX_DEPTH = 3;

/** "a number (3)", "undefined", "an array of 4 items", "a Tensor of shape [2, 3]" ... for type errors. */
export function describeValue(value: unknown, isTensor: (v: unknown) => boolean): string {
  if (value === undefined) return 'undefined (did you forget a return statement?)';
  if (value === null) return 'null';
  switch (typeof value) {
    case 'number':
      return `the number ${formatNumber(value)}`;
    case 'boolean':
      return `the boolean ${String(value)}`;
    case 'string':
      return `a string (${JSON.stringify(truncate(value, 40))})`;
    case 'function':
      return 'a function (did you forget to call it?)';
    case 'bigint':
      return 'a bigint';
    case 'symbol':
      return 'a symbol';
  }
  try {
    if (isTensor(value)) {
      const shape = (value as { shape: readonly number[] }).shape;
      return `a Tensor of shape [${Array.prototype.join.call(shape, ', ')}]`;
    }
    if (Array.isArray(value)) return `an array of ${value.length} items`;
    if (ArrayBuffer.isView(value)) return 'a typed array';
    if (typeof (value as { then?: unknown }).then === 'function') {
      return 'a Promise (exercise functions must not be async)';
    }
  } catch {
    // hostile getter: fall through to the generic answer
  }
  return 'an object that is not a Tensor';
}

export function formatNumber(n: number): string {
  if (Object.is(n, -0)) return '-0';
  return String(n);
}

export function truncate(text: string, max: number): string {
  return text.length <= max ? text : text.slice(0, max - 1) + '…';
}

/** Console-style formatting (like util.inspect, much smaller). */
export function formatForConsole(value: unknown, isTensor: (v: unknown) => boolean, depth = 0, seen: object[] = []): string {
  if (typeof value === 'string') return depth === 0 ? value : JSON.stringify(value);
  if (typeof value === 'number') return formatNumber(value);
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'function') return `[Function ${safeName(value)}]`;
    try {
      return String(value);
    } catch {
      return '[value]';
    }
  }
  if (seen.includes(value)) return '[Circular]';
  if (depth > MAX_DEPTH) return Array.isArray(value) ? '[Array]' : '[Object]';
  try {
    if (isTensor(value)) return formatTensor(value as { data: Float64Array; shape: readonly number[] });
    if (value instanceof Error) return `${value.name}: ${value.message}`;
    const inner = [...seen, value];
    if (Array.isArray(value) || ArrayBuffer.isView(value)) {
      const items = value as unknown as ArrayLike<unknown>;
      const shown: string[] = [];
      for (let i = 0; i < Math.min(items.length, MAX_ITEMS); i++) shown.push(formatForConsole(items[i], isTensor, depth + 1, inner));
      if (items.length > MAX_ITEMS) shown.push(`… ${items.length - MAX_ITEMS} more`);
      return `[${shown.join(', ')}]`;
    }
    const keys = Object.keys(value);
    const parts: string[] = [];
    for (const key of keys.slice(0, MAX_ITEMS)) {
      parts.push(`${key}: ${formatForConsole((value as Record<string, unknown>)[key], isTensor, depth + 1, inner)}`);
    }
    if (keys.length > MAX_ITEMS) parts.push(`… ${keys.length - MAX_ITEMS} more`);
    return `{ ${parts.join(', ')} }`;
  } catch {
    return '[object that could not be printed]';
  }
}

function formatTensor(t: { data: Float64Array; shape: readonly number[] }): string {
  const values: string[] = [];
  for (let i = 0; i < Math.min(t.data.length, MAX_ITEMS); i++) values.push(formatNumber(t.data[i]));
  if (t.data.length > MAX_ITEMS) values.push('…');
  return `Tensor(shape [${t.shape.join(', ')}], data [${values.join(', ')}])`;
}

function safeName(fn: unknown): string {
  try {
    const name = (fn as { name?: unknown }).name;
    return typeof name === 'string' && name ? name : '(anonymous)';
  } catch {
    return '(anonymous)';
  }
}
