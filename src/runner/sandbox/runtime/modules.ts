/**
 * The two CommonJS-style modules that run in the sandbox (the harness and the submission), and the
 * `require` each one gets. Module factories are compiled OUTSIDE the context by the worker
 * (vm.Script with the file's display name, so stack frames carry it) and handed in as functions of
 * this realm; instantiating one runs its top-level code afresh, which the runtime does for every
 * seed so module-level state never leaks from one seed into the next.
 */
import { harnessFailure } from './failures';

export type ModuleFactory = (this: unknown, exports: object, require: (id: string) => unknown, module: { exports: unknown }) => void;

export type RequireFn = (id: string) => unknown;

/** `require` for learner code: only 'gradlab' (the facade without banned helpers) and its types. */
export function makeLearnerRequire(facade: object, onForbidden: (what: string) => Error): RequireFn {
  return function require(id: string): unknown {
    const name = String(id);
    if (name === 'gradlab') return facade;
    if (name === 'gradlab/harness') return {};
    throw onForbidden(`require('${name}')`);
  };
}

/** `require` for the harness: the full engine (harnesses may use banned helpers to compute expectations). */
export function makeHarnessRequire(engine: object, harnessFile: string): RequireFn {
  return function require(id: string): unknown {
    const name = String(id);
    if (name === 'gradlab') return engine;
    if (name === 'gradlab/harness') return {};
    throw harnessFailure(
      `${harnessFile} imports '${name}', but harnesses can only import 'gradlab' and 'gradlab/harness'.`,
      { file: harnessFile },
      true,
    );
  };
}

/** Runs a module's top-level code and returns its exports (module.exports wins, as in CommonJS). */
export function instantiate(factory: ModuleFactory, require: RequireFn): Record<string, unknown> {
  const exports: Record<string, unknown> = {};
  const module = { exports: exports as unknown };
  // `this` is the exports object, as in CommonJS: `this.constructor.constructor(...)` must reach the
  // sandbox's own (code-generation-disabled) Function, never undefined or anything outside.
  Reflect.apply(factory, exports, [exports, require, module]);
  return module.exports as Record<string, unknown>;
}

/**
 * The 'gradlab' module learners see: the engine's exports minus the banned helpers. Reading a banned
 * name (even computed, gl['clip' + 'GradNorm_']) throws a banned-helper failure. Nested namespaces
 * (plain objects such as `nn`) are copied the same way and banned by dotted path: "nn.BatchNorm1d"
 * hides only that member (the rest of `nn` stays usable), "nn" hides the whole namespace.
 * Instance-method entries ("Tensor.prototype.relu") cannot be hidden here — the class is shared with
 * the harness — so only the source scan (banned-scan.ts) enforces them.
 */
export function makeLearnerFacade(engine: Record<string, unknown>, banned: ReadonlySet<string>, onBanned: (name: string) => Error): object {
  const build = (source: Record<string, unknown>, prefix: string, depth: number): Record<string, unknown> => {
    const facade: Record<string, unknown> = {};
    for (const key of Object.keys(source)) {
      if (key === 'default' || key === '__esModule') continue;
      const path = prefix + key;
      if (banned.has(path)) {
        Object.defineProperty(facade, key, {
          get() {
            throw onBanned(path);
          },
          enumerable: false,
        });
        continue;
      }
      const value = source[key];
      // esbuild's `export * as nn` is a plain object; a native module namespace has a null prototype.
      const proto = typeof value === 'object' && value !== null ? Object.getPrototypeOf(value) : undefined;
      const isNamespace = proto === Object.prototype || proto === null;
      facade[key] = isNamespace && depth < 3 ? build(value as Record<string, unknown>, `${path}.`, depth + 1) : value;
    }
    return facade;
  };
  const facade = build(engine, '', 0);
  // sucrase's import interop: __esModule makes `import * as gl` return the facade itself instead of
  // copying every property (which would trip the banned getters at import time).
  Object.defineProperty(facade, '__esModule', { value: true });
  Object.defineProperty(facade, 'default', { value: facade });
  return facade;
}
