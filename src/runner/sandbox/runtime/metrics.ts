/**
 * The metric recorder behind ctx.record / ctx.recordVector, producing the JSON encoding defined in
 * src/runner/harness-api.ts: NaN and ±inf become null plus a `nonFinite` tag, because JSON has no
 * spelling for them and a NaN blow-up is exactly what some checks look for.
 */
import type { MetricRecord, RecordedMetrics, ScalarMetric, VectorMetric } from '../../harness-api';

type NonFiniteTag = 'nan' | 'inf' | '-inf';

function nonFiniteTag(v: number): NonFiniteTag | null {
  if (Number.isNaN(v)) return 'nan';
  if (v === Infinity) return 'inf';
  if (v === -Infinity) return '-inf';
  return null;
}

export function encodeScalar(value: number): ScalarMetric {
  const tag = nonFiniteTag(value);
  return tag ? { kind: 'scalar', value: null, nonFinite: tag } : { kind: 'scalar', value: Object.is(value, -0) ? 0 : value };
}

export function encodeVector(values: readonly number[], labels?: readonly string[]): VectorMetric {
  const out: Array<number | null> = [];
  const tags: Array<NonFiniteTag | null> = [];
  let anyNonFinite = false;
  for (const v of values) {
    const tag = nonFiniteTag(v);
    out.push(tag ? null : Object.is(v, -0) ? 0 : v);
    tags.push(tag);
    if (tag) anyNonFinite = true;
  }
  const metric: VectorMetric = { kind: 'vector', values: out };
  if (anyNonFinite) metric.nonFinite = tags;
  if (labels) metric.labels = labels.slice();
  return metric;
}

export class MetricStore {
  private metrics: Record<string, MetricRecord> = Object.create(null);

  set(name: string, record: MetricRecord): void {
    this.metrics[name] = record;
  }

  /** Metrics of this seed, then start afresh. */
  take(): RecordedMetrics {
    const out: RecordedMetrics = {};
    for (const key of Object.keys(this.metrics)) out[key] = this.metrics[key];
    this.metrics = Object.create(null);
    return out;
  }
}
