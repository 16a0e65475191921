/**
 * The HarnessContext (src/runner/harness-api.ts) as implemented inside the sandbox. The checks here
 * are what make "the harness measures the truth" hold: expectTensor accepts only objects the engine
 * itself made (exact engine prototypes, a real Float64Array of the right length, no own properties
 * shadowing engine methods), so a hard-coded number or a look-alike object cannot pass for a tensor.
 */
import type { HarnessContext } from '../../harness-api';
import type * as Engine from '../../../engine/index';
import type { ConsoleBuffer } from './console-capture';
import { describeValue } from './describe';
import { failure, harnessFailure } from './failures';
import { learnerException, type Files } from './classify';
import { encodeScalar, encodeVector, type MetricStore } from './metrics';

type EngineModule = typeof Engine;

const typedArrayTag = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(Float64Array.prototype), Symbol.toStringTag)!.get!;

/** Brand check that a Proxy or an object with Float64Array.prototype cannot fake. */
export function isRealFloat64Array(value: unknown): value is Float64Array {
  return typedArrayTag.call(value) === 'Float64Array' && Object.getPrototypeOf(value) === Float64Array.prototype;
}

function formatShape(shape: readonly number[]): string {
  return `[${shape.join(', ')}]`;
}

export interface TensorChecker {
  /** Why `value` is not a genuine engine tensor, or null when it is one. */
  problem(value: unknown): string | null;
  isTensor(value: unknown): boolean;
}

/** Built once, before lock-down, from the engine's own classes. */
export function makeTensorChecker(engine: EngineModule | Record<string, unknown>): TensorChecker {
  const TensorClass = (engine as Record<string, unknown>).Tensor as (new (...args: never[]) => unknown) | undefined;
  const tensorProto: object | undefined = TensorClass?.prototype as object | undefined;
  // Engine subclasses of Tensor (e.g. a Parameter class) are genuine too.
  const engineProtos = new Set<object>();
  const methodNames = new Set<PropertyKey>();
  if (tensorProto) {
    for (const value of Object.values(engine)) {
      if (typeof value !== 'function' || typeof value.prototype !== 'object' || value.prototype === null) continue;
      let p: object | null = value.prototype as object;
      while (p && p !== tensorProto) p = Object.getPrototypeOf(p);
      if (p === tensorProto) engineProtos.add(value.prototype as object);
    }
    for (let p: object | null = tensorProto; p && p !== Object.prototype; p = Object.getPrototypeOf(p)) {
      for (const key of Reflect.ownKeys(p)) methodNames.add(key);
    }
    for (const proto of engineProtos) for (const key of Reflect.ownKeys(proto)) methodNames.add(key);
  }

  const problem = (value: unknown): string | null => {
    if (!tensorProto) return 'the engine has no Tensor class';
    if (typeof value !== 'object' || value === null) return 'not a Tensor';
    if (!engineProtos.has(Object.getPrototypeOf(value) as object)) return 'an object that only looks like a Tensor (make tensors with the gradlab functions)';
    for (const key of Reflect.ownKeys(value)) {
      const desc = Object.getOwnPropertyDescriptor(value, key)!;
      if (!('value' in desc)) return `a Tensor whose '${String(key)}' was redefined`;
      if (key !== 'constructor' && methodNames.has(key)) return `a Tensor whose method '${String(key)}' was replaced`;
    }
    const dataDesc = Object.getOwnPropertyDescriptor(value, 'data');
    const shapeDesc = Object.getOwnPropertyDescriptor(value, 'shape');
    if (!dataDesc || !isRealFloat64Array(dataDesc.value)) return 'a Tensor whose data is not a Float64Array';
    const shape = shapeDesc?.value as unknown;
    if (!Array.isArray(shape) || !shape.every((d) => Number.isInteger(d) && d >= 0)) return 'a Tensor with an invalid shape';
    const size = shape.reduce((a: number, b: number) => a * b, 1);
    if (size !== dataDesc.value.length) return 'a Tensor whose data length does not match its shape';
    return null;
  };
  return { problem, isTensor: (v) => problem(v) === null };
}

export interface SeedScope {
  seed: number;
  engine: EngineModule;
  learnerExports: Record<string, unknown>;
  metrics: MetricStore;
  console: ConsoleBuffer;
  files: Files;
  tensors: TensorChecker;
}

function harnessBug(message: string, files: Files): Error {
  return harnessFailure(message, { file: files.harnessFile });
}

