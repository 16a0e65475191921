/**
 * JSON-Schema validation of manifests with Ajv, and the translation of Ajv's raw errors into
 * PackProblems an instructor can act on ("Unknown property "treshold" — fix: did you mean "threshold"?").
 *
 * The schemas are imported as JSON so that esbuild bundles them: nothing is read from disk at run time.
 */
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import packSchema from '../../schemas/pack.schema.json';
import exerciseSchema from '../../schemas/exercise.schema.json';
import { locatePointer, pointerSegments, type ParsedJson } from './json-text';
import { closestName } from './problems';
import type { PackProblem } from './types';

export type ManifestKind = 'pack' | 'exercise';

/**
 * What the schema accepts as one bannedHelpers entry ("clipGradNorm_", "nn.BatchNorm1d"), read from
 * the schema itself so the rules that run after it cannot disagree with it. 'u' as Ajv compiles it.
 */
export const BANNED_HELPER_NAME = new RegExp(exerciseSchema.properties.bannedHelpers.items.pattern, 'u');

let validators: Record<ManifestKind, ValidateFunction> | undefined;

function getValidator(kind: ManifestKind): ValidateFunction {
  if (!validators) {
    // useDefaults: the loader returns manifests with every default filled in, so no consumer
    // re-implements "seeds default to [1,2,3]". verbose: errors carry their schema, which we use
    // to name the allowed keys and values.
    const ajv = new Ajv({ allErrors: true, useDefaults: true, verbose: true, strict: true, allowUnionTypes: true });
    // VS Code's JSON language service reads these for completion and hovers; Ajv may ignore them.
    ajv.addVocabulary(['enumDescriptions', 'defaultSnippets']);
    validators = { pack: ajv.compile(packSchema), exercise: ajv.compile(exerciseSchema) };
  }
  return validators[kind];
}

/** Validates (and fills in defaults of) `parsed.value` in place; returns the schema problems. */
export function schemaProblems(kind: ManifestKind, parsed: ParsedJson, file: string): PackProblem[] {
  const validate = getValidator(kind);
  if (validate(parsed.value)) return [];
  const problems: PackProblem[] = [];
  const seen = new Set<string>();
  for (const error of validate.errors ?? []) {
    const translated = translateError(error, parsed.value);
    if (!translated) continue;
    const key = translated.jsonPath + '\u0000' + translated.message;
    if (seen.has(key)) continue; // the same rule can fail through two $ref paths
    seen.add(key);
    const position = locatePointer(parsed, translated.jsonPath, translated.atKey);
    problems.push({ file, jsonPath: translated.jsonPath, ...position, message: translated.message, fix: translated.fix, severity: 'error' });
  }
  return problems;
}

interface Translated {
  jsonPath: string;
  message: string;
  fix: string;
  /** Locate the property's key rather than its value. */
  atKey?: boolean;
}

/** Human words for the patterns the schemas use, keyed by the pattern source. */
const PATTERN_WORDS: Record<string, { what: string; fix: string }> = {
  '^[a-z0-9]+(-[a-z0-9]+)*$': {
    what: 'is not a lowercase kebab-case id',
    fix: 'Use lowercase letters, digits and single hyphens, e.g. "clip-global-norm".',
  },
  '^[^/\\\\]+\\.ts$': { what: 'is not a bare TypeScript file name', fix: 'Write a file name ending in .ts with no folder, e.g. "clip.ts".' },
  '^[A-Za-z_$][A-Za-z0-9_$]*$': { what: 'is not a JavaScript identifier', fix: 'Use the exact export name, e.g. "clipGradNorm".' },
  '^[A-Za-z_$][A-Za-z0-9_$]*(\\.[A-Za-z_$][A-Za-z0-9_$]*)*$': {
    what: 'is not an engine name (an identifier, or dotted identifiers such as "nn.BatchNorm1d")',
    fix: 'Write an export ("clipGradNorm_"), a namespace member ("nn.BatchNorm1d") or a tensor method ("Tensor.prototype.relu").',
  },
  '^(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)(-[0-9A-Za-z.-]+)?(\\+[0-9A-Za-z.-]+)?$': { what: 'is not a semantic version', fix: 'Write MAJOR.MINOR.PATCH, e.g. "1.0.0".' },
  '^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$': { what: 'is not a BCP-47 language tag', fix: 'Write e.g. "en", "de" or "pt-BR".' },
  '^[A-Za-z][A-Za-z0-9_]*$': { what: 'is not a valid metric name', fix: 'Start with a letter and use only letters, digits and _, e.g. "layerNorms".' },
};

