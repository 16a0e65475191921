/**
 * Typed-array memory lives outside the V8 heap, so the worker's resourceLimits do not see
 * `new Float64Array(1e9)`. Two layers stop it:
 *   1. here, inside the context: ArrayBuffer and every typed-array constructor are replaced by
 *      wrappers that refuse a SINGLE allocation larger than the whole budget, before allocating, with
 *      a plain error at the learner's line;
 *   2. outside, the host's watchdog polls the process RSS every 25 ms and stops the sandbox when
 *      the total goes over budget (many medium allocations, memory held across steps).
 * We do not count cumulative bytes here: the engine allocates many short-lived arrays per op, and
 * without knowing when they are freed a cumulative count would fail honest training loops.
 *
 * The wrappers keep `instanceof`, `.BYTES_PER_ELEMENT`, `.from/.of`, subclassing and species (slice,
 * map) working: they share the original prototype, and prototype.constructor points at the wrapper
 * so species-created arrays go through the check too.
 */
import { failure, type FailureLocation } from './failures';

const TYPED_ARRAY_NAMES = [
  'Int8Array', 'Uint8Array', 'Uint8ClampedArray', 'Int16Array', 'Uint16Array', 'Int32Array',
  'Uint32Array', 'Float32Array', 'Float64Array', 'BigInt64Array', 'BigUint64Array',
] as const;

let limitBytes = Infinity;
let limitMb = 0;
/** Where in the learner's file the allocation happened (set by the runtime). */
let locate: () => FailureLocation = () => ({ suffix: '', info: {} });

function requestedElements(first: unknown): number {
  if (first === undefined) return 0;
  if (typeof first !== 'object' || first === null) return Number(first) || 0;
  if (first instanceof ArrayBuffer) return 0; // a view on an existing buffer allocates nothing
  try {
    const length = Number((first as { length?: unknown }).length);
    return Number.isFinite(length) ? length : 0;
  } catch {
    return 0;
  }
}

function checkBytes(bytes: number, what: string): void {
  if (bytes > limitBytes) {
    const mb = Math.round(bytes / (1024 * 1024));
    const where = locate();
    throw failure(
      'out-of-memory',
      `${what} would need about ${mb} MB, more than this exercise's whole memory limit of ${limitMb} MB. ` +
        'Check the size you pass: exercises here need tensors with thousands of values, not billions.' +
        where.suffix,
      where.info,
    );
  }
}

function guardConstructor(g: Record<string, any>, name: string, bytesOf: (args: unknown[]) => number): void {
  const Original = g[name];
  if (typeof Original !== 'function') return;
  const Guarded = function (this: unknown, ...args: unknown[]) {
    if (new.target === undefined) throw new TypeError(`Constructor ${name} requires 'new'`);
    checkBytes(bytesOf(args), `new ${name}(…)`);
    return Reflect.construct(Original, args, new.target === Guarded ? Original : new.target);
  };
  Object.defineProperty(Guarded, 'name', { value: name });
  Object.defineProperty(Guarded, 'length', { value: Original.length });
  Object.setPrototypeOf(Guarded, Object.getPrototypeOf(Original));
  for (const key of Reflect.ownKeys(Original)) {
    if (key === 'prototype' || key === 'name' || key === 'length') continue;
    Object.defineProperty(Guarded, key, Object.getOwnPropertyDescriptor(Original, key)!);
  }
  Object.defineProperty(Guarded, 'prototype', { value: Original.prototype, writable: false, enumerable: false, configurable: false });
  Object.defineProperty(Original.prototype, 'constructor', { value: Guarded, writable: true, enumerable: false, configurable: true });
  g[name] = Guarded;
}

/** Installs the wrappers on the context's global object (call before any untrusted code runs). */
export function installAllocationGuard(g: Record<string, any>, memoryMb: number, locateCaller: typeof locate): void {
  locate = locateCaller;
  limitMb = memoryMb;
  limitBytes = memoryMb * 1024 * 1024;
  for (const name of TYPED_ARRAY_NAMES) {
    const bytesPerElement = g[name]?.BYTES_PER_ELEMENT ?? 8;
    guardConstructor(g, name, (args) => requestedElements(args[0]) * bytesPerElement);
  }
  guardConstructor(g, 'ArrayBuffer', (args) => {
    const length = Number(args[0]) || 0;
    let max = 0;
    try {
      max = Number((args[1] as { maxByteLength?: unknown } | undefined)?.maxByteLength) || 0;
    } catch {
      max = 0;
    }
    return Math.max(length, max);
  });
  // ArrayBuffer.prototype.transfer(newLength) allocates too (newer V8, e.g. VS Code's Electron).
  const bufferProto = g.ArrayBuffer.prototype as Record<string, unknown>;
  for (const method of ['transfer', 'transferToFixedLength']) {
    const original = bufferProto[method];
    if (typeof original !== 'function') continue;
    Object.defineProperty(bufferProto, method, {
      value: function (this: ArrayBuffer, ...args: unknown[]) {
        if (args.length > 0) checkBytes(Number(args[0]) || 0, `ArrayBuffer.${method}(…)`);
        return Reflect.apply(original, this, args);
      },
      writable: true,
      configurable: true,
    });
  }
}