export function makeHarnessContext(scope: SeedScope): HarnessContext {
  const { files, tensors } = scope;
  const describe = (v: unknown) => describeValue(v, tensors.isTensor);

  const getExport = <T>(name: string): T => {
    const value = scope.learnerExports[name];
    if (value === undefined) {
      throw failure('missing-export', `${files.learnerFile} does not export '${name}'. Add \`export function ${name}(…) { … }\` (keep the name exactly).`, {
        file: files.learnerFile,
      }, true);
    }
    if (typeof value !== 'function') return value as T;
    if (/^class[\s{]/.test(Function.prototype.toString.call(value))) return value as T; // classes are constructed by the harness
    const learnerFn = value as (...args: unknown[]) => unknown;
    // Anything thrown while the learner's function runs is the learner's, even `throw 42`.
    // Called without a receiver, `this` is the learner's exports object, as for `module.fn(x)`.
    const wrapped = function (this: unknown, ...args: unknown[]) {
      try {
        return Reflect.apply(learnerFn, this ?? scope.learnerExports, args);
      } catch (thrown) {
        throw learnerException(thrown, files, tensors.isTensor);
      }
    };
    return wrapped as unknown as T;
  };

  const context: HarnessContext = {
    seed: scope.seed,
    engine: scope.engine,
    getExport,
    call<R>(name: string, ...args: unknown[]): R {
      const fn = getExport<unknown>(name);
      if (typeof fn !== 'function') {
        throw failure('missing-export', `'${name}' in ${files.learnerFile} must be a function, but it is ${describe(fn)}.`, { file: files.learnerFile }, true);
      }
      return (fn as (...a: unknown[]) => R)(...args);
    },
    record(name: string, value: number | boolean): void {
      if (typeof name !== 'string' || name === '') throw harnessBug('ctx.record needs a metric name.', files);
      if (typeof value === 'boolean') value = value ? 1 : 0;
      if (typeof value !== 'number') throw harnessBug(`ctx.record('${name}', …) needs a number, got ${describe(value)}.`, files);
      scope.metrics.set(name, encodeScalar(value));
    },
    recordVector(name: string, values: ArrayLike<number>, labels?: string[]): void {
      if (typeof name !== 'string' || name === '') throw harnessBug('ctx.recordVector needs a metric name.', files);
      const list: number[] = [];
      const length = values?.length;
      if (typeof length !== 'number') throw harnessBug(`ctx.recordVector('${name}', …) needs an array of numbers, got ${describe(values)}.`, files);
      for (let i = 0; i < length; i++) {
        const v = values[i];
        if (typeof v !== 'number') throw harnessBug(`ctx.recordVector('${name}', …): entry ${i} is ${describe(v)}, not a number.`, files);
        list.push(v);
      }
      if (labels !== undefined && (!Array.isArray(labels) || labels.length !== list.length)) {
        throw harnessBug(`ctx.recordVector('${name}', …): ${list.length} values but labels has ${Array.isArray(labels) ? labels.length : 'no'} entries.`, files);
      }
      scope.metrics.set(name, encodeVector(list, labels?.map(String)));
    },
    expectTensor(value: unknown, what: string, shape?: readonly number[]) {
      const problem = tensors.problem(value);
      if (problem) {
        throw failure('wrong-type', `Expected ${what} to be a Tensor from the gradlab engine, but got ${problem === 'not a Tensor' ? describe(value) : problem}.`, {
          file: files.learnerFile,
        });
      }
      const tensor = value as Engine.Tensor;
      if (shape) {
        const actual = tensor.shape;
        const same = actual.length === shape.length && actual.every((d, i) => d === shape[i]);
        if (!same) {
          throw failure('wrong-shape', `Expected ${what} to have shape ${formatShape(shape)}, but it has shape ${formatShape(actual)}.`, {
            file: files.learnerFile,
          });
        }
      }
      return tensor;
    },
    expectNumber(value: unknown, what: string, opts?: { allowNonFinite?: boolean }): number {
      if (typeof value !== 'number') {
        throw failure('wrong-type', `Expected ${what} to be a number, but got ${describe(value)}.`, { file: files.learnerFile });
      }
      if (!opts?.allowNonFinite && !Number.isFinite(value)) {
        throw failure('non-finite', `${what} is ${String(value)} on seed ${scope.seed}: something overflowed or divided by zero.`, {
          file: files.learnerFile,
          seed: scope.seed,
        });
      }
      return value;
    },
    fail(kind, message): never {
      const allowed = ['wrong-type', 'wrong-shape', 'non-finite', 'exception'];
      if (!allowed.includes(kind)) throw harnessBug(`ctx.fail got unknown kind '${String(kind)}'.`, files);
      throw failure(kind, String(message), { file: files.learnerFile });
    },
    log(text: string): void {
      scope.console.write('info', [String(text)]);
    },
  };
  return Object.freeze(context);
}
