/**
 * Measurement integrity: after the engine and the harness are loaded and BEFORE learner code runs,
 * everything the grader's measurements rely on is frozen, so a submission cannot patch
 * Tensor.prototype.norm, Math.sqrt or Float64Array.prototype to fake the numbers it is graded on.
 *
 *  - every intrinsic reachable from the global object (constructors, prototypes, Math, JSON,
 *    Reflect, iterator prototypes …) and the engine (functions, classes, prototypes, namespaces)
 *    is deep-frozen;
 *  - the global bindings themselves become read-only, so `globalThis.Math = fake` cannot change
 *    what the harness (which looks globals up by name) sees. This also closes a sandbox escape:
 *    Node formats stack traces through `<context global>.Error.prepareStackTrace`, handing it V8
 *    CallSite objects; with `Error` locked and frozen, learner code can never install one.
 *  - stateful engine INSTANCES (e.g. defaultGenerator) are sealed, not frozen: freezing would break
 *    them, sealing stops new own properties (a replaced `normal` method); the runtime re-seeds the
 *    generator before every seed.
 *
 * Freezing Object.prototype / Error.prototype triggers JavaScript's "override mistake": a plain
 * `this.name = 'ShapeError'` in an Error subclass would throw, because the inherited property is
 * read-only. The few properties code commonly assigns on instances are turned into accessors whose
 * setter defines an own property on the instance instead (the approach SES calls override taming).
 */

type AnyObject = Record<PropertyKey, unknown>;

const UNAVAILABLE_GLOBALS = [
  'process', 'require', 'module', 'exports', 'Buffer', 'global', '__dirname', '__filename',
  'setTimeout', 'setInterval', 'setImmediate', 'clearTimeout', 'clearInterval', 'clearImmediate',
  'queueMicrotask', 'fetch', 'XMLHttpRequest', 'WebSocket', 'structuredClone', 'performance',
  'SharedArrayBuffer', 'Atomics', 'WebAssembly',
  // Not Node-only, but a Proxy wrapped around a genuine Tensor could report different data each time
  // the harness reads it; no exercise needs one, and there is no other way to construct a Proxy.
  'Proxy',
] as const;

/**
 * Node-only names get getters that throw the sandbox's "forbidden" failure, so `process.exit(0)` or
 * `globalThis.process` reports "not available in the sandbox" instead of a confusing TypeError.
 */
export function installForbiddenGlobals(g: AnyObject, forbid: (name: string) => Error): void {
  for (const name of UNAVAILABLE_GLOBALS) {
    if (Object.prototype.hasOwnProperty.call(g, name)) delete g[name];
    Object.defineProperty(g, name, {
      get() {
        throw forbid(name);
      },
      set() {
        throw forbid(name);
      },
      enumerable: false,
      configurable: false,
    });
  }
}

function tameOverride(obj: AnyObject, key: PropertyKey): void {
  const desc = Object.getOwnPropertyDescriptor(obj, key);
  if (!desc || !('value' in desc) || !desc.writable || !desc.configurable) return;
  const value = desc.value;
  Object.defineProperty(obj, key, {
    get() {
      return value;
    },
    set(this: unknown, newValue: unknown) {
      if (this === obj) throw new TypeError(`Cannot assign to read only property '${String(key)}' of a frozen built-in`);
      Object.defineProperty(this as object, key, { value: newValue, writable: true, enumerable: true, configurable: true });
    },
    enumerable: desc.enumerable,
    configurable: false,
  });
}

function tameCommonOverrides(g: AnyObject): void {
  const objectProto = (g.Object as { prototype: AnyObject }).prototype;
  for (const key of Reflect.ownKeys(objectProto)) tameOverride(objectProto, key);
  for (const name of ['Error', 'TypeError', 'RangeError', 'SyntaxError', 'ReferenceError', 'EvalError', 'URIError', 'AggregateError']) {
    const ctor = g[name] as { prototype: AnyObject } | undefined;
    if (!ctor) continue;
    for (const key of ['name', 'message', 'constructor', 'toString']) tameOverride(ctor.prototype, key);
  }
  const functionProto = (g.Function as { prototype: AnyObject }).prototype;
  for (const key of ['constructor', 'toString']) tameOverride(functionProto, key);
}