function translateError(error: ErrorObject, root: unknown): Translated | undefined {
  const at = error.instancePath;
  const params = error.params as Record<string, any>;
  const data = error.data;
  switch (error.keyword) {
    case 'if':
      return undefined; // "must match then schema": the `then` error that follows says what is wrong
    case 'required': {
      const missing: string = params.missingProperty;
      const propSchema = (error.parentSchema as any)?.properties?.[missing];
      const op = opOf(root, at);
      const why = missing === 'threshold' && op ? ` (op "${op}" compares with a threshold)` : '';
      return {
        jsonPath: `${at}/${missing}`,
        message: `"${missing}" is required${why}.`,
        fix: `Add "${missing}": ${exampleValue(missing, op)}` + (propSchema?.description ? ` — ${propSchema.description}` : '.'),
      };
    }
    case 'additionalProperties': {
      const key: string = params.additionalProperty;
      const known = Object.keys((error.parentSchema as any)?.properties ?? {}).filter((k) => k !== '$schema');
      const suggestion = closestName(key, known);
      return {
        jsonPath: `${at}/${escapePointer(key)}`,
        atKey: true,
        message: `Unknown property "${key}".`,
        fix: suggestion ? `Did you mean "${suggestion}"? Rename it.` : `Remove it. Allowed here: ${known.join(', ')}.`,
      };
    }
    case 'false schema': {
      const key = pointerSegments(at).pop() ?? '';
      const op = opOf(root, parentPointer(at));
      return {
        jsonPath: at,
        atKey: true,
        message: op ? `"${key}" is not used with op "${op}".` : `"${key}" is not allowed here.`,
        fix: key === 'threshold' && op === 'closeToReference'
          ? 'Remove it: closeToReference compares with the reference solution\'s value; set the tolerance with rtol and/or atol.'
          : key === 'rtol' || key === 'atol'
            ? `Remove it: tolerances apply only to op "equals" and "closeToReference".`
            : 'Remove it.',
      };
    }
    case 'enum':
    case 'const': {
      const allowed: unknown[] = error.keyword === 'enum' ? params.allowedValues : [params.allowedValue];
      const suggestion = typeof data === 'string' ? (OP_ALIASES[data.toLowerCase()] ?? closestName(data, allowed.map(String))) : undefined;
      return {
        jsonPath: at,
        message: `must be one of ${allowed.map((v) => JSON.stringify(v)).join(', ')} (got ${JSON.stringify(data)}).`,
        fix: suggestion ? `Did you mean "${suggestion}"?` : 'Use one of the listed values.',
      };
    }
    case 'type': {
      const expected = String(params.type).split(',').map(typeWord).join(' or ');
      const op = at.endsWith('/threshold') ? opOf(root, parentPointer(at)) : undefined;
      return {
        jsonPath: at,
        message: `expected ${expected}, got ${describeValue(data)}` + (op ? ` (for op "${op}")` : '') + '.',
        fix: op === 'between' ? 'Write the threshold as a pair [lo, hi], e.g. [0.9, 1.1].'
          : op ? 'Write the threshold as a single number, e.g. 1e-6.'
            : `Write ${expected} here.`,
      };
    }
    case 'pattern': {
      if ((error as any).propertyName !== undefined) return undefined; // reported by 'propertyNames'
      const words = PATTERN_WORDS[params.pattern];
      return {
        jsonPath: at,
        message: `${JSON.stringify(data)} ${words?.what ?? `does not match the pattern ${params.pattern}`}.`,
        fix: words?.fix ?? 'Correct the value.',
      };
    }
    case 'propertyNames': {
      const name: string = params.propertyName;
      const words = PATTERN_WORDS[(error.schema as any)?.pattern];
      return {
        jsonPath: `${at}/${escapePointer(name)}`,
        atKey: true,
        message: `The name ${JSON.stringify(name)} ${words?.what ?? 'is not allowed'}.`,
        fix: words?.fix ?? 'Rename it.',
      };
    }
    case 'minItems':
    case 'maxItems': {
      const limit: number = params.limit;
      const count = Array.isArray(data) ? data.length : 0;
      const isPair = at.endsWith('/threshold');
      return {
        jsonPath: at,
        message: isPair ? `a "between" threshold must be a pair [lo, hi] (got ${count} number${count === 1 ? '' : 's'}).`
          : `must have ${error.keyword === 'minItems' ? 'at least' : 'at most'} ${limit} item${limit === 1 ? '' : 's'} (has ${count}).`,
        fix: isPair ? 'Write exactly two numbers, e.g. [0.9, 1.1].'
          : error.keyword === 'minItems' ? `Add ${limit - count === 1 ? 'an item' : 'items'}.` : 'Remove or merge items.',
      };
    }
    case 'minProperties':
      return { jsonPath: at, message: `must have at least ${params.limit} entr${params.limit === 1 ? 'y' : 'ies'}.`, fix: 'Declare every metric the harness records, e.g. "globalNorm": {"description": "…", "kind": "scalar"}.' };
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      return { jsonPath: at, message: `must be ${params.comparison} ${params.limit} (got ${JSON.stringify(data)}).`, fix: `Use a value ${params.comparison} ${params.limit}.` };
    case 'minLength':
      return { jsonPath: at, message: 'must not be empty.', fix: 'Write some text here, or remove the property if it is optional.' };
    case 'maxLength':
      return { jsonPath: at, message: `is too long (at most ${params.limit} characters).`, fix: 'Shorten it.' };
    case 'uniqueItems':
      return {
        jsonPath: `${at}/${params.i}`,
        message: `duplicate entry ${JSON.stringify(Array.isArray(data) ? data[params.i] : undefined)} (items ${params.j} and ${params.i} are identical).`,
        fix: 'Remove the duplicate.',
      };
    default:
      return { jsonPath: at, message: `${error.message ?? 'is invalid'}.`, fix: 'Correct the value (see docs/authoring.md).' };
  }
}

