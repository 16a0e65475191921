/**
 * The JSON Schemas must mirror src/pack/types.ts. The Record<Union, true> tables below are checked
 * by the TypeScript compiler to list exactly the members of each type, and the tests compare them
 * with the schemas, so a field or enum value added on one side only fails here.
 */
import * as assert from 'assert';
import packSchema from '../../../schemas/pack.schema.json';
import exerciseSchema from '../../../schemas/exercise.schema.json';
import type { Comparator } from '../../../src/grading/types';
import type {
  ChartDef, ChartKind, CheckSpec, Condition, ExerciseManifest, ExportSpec, MetricDecl, PackManifest, Reduction,
} from '../../../src/pack/types';

type Keys<T> = Record<keyof T, true>;
const keys = (o: object) => Object.keys(o).sort();

const REDUCTIONS: Record<Reduction, true> = {
  value: true, first: true, last: true, min: true, max: true, mean: true, median: true, sum: true, norm: true,
  flatness: true, ratioFirstLast: true, ratioLastFirst: true, countNonFinite: true,
};
const COMPARATORS: Record<Comparator, true> = {
  '<=': true, '>=': true, '<': true, '>': true, between: true, finite: true, closeToReference: true, equals: true, true: true,
};
const CHART_KINDS: Record<ChartKind, true> = { layerNorms: true, series: true, timesteps: true };
const PACK_KEYS: Keys<PackManifest> = {
  $schema: true, id: true, title: true, version: true, formatVersion: true, description: true, exercises: true, locale: true, author: true, license: true,
};
const EXERCISE_KEYS: Keys<ExerciseManifest> = {
  $schema: true, id: true, title: true, topics: true, learnerFile: true, files: true, exports: true, seeds: true, limits: true,
  hints: true, bannedHelpers: true, metrics: true, checks: true, charts: true,
};
const CHECK_KEYS: Keys<CheckSpec> = {
  id: true, title: true, metric: true, reduce: true, op: true, threshold: true, rtol: true, atol: true, across: true,
  points: true, hidden: true, messages: true, explain: true, hint: true,
};
const CHART_KEYS: Keys<ChartDef> = { id: true, title: true, kind: true, metrics: true, compareReference: true, logScale: true, xLabel: true, yLabel: true };
const CONDITION_KEYS: Keys<Condition> = { metric: true, reduce: true, op: true, threshold: true };
const EXPORT_KEYS: Keys<ExportSpec> = { name: true, kind: true, signature: true };
const METRIC_KEYS: Keys<MetricDecl> = { description: true, kind: true };

const defs = exerciseSchema.definitions as Record<string, any>;

describe('JSON Schemas mirror src/pack/types.ts', () => {
  it('are draft-07 and forbid unknown keys on every object', () => {
    for (const schema of [packSchema, exerciseSchema]) {
      assert.strictEqual(schema.$schema, 'http://json-schema.org/draft-07/schema#');
    }
    walk(exerciseSchema, '#', (node, where) => {
      if (node.type === 'object' && node.properties) assert.strictEqual(node.additionalProperties, false, `${where} allows unknown keys`);
    });
    assert.strictEqual(packSchema.additionalProperties, false);
  });

  it('have the same properties as the TypeScript interfaces', () => {
    assert.deepStrictEqual(keys(packSchema.properties), keys(PACK_KEYS));
    assert.deepStrictEqual(keys(exerciseSchema.properties), keys(EXERCISE_KEYS));
    assert.deepStrictEqual(keys(defs.check.properties), keys(CHECK_KEYS));
    assert.deepStrictEqual(keys(defs.chart.properties), keys(CHART_KEYS));
    assert.deepStrictEqual(keys(defs.condition.properties), keys(CONDITION_KEYS));
    assert.deepStrictEqual(keys(defs.exportSpec.properties), keys(EXPORT_KEYS));
    assert.deepStrictEqual(keys(defs.metricDecl.properties), keys(METRIC_KEYS));
  });

  it('have the same enums as the TypeScript unions', () => {
    assert.deepStrictEqual([...defs.reduction.enum].sort(), keys(REDUCTIONS));
    assert.deepStrictEqual([...defs.comparator.enum].sort(), keys(COMPARATORS));
    assert.deepStrictEqual([...defs.chart.properties.kind.enum].sort(), keys(CHART_KINDS));
  });

  it('give every property a description (the instructors\' hover text) and every enum value one too', () => {
    for (const schema of [packSchema, exerciseSchema]) {
      walk(schema, '#', (node, where) => {
        for (const [name, prop] of Object.entries<any>(node.properties ?? {})) {
          if (/\/(if|then)(\/|$)/.test(where)) continue; // if/then refine a property described above; not hovered on their own
          const described = typeof prop === 'boolean' || prop.description || (prop.$ref && resolve(schema, prop.$ref).description);
          assert.ok(described, `${where}/properties/${name} has no description`);
        }
        if (node.enum && node.enumDescriptions) assert.strictEqual(node.enumDescriptions.length, node.enum.length, `${where} enumDescriptions`);
      });
    }
  });

  it('declare the documented defaults', () => {
    const p = exerciseSchema.properties as Record<string, any>;
    assert.deepStrictEqual(p.seeds.default, [1, 2, 3]);
    assert.deepStrictEqual(p.limits.default, { timeMs: 5000, memoryMb: 256 });
    assert.deepStrictEqual(p.files.default, { starter: 'starter.ts', solution: 'solution.ts', harness: 'harness.ts', readme: 'README.md' });
    assert.deepStrictEqual([p.bannedHelpers.default, p.hints.default, p.charts.default, p.topics.default], [[], [], [], []]);
    const c = defs.check.properties;
    assert.deepStrictEqual([c.reduce.default, c.across.default, c.points.default, c.hidden.default], ['value', 'every', 1, false]);
    assert.deepStrictEqual([defs.chart.properties.compareReference.default, defs.chart.properties.logScale.default], [true, true]);
    assert.strictEqual(p.hints.maxItems, 6);
    assert.strictEqual(p.hints.minItems, undefined); // 0–6 allowed; the loader warns outside 2–4
    assert.strictEqual(packSchema.properties.locale.default, 'en');
  });
});

function walk(node: any, where: string, visit: (node: any, where: string) => void): void {
  if (!node || typeof node !== 'object') return;
  visit(node, where);
  for (const [k, v] of Object.entries(node)) if (v && typeof v === 'object') walk(v, `${where}/${k}`, visit);
}

function resolve(schema: any, ref: string): any {
  return ref.replace(/^#\//, '').split('/').reduce((n, k) => n?.[k], schema) ?? {};
}