/** Prototypes that are reachable only through instances (iterators, generators, …). */
function hiddenIntrinsics(): unknown[] {
  const found: unknown[] = [];
  const add = (make: () => unknown) => {
    try {
      found.push(Object.getPrototypeOf(make()));
    } catch {
      // not supported by this engine version
    }
  };
  add(() => [][Symbol.iterator]());
  add(() => new Map().entries());
  add(() => new Set().values());
  add(() => ''[Symbol.iterator]());
  add(() => 'a'.matchAll(/a/g));
  add(() => function* () {});
  add(() => async function () {});
  add(() => async function* () {});
  add(() => (function* () {})());
  add(() => (async function* () {})());
  return found;
}

/** Objects to freeze: functions, plain objects/namespaces, prototypes, arrays. Not engine instances. */
function isFreezable(o: object): boolean {
  if (typeof o === 'function' || Array.isArray(o)) return true;
  if (ArrayBuffer.isView(o) || o instanceof ArrayBuffer) return false; // cannot be frozen
  const proto = Object.getPrototypeOf(o);
  if (proto === null || proto === Object.prototype) return true;
  // A prototype object: its own constructor points back at it.
  const ctorDesc = Object.getOwnPropertyDescriptor(o, 'constructor');
  if (ctorDesc && 'value' in ctorDesc && typeof ctorDesc.value === 'function') {
    try {
      return (ctorDesc.value as { prototype?: unknown }).prototype === o;
    } catch {
      return false;
    }
  }
  // Intrinsic namespaces with their own prototype (e.g. iterator prototypes) come in via roots.
  return false;
}

export function deepFreeze(roots: readonly unknown[], alwaysFreeze: ReadonlySet<unknown> = new Set()): void {
  const seen = new Set<object>();
  const stack: unknown[] = [...roots];
  const rootSet = new Set<unknown>(roots);
  while (stack.length > 0) {
    const value = stack.pop();
    if (value === null || (typeof value !== 'object' && typeof value !== 'function')) continue;
    const o = value as object;
    if (seen.has(o)) continue;
    seen.add(o);
    if (ArrayBuffer.isView(o) || o instanceof ArrayBuffer) continue;
    if (!alwaysFreeze.has(o) && !rootSet.has(o) && !isFreezable(o)) {
      // A stateful instance (e.g. the engine's defaultGenerator): its fields must stay writable, but
      // sealing stops learner code from shadowing its (frozen) prototype methods with own ones.
      Object.seal(o);
      continue;
    }
    Object.freeze(o);
    stack.push(Object.getPrototypeOf(o));
    for (const key of Reflect.ownKeys(o)) {
      const desc = Object.getOwnPropertyDescriptor(o, key);
      if (!desc) continue;
      if ('value' in desc) stack.push(desc.value);
      else stack.push(desc.get, desc.set);
    }
  }
}

/**
 * Freezes intrinsics + `extraRoots` (the engine namespace, the learner's facade, …) and makes every
 * global binding read-only. Call once, after trusted code is loaded, before learner code runs.
 */
export function lockDown(g: AnyObject, extraRoots: readonly unknown[]): void {
  tameCommonOverrides(g);
  const globalValues: unknown[] = [];
  for (const key of Reflect.ownKeys(g)) {
    const desc = Object.getOwnPropertyDescriptor(g, key);
    if (desc && 'value' in desc && desc.value !== g) globalValues.push(desc.value);
  }
  const hidden = hiddenIntrinsics();
  deepFreeze([...globalValues, ...hidden, ...extraRoots], new Set(hidden));
  for (const key of Reflect.ownKeys(g)) {
    const desc = Object.getOwnPropertyDescriptor(g, key);
    if (!desc || !desc.configurable) continue;
    if ('value' in desc) {
      // The value must be passed again: Node's vm global interceptor loses it otherwise.
      Object.defineProperty(g, key, { value: desc.value, writable: false, enumerable: desc.enumerable, configurable: false });
    } else {
      Object.defineProperty(g, key, { get: desc.get, set: desc.set, enumerable: desc.enumerable, configurable: false });
    }
  }
}
