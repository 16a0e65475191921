/**
 * The declarations of 'gradlab/harness' written into a pack's .gradlab/types/ (next to the engine's
 * index.d.ts), so harness.ts files type-check in the author's editor. The engine's declarations come
 * from dist/types (scripts/build-types.mjs); the harness API lives outside the engine, so its
 * declaration is kept here as text. It is src/runner/harness-api.ts as TypeScript declares it, with
 * the engine import pointing at ./index: test/unit/instructor/editor-support.test.ts regenerates it
 * and fails (printing the new text) when the two drift apart.
 */
export const HARNESS_DTS = `/**
 * The harness API: what an exercise's harness.ts receives. Authors import its types with
 *   import type { HarnessContext } from 'gradlab/harness';
 * and default-export one function:
 *   export default function harness(ctx: HarnessContext): void { ... }
 *
 * The runner calls that function once per seed, inside the sandbox, after seeding the engine's RNG
 * with \`ctx.seed\`. The harness calls the submission's exports (learner file, or the reference
 * solution when the grader computes the reference curve) and records metrics. Checks and charts in
 * exercise.json read those metrics by name. The grader, not the harness, decides pass/fail.
 *
 * Implemented inside the sandbox by src/runner/sandbox/runtime.ts; this file is types only.
 */
import type * as Engine from './index';
export type { Engine };
export interface HarnessContext {
    /** The seed for this run; the engine RNG is already seeded with it. */
    readonly seed: number;
    /** The full engine (banned helpers included: the harness may use them to compute expectations). */
    readonly engine: typeof Engine;
    /**
     * Returns the submission's export \`name\`, checking it exists and (for kind "function") is a
     * function. Otherwise throws a learner-facing 'missing-export' failure naming the export.
     */
    getExport<T = (...args: any[]) => any>(name: string): T;
    /**
     * Calls a submission function so that anything it throws is reported as the learner's
     * exception, mapped to the learner's line, rather than as a harness bug.
     */
    call<R = unknown>(name: string, ...args: unknown[]): R;
    /** Records a scalar metric (booleans are stored as 1/0). NaN and ±inf are kept, not rejected. */
    record(name: string, value: number | boolean): void;
    /**
     * Records a vector metric: per-layer gradient norms, a series over training steps, ‖∂L/∂h_t‖ over
     * t… \`labels\` name the entries (e.g. "layer 1") for charts and tables.
     */
    recordVector(name: string, values: ArrayLike<number>, labels?: string[]): void;
    /**
     * Asserts \`value\` is a genuine engine Tensor (not a look-alike object) of the given shape, else
     * throws a learner-facing 'wrong-type' / 'wrong-shape' failure that says \`what\` was expected.
     */
    expectTensor(value: unknown, what: string, shape?: readonly number[]): Engine.Tensor;
    /** Asserts \`value\` is a number (finite unless allowNonFinite), else a 'wrong-type'/'non-finite' failure. */
    expectNumber(value: unknown, what: string, opts?: {
        allowNonFinite?: boolean;
    }): number;
    /** Ends this seed's run with a learner-facing failure of the given kind. */
    fail(kind: 'wrong-type' | 'wrong-shape' | 'non-finite' | 'exception', message: string): never;
    /** Adds a line to the result's console (visible to the learner), e.g. to explain what was measured. */
    log(text: string): void;
}
/** Metric values as they leave the sandbox (plain JSON). */
export interface ScalarMetric {
    kind: 'scalar';
    value: number | null;
    nonFinite?: 'nan' | 'inf' | '-inf';
}
export interface VectorMetric {
    kind: 'vector';
    /** NaN/±inf are encoded as null with the original spelled out in nonFinite[i]. */
    values: Array<number | null>;
    nonFinite?: Array<'nan' | 'inf' | '-inf' | null>;
    labels?: string[];
}
export type MetricRecord = ScalarMetric | VectorMetric;
export type RecordedMetrics = Record<string, MetricRecord>;
`;