/** Spellings of comparators from other tools ("lte", "≤") that edit distance cannot map to "<=". */
const OP_ALIASES: Record<string, string> = {
  lte: '<=', le: '<=', '≤': '<=', '=<': '<=', gte: '>=', ge: '>=', '≥': '>=', '=>': '>=',
  lt: '<', gt: '>', eq: 'equals', '==': 'equals', '===': 'equals', '=': 'equals', range: 'between', isfinite: 'finite',
};

function exampleValue(property: string, op: string | undefined): string {
  if (property === 'threshold') return op === 'between' ? '[lo, hi]' : '<number>';
  if (property === 'messages') return '{"pass": "…", "fail": "…"}';
  return '…';
}

function typeWord(t: string): string {
  return { number: 'a number', integer: 'a whole number', string: 'a string', boolean: 'true or false', array: 'an array', object: 'an object', null: 'null' }[t] ?? t;
}

function describeValue(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return `an array (${JSON.stringify(v)})`;
  if (typeof v === 'object') return 'an object';
  if (typeof v === 'number') return Number.isInteger(v) ? `the number ${v}` : `a fractional number (${v})`;
  return `${typeof v === 'string' ? 'a string' : typeof v} (${JSON.stringify(v)})`;
}

function escapePointer(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}

function parentPointer(pointer: string): string {
  return pointer.slice(0, pointer.lastIndexOf('/'));
}

/** The `op` of the object at `pointer` in the data (to explain threshold rules), if any. */
function opOf(root: unknown, pointer: string): string | undefined {
  let node: any = root;
  for (const s of pointerSegments(pointer)) node = node?.[s];
  return node && typeof node === 'object' && typeof node.op === 'string' ? node.op : undefined;
}
