/**
 * Error classes thrown by the engine. Every message names the op, the shapes involved, and the fix,
 * because the person reading it is usually a learner looking at their own exercise code.
 */

/** Base class of every error the engine throws on purpose (catch this to tell them from bugs). */
export class GradlabError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** Shapes that do not fit together (matmul inner dims, broadcasting, reshape sizes, ...). */
export class ShapeError extends GradlabError {}

/** A bad argument that is not a shape mismatch: NaN sizes, dim out of range, wrong types. */
export class ArgumentError extends GradlabError {}

/** Autograd misuse: backward on a non-scalar, through a freed graph, on a tensor without grad. */
export class GraphError extends GradlabError {}

/** Formats a shape the way PyTorch users read it: [3, 4]. */
export function formatShape(shape: readonly number[]): string {
  return `[${shape.join(', ')}]`;
}
