/**
 * Metric records as they arrive from the sandbox (JSON: NaN/±inf are null + a `nonFinite` tag) turned
 * back into plain numbers, plus the "where did it first go non-finite" lookup that messages and
 * charts both need.
 */
import type { MetricRecord } from '../runner/harness-api';

export type NonFiniteKind = 'nan' | 'inf' | '-inf';

export interface DecodedMetric {
  kind: 'scalar' | 'vector';
  /** Real IEEE values again: NaN, Infinity, -Infinity restored from the JSON encoding. */
  values: number[];
  labels?: string[];
}

function decodeOne(value: number | null, tag: NonFiniteKind | null | undefined): number {
  if (value !== null && typeof value === 'number') return value;
  if (tag === 'inf') return Infinity;
  if (tag === '-inf') return -Infinity;
  // null without a tag is treated as NaN: a value the sandbox could not represent is never a pass.
  return NaN;
}

export function decodeMetric(record: MetricRecord): DecodedMetric {
  if (record.kind === 'scalar') {
    return { kind: 'scalar', values: [decodeOne(record.value, record.nonFinite)] };
  }
  const values = record.values.map((v, i) => decodeOne(v, record.nonFinite?.[i]));
  return record.labels ? { kind: 'vector', values, labels: record.labels } : { kind: 'vector', values };
}

export function nonFiniteKind(x: number): NonFiniteKind | null {
  if (Number.isNaN(x)) return 'nan';
  if (x === Infinity) return 'inf';
  if (x === -Infinity) return '-inf';
  return null;
}

/** Spelling used in learner messages: "NaN", "inf", "-inf". */
export function nonFiniteWord(kind: NonFiniteKind): string {
  return kind === 'nan' ? 'NaN' : kind;
}

export interface NonFiniteLocation {
  index: number;
  kind: NonFiniteKind;
}

/** The first NaN/±inf entry, or null when every entry is finite. */
export function firstNonFinite(values: readonly number[]): NonFiniteLocation | null {
  for (let i = 0; i < values.length; i++) {
    const kind = nonFiniteKind(values[i]);
    if (kind) return { index: i, kind };
  }
  return null;
}

/** What one entry of a vector is called when it has no label: "step 17", "layer 3", "timestep 5". */
export type EntryNoun = 'step' | 'layer' | 'timestep' | 'entry';

/** The learner-facing name of entry `index`: its label when the harness gave one, else noun + (index+1). */
export function entryName(metric: DecodedMetric, index: number, noun: EntryNoun): string {
  const label = metric.labels?.[index];
  return label !== undefined && label !== '' ? label : `${noun} ${index + 1}`;
}
