/**
 * The import rules between GradLab's layers (docs/architecture.md, "Layers"), as data plus one pure
 * checker, so layering.test.ts can run them over src/ and over small made-up cases that must fail.
 *
 * Why a test and not only ESLint's no-restricted-imports: path patterns in ESLint depend on how
 * deep the importing file sits (`../cli/*` from src/extension/x.ts, `../../cli/*` from
 * src/extension/commands/x.ts) and a later flat-config block silently replaces an earlier block's
 * options for the same rule. Resolving every specifier to a layer has neither problem.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { builtinModules } from 'node:module';
import * as ts from 'typescript';

/** A resolved import: the layer folder under src/ it lands in, or the package it names. */
export type ImportTarget =
  | { kind: 'layer'; layer: string; file: string }
  | { kind: 'package'; name: string }
  | { kind: 'outside'; file: string };

export interface SourceImports {
  /** Path relative to src/, with forward slashes: "extension/commands/authoring.ts". */
  file: string;
  imports: Array<{ specifier: string; target: ImportTarget }>;
}

const NODE_BUILTINS = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));
/** tsconfig "paths": learner and harness code import the engine as `gradlab`. */
const PATH_ALIASES: Record<string, string> = { gradlab: 'engine/index.ts', 'gradlab/harness': 'runner/harness-api.ts' };

export function resolveImport(fromFile: string, specifier: string): ImportTarget {
  const aliased = PATH_ALIASES[specifier];
  if (aliased) return { kind: 'layer', layer: aliased.split('/')[0], file: aliased };
  if (!specifier.startsWith('.')) {
    const name = specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0];
    return { kind: 'package', name };
  }
  const resolved = path.posix.normalize(path.posix.join(path.posix.dirname(fromFile), specifier));
  if (resolved.startsWith('..')) return { kind: 'outside', file: resolved };
  return { kind: 'layer', layer: resolved.split('/')[0], file: resolved };
}

/** Static imports, re-exports, `import type`, `import('…')` and `require('…')`. */
export function importsOf(file: string, text: string): SourceImports {
  const info = ts.preProcessFile(text, true, true);
  return { file, imports: info.importedFiles.map((i) => ({ specifier: i.fileName, target: resolveImport(file, i.fileName) })) };
}

export function scanSources(srcDir: string): SourceImports[] {
  const out: SourceImports[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.tsx?$/.test(entry.name)) out.push(importsOf(path.relative(srcDir, full).split(path.sep).join('/'), fs.readFileSync(full, 'utf8')));
    }
  };
  walk(srcDir);
  return out;
}

/** Which of our layers each layer may import (its own layer is always allowed). */
export const MAY_IMPORT: Record<string, readonly string[]> = {
  engine: [],
  pack: ['engine', 'grading'],
  runner: ['engine', 'grading'],
  grading: ['engine', 'pack', 'runner'],
  protocol: ['grading'],
  cli: ['engine', 'pack', 'runner', 'grading'],
  extension: ['engine', 'pack', 'runner', 'grading', 'protocol'],
  webview: ['protocol', 'grading'],
};

/** pack and runner share only the result contract with grading, never its code. */
const TYPES_ONLY_FROM_GRADING = new Set(['pack', 'runner']);

export interface Violation {
  file: string;
  specifier: string;
  rule: string;
}

export function layeringViolations(sources: SourceImports[]): Violation[] {
  const violations: Violation[] = [];
  for (const { file, imports } of sources) {
    const layer = file.split('/')[0];
    const allowed = MAY_IMPORT[layer];
    for (const { specifier, target } of imports) {
      const flag = (rule: string) => violations.push({ file, specifier, rule });
      if (target.kind === 'package') {
        if (target.name === 'vscode' && layer !== 'extension') flag('only src/extension may import vscode');
        else if (layer === 'engine') flag(NODE_BUILTINS.has(target.name) ? 'src/engine uses no Node API' : 'src/engine imports no packages');
        continue;
      }
      if (target.kind === 'outside') {
        if (layer === 'engine') flag('src/engine imports nothing outside src/engine');
        continue;
      }
      if (target.layer === layer || allowed === undefined) continue;
      if (layer === 'extension' && target.layer === 'cli') flag('src/extension never imports src/cli: shared code belongs in src/grading (or lower)');
      else if (!allowed.includes(target.layer)) flag(`src/${layer} may import only ${allowed.length ? allowed.map((l) => `src/${l}`).join(', ') : 'itself'}, not src/${target.layer}`);
      else if (TYPES_ONLY_FROM_GRADING.has(layer) && target.layer === 'grading' && target.file.replace(/\.[jt]s$/, '') !== 'grading/types') {
        flag(`src/${layer} may import only grading/types (the GradeResult contract) from src/grading`);
      }
    }
  }
  return violations;
}
