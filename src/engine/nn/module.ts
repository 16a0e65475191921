/**
 * Module: the base class of every layer, as in torch.nn.Module.
 *
 * Parameters and sub-modules are discovered from the module's own properties, the way PyTorch's
 * __setattr__ registers them, so a learner's custom module needs no registration calls:
 *   - a Tensor with requiresGrad          → parameter  (name = property name)
 *   - a Module                            → child      (its parameters get the "child." prefix)
 *   - an array of Modules / of Tensors    → children / parameters named "prop.0", "prop.1", ...
 * Properties whose names start with "_" are internal and never discovered (caches, hooks).
 * Buffers (BatchNorm's running statistics) are state that is saved but not trained; they are
 * declared explicitly with registerBuffer() because a plain tensor property is ambiguous.
 */
import { Tensor } from '../tensor';
import { ArgumentError } from '../errors';

/** Called after forward() with the module, its inputs and its output (torch register_forward_hook). */
export type ForwardHook = (module: Module<any[], any>, inputs: unknown[], output: unknown) => void;

/** Returned by registerForwardHook(); remove() unregisters the hook. */
export interface HookHandle {
  remove(): void;
}

export abstract class Module<In extends unknown[] = [Tensor], Out = Tensor> {
  /** Training mode (true) or evaluation mode (false): Dropout and BatchNorm behave differently. */
  training = true;
  /** Names of properties that hold buffers, in registration order. */
  private readonly _bufferNames: string[] = [];
  private readonly _forwardHooks: ForwardHook[] = [];

  /** The computation. Subclasses implement it; callers should prefer call(), which also runs hooks. */
  abstract forward(...inputs: In): Out;

  /** Runs forward() and then every forward hook (PyTorch: module(x)). */
  call(...inputs: In): Out {
    const output = this.forward(...inputs);
    if (this._forwardHooks.length > 0) {
      for (const hook of this._forwardHooks.slice()) hook(this, inputs, output);
    }
    return output;
  }

  /**
   * Registers fn(module, inputs, output) to run after every call(). Use it to record activations
   * (see captureActivations in metrics). Returns a handle whose remove() unregisters it.
   */
  registerForwardHook(fn: ForwardHook): HookHandle {
    if (typeof fn !== 'function') {
      throw new ArgumentError('registerForwardHook: expected a function (module, inputs, output) => void.');
    }
    this._forwardHooks.push(fn);
    return {
      remove: () => {
        const i = this._forwardHooks.indexOf(fn);
        if (i >= 0) this._forwardHooks.splice(i, 1);
      },
    };
  }

  /** Declares a non-trained state tensor stored in property `name` (e.g. runningMean). */
  protected registerBuffer(name: string, value: Tensor): Tensor {
    (this as unknown as Record<string, unknown>)[name] = value;
    if (!this._bufferNames.includes(name)) this._bufferNames.push(name);
    return value;
  }

  /** Direct parameters and children of this module, in property order. Containers override it. */
  protected ownEntries(): Array<[string, Tensor | Module<any[], any>]> {
    const entries: Array<[string, Tensor | Module<any[], any>]> = [];
    for (const key of Object.keys(this)) {
      if (key.startsWith('_') || this._bufferNames.includes(key)) continue;
      const value = (this as unknown as Record<string, unknown>)[key];
      if (value instanceof Module) entries.push([key, value]);
      else if (value instanceof Tensor) {
        if (value.requiresGrad) entries.push([key, value]);
      } else if (Array.isArray(value)) {
        value.forEach((item, i) => {
          if (item instanceof Module) entries.push([`${key}.${i}`, item]);
          else if (item instanceof Tensor && item.requiresGrad) entries.push([`${key}.${i}`, item]);
        });
      }
    }
    return entries;
  }

  /** Direct children with their names (PyTorch: named_children()). */
  namedChildren(): Array<[string, Module<any[], any>]> {
    return this.ownEntries().filter((e): e is [string, Module<any[], any>] => e[1] instanceof Module);
  }

  children(): Array<Module<any[], any>> {
    return this.namedChildren().map((e) => e[1]);
  }

  /** This module and every descendant, depth first; the root is named "" (PyTorch: named_modules()). */
  namedModules(prefix = ''): Array<[string, Module<any[], any>]> {
    const out: Array<[string, Module<any[], any>]> = [];
    const seen = new Set<Module<any[], any>>();
    const visit = (m: Module<any[], any>, name: string): void => {
      if (seen.has(m)) return; // a shared module is listed once, like PyTorch
      seen.add(m);
      out.push([name, m]);
      for (const [childName, child] of m.namedChildren()) visit(child, name === '' ? childName : `${name}.${childName}`);
    };
    visit(this, prefix);
    return out;
  }

  modules(): Array<Module<any[], any>> {
    return this.namedModules().map((e) => e[1]);
  }

