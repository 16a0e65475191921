/**
 * The names `bannedHelpers` may refer to: the engine's exports ("clipGradNorm_"), members of its
 * namespaces ("nn.BatchNorm1d", "init.kaimingNormal_") and instance methods of its classes
 * ("Tensor.prototype.relu"). Read lazily (on first use, not at module load) because the engine grows
 * while packs are written; a pack naming a helper that this build of the engine lacks is still worth
 * a clear message rather than a crash.
 */
import * as engine from '../engine/index';

/** Below this many exports the engine is evidently incomplete, so unknown names only warn. */
export const MIN_COMPLETE_ENGINE_EXPORTS = 20;

let cached: string[] | undefined;

export function engineExportNames(): string[] {
  if (!cached) cached = ownNames(engine).sort();
  return cached;
}

/** For tests: forget the cached list (e.g. after substituting names with `setEngineExportNamesForTest`). */
export function setEngineExportNamesForTest(names: string[] | undefined): void {
  cached = names;
}

/** Why a bannedHelpers entry names nothing in the engine; `candidates` are full names for "did you mean". */
export interface EngineNameProblem {
  message: string;
  candidates: string[];
  /** What to do when no candidate is close enough. */
  fix?: string;
}

/** undefined when `name` is something the engine has (and so something banning can hide). */
export function engineNameProblem(name: string): EngineNameProblem | undefined {
  const parts = name.split('.');
  const top = engineExportNames();
  if (!top.includes(parts[0])) {
    if (parts.length === 1) return { message: `"${name}" is not an export of the GradLab engine, so banning it has no effect.`, candidates: top };
    return {
      message: `"${name}": the GradLab engine has no export "${parts[0]}", so banning it has no effect.`,
      candidates: top.map((t) => [t, ...parts.slice(1)].join('.')),
    };
  }
  let value: unknown = (engine as Record<string, unknown>)[parts[0]];
  for (let k = 1; k < parts.length; k++) {
    const owner = parts.slice(0, k).join('.');
    const part = parts[k];
    if (isNamespace(value)) {
      const keys = ownNames(value);
      if (!keys.includes(part)) {
        return {
          message: `"${name}" is not in the engine's ${owner} namespace, so banning it has no effect.`,
          candidates: keys.map((key) => `${owner}.${key}`),
          fix: `${owner} holds: ${keys.join(', ')}.`,
        };
      }
      value = value[part];
      continue;
    }
    if (typeof value === 'function' && part === 'prototype' && k === parts.length - 2) {
      const methods = instanceMemberNames(value);
      if (methods.includes(parts[k + 1])) return undefined;
      return {
        message: `"${name}": ${owner} has no instance method "${parts[k + 1]}", so banning it has no effect.`,
        candidates: methods.map((m) => `${owner}.prototype.${m}`),
      };
    }
    if (typeof value === 'function' && k === parts.length - 1 && instanceMemberNames(value).includes(part)) {
      return {
        message: `"${name}" is not a member of ${owner} itself: ${part} is a method of ${owner} instances.`,
        candidates: [],
        fix: `To ban the method (x.${part}()), write "${owner}.prototype.${part}".`,
      };
    }
    return {
      message: `"${name}": ${owner} is ${typeof value === 'function' ? 'a function or class' : 'a value'}, not a namespace, so nothing can be banned inside it.`,
      candidates: [],
      fix:
        `Dotted names reach into the engine's namespaces (${top.filter((t) => isNamespace((engine as Record<string, unknown>)[t])).join(', ')}), ` +
        `e.g. "nn.BatchNorm1d", or name an instance method, e.g. "Tensor.prototype.relu". To ban ${owner} itself, write "${owner}".`,
    };
  }
  return undefined;
}

/** `export * as nn` is a plain object once bundled and a null-prototype namespace object in Node. */
function isNamespace(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function ownNames(value: object): string[] {
  // esModuleInterop's namespace wrapper adds "default"; it is not an engine export.
  return Object.keys(value).filter((k) => k !== 'default' && k !== '__esModule');
}

/** Methods and accessors an instance of this class has (own prototype chain, without Object's). */
function instanceMemberNames(cls: { prototype?: unknown }): string[] {
  const names = new Set<string>();
  for (let p: unknown = cls.prototype; p && p !== Object.prototype; p = Object.getPrototypeOf(p)) {
    for (const n of Object.getOwnPropertyNames(p)) if (n !== 'constructor') names.add(n);
  }
  return [...names].sort();
}