  /**
   * Every trainable tensor with its dotted name ("layers.0.weight"), each tensor once even if
   * shared between layers (PyTorch: named_parameters()).
   */
  namedParameters(prefix = ''): Array<[string, Tensor]> {
    const out: Array<[string, Tensor]> = [];
    const seen = new Set<Tensor>();
    const join = (a: string, b: string): string => (a === '' ? b : `${a}.${b}`);
    const visit = (m: Module<any[], any>, name: string, stack: Set<Module<any[], any>>): void => {
      if (stack.has(m)) return;
      stack.add(m);
      for (const [key, value] of m.ownEntries()) {
        if (value instanceof Module) visit(value, join(name, key), stack);
        else if (!seen.has(value)) {
          seen.add(value);
          out.push([join(name, key), value]);
        }
      }
    };
    visit(this, prefix, new Set());
    return out;
  }

  /** Every trainable tensor (pass this to an optimizer or to clipGradNorm_). */
  parameters(): Tensor[] {
    return this.namedParameters().map((e) => e[1]);
  }

  /** Buffers with dotted names ("bn.runningMean"). */
  namedBuffers(): Array<[string, Tensor]> {
    const out: Array<[string, Tensor]> = [];
    for (const [prefix, m] of this.namedModules()) {
      for (const name of m._bufferNames) {
        const value = (m as unknown as Record<string, unknown>)[name];
        if (value instanceof Tensor) out.push([prefix === '' ? name : `${prefix}.${name}`, value]);
      }
    }
    return out;
  }

  buffers(): Tensor[] {
    return this.namedBuffers().map((e) => e[1]);
  }

  /** Sets training mode on this module and every descendant; returns this. */
  train(mode = true): this {
    for (const m of this.modules()) m.training = mode;
    return this;
  }

  /** Evaluation mode (train(false)): Dropout is the identity, BatchNorm uses running statistics. */
  eval(): this {
    return this.train(false);
  }

  /** Clears every parameter's .grad (gradients accumulate across backward() calls otherwise). */
  zeroGrad(): void {
    for (const p of this.parameters()) p.grad = null;
  }

  /** Copies of every parameter and buffer keyed by dotted name (PyTorch: state_dict()). */
  stateDict(): Record<string, Tensor> {
    const out: Record<string, Tensor> = {};
    for (const [name, t] of [...this.namedParameters(), ...this.namedBuffers()]) {
      out[name] = new Tensor(new Float64Array(t.data), t.shape);
    }
    return out;
  }

  /**
   * Copies values into parameters/buffers by dotted name, in place (PyTorch: load_state_dict).
   * Values may be tensors or flat/nested number arrays with the right number of elements.
   * strict (default true): every name must exist on both sides.
   */
  loadStateDict(state: Record<string, Tensor | ArrayLike<number> | unknown[]>, strict = true): void {
    const targets = new Map<string, Tensor>([...this.namedParameters(), ...this.namedBuffers()]);
    if (strict) {
      const missing = [...targets.keys()].filter((k) => !(k in state));
      const unexpected = Object.keys(state).filter((k) => !targets.has(k));
      if (missing.length > 0 || unexpected.length > 0) {
        throw new ArgumentError(
          `loadStateDict: names do not match. Missing: [${missing.join(', ')}]; unexpected: [${unexpected.join(', ')}]. ` +
            `Known names: [${[...targets.keys()].join(', ')}]. Pass strict=false to load a subset.`,
        );
      }
    }
    for (const [name, value] of Object.entries(state)) {
      const target = targets.get(name);
      if (target === undefined) continue;
      const flat = value instanceof Tensor ? value.data : flattenNumbers(value as unknown[]);
      if (flat.length !== target.data.length) {
        throw new ArgumentError(
          `loadStateDict: "${name}" has ${target.data.length} values (shape [${target.shape.join(', ')}]) ` +
            `but ${flat.length} were given.`,
        );
      }
      target.data.set(flat);
    }
  }

  /** Multi-line summary of the module tree, PyTorch style. */
  toString(): string {
    const children = this.namedChildren();
    const head = `${this.constructor.name}(${this.extraRepr()}`;
    if (children.length === 0) return `${head})`;
    const lines = children.map(([n, c]) => `  (${n}): ${c.toString().split('\n').join('\n  ')}`);
    return `${head}\n${lines.join('\n')}\n)`;
  }

  /** Constructor arguments shown by toString(), e.g. "in=64, out=64". */
  protected extraRepr(): string {
    return '';
  }
}

function flattenNumbers(value: unknown[] | ArrayLike<number>): number[] {
  const out: number[] = [];
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (typeof v === 'number') out.push(v);
    else if (v !== null && typeof v === 'object' && 'length' in (v as object)) Array.from(v as ArrayLike<number>).forEach(walk);
    else throw new ArgumentError(`loadStateDict: expected numbers, found ${String(v)}.`);
  };
  walk(value);
  return out;
}
