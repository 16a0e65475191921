/**
 * Reverse-mode autograd, micrograd style: every op that needs a gradient attaches a GradNode with
 * its parents and a local backward closure. backward() sorts the graph topologically WITHOUT
 * recursion (RNN graphs have tens of thousands of nodes; recursion would overflow the stack), walks
 * it in reverse and accumulates gradients into plain Float64Arrays.
 */
import type { Tensor } from './tensor';
import { isGradEnabled } from './grad-mode';
import { GraphError, formatShape } from './errors';
import { releaseGrad } from './grad-pool';

/**
 * Local backward of one op: given ∂L/∂out (same shape as the output, read-only) return ∂L/∂parent
 * for each parent, already reduced to that parent's shape, or null for parents that need none.
 * Built-in ops return either gradOut itself (pass-through ops: add, reshape) or a FRESH array not
 * returned twice and not kept elsewhere: the engine takes ownership of those and may add into them
 * in place (saves a copy per accumulation). Custom Tensor.fromOp backwards may return one array for
 * several parents or keep it, so the engine never writes into what they return. gradOut itself is
 * never written.
 */
export type BackwardFn = (gradOut: Float64Array) => Array<Float64Array | null>;

export interface GradNode {
  /** Op name, for error messages and debugging (e.g. "matmul"). */
  readonly op: string;
  parents: Tensor[];
  backward: BackwardFn | null;
  /** Set once backward ran without retainGraph: the closures (and saved tensors) are gone. */
  freed: boolean;
  /** @internal A built-in op: its backward never keeps gradOut, so a dead gradOut may be recycled. */
  builtin?: boolean;
}

/** True when an op on these inputs should record a node (grad mode on and some input needs grad). */
export function needsGrad(a: Tensor, b?: Tensor, c?: Tensor): boolean {
  if (!isGradEnabled()) return false;
  return a.requiresGrad || (b !== undefined && b.requiresGrad) || (c !== undefined && c.requiresGrad);
}

export function anyNeedsGrad(inputs: readonly Tensor[]): boolean {
  if (!isGradEnabled()) return false;
  for (const t of inputs) if (t.requiresGrad) return true;
  return false;
}

let visitEpoch = 0;

/**
 * The two ways learners hit a freed graph need different fixes, so the message tells them apart:
 * backward() twice on the same output (retainGraph), or a tensor from an earlier step — typically an
 * RNN hidden state or a running sum — carried into this step's graph (detach it).
 * Both say "already freed": exercise harnesses (m8-truncated-bptt) recognise the error by it.
 */
function freedGraphError(t: Tensor, isRoot: boolean): GraphError {
  const op = t._node!.op;
  const shape = formatShape(t.shape);
  if (isRoot) {
    return new GraphError(
      `backward: the graph of this output ("${op}", shape ${shape}) was already freed by an earlier backward() on it. ` +
        `To backpropagate through the same graph twice, pass { retainGraph: true } to the FIRST call: ` +
        `loss.backward(null, { retainGraph: true }). Otherwise recompute the forward pass before calling backward() again.`,
    );
  }
  return new GraphError(
    `backward: this graph reuses a tensor ("${op}", shape ${shape}) from a graph that an earlier backward() already freed. ` +
      `Usually it is carried over from the previous step (an RNN hidden state, a running total): cut it from the old ` +
      `graph with .detach() when the step starts (h = h.detach()). If you really mean to backpropagate through both, ` +
      `pass { retainGraph: true } to the earlier backward() call.`,
  );
}

/** Reverse topological order helper: returns tensors in post-order (parents before children). */
function topologicalOrder(root: Tensor): Tensor[] {
  const epoch = ++visitEpoch;
  const order: Tensor[] = [];
  const stack: Tensor[] = [root];
  const nextChild: number[] = [0];
  root._visit = epoch;
  while (stack.length > 0) {
    const top = stack.length - 1;
    const t = stack[top];
    const node = t._node;
    if (node !== null && node.freed) throw freedGraphError(t, t === root);
    const parents = node === null ? null : node.parents;
    const i = nextChild[top];
    if (parents !== null && i < parents.length) {
      nextChild[top] = i + 1;
      const p = parents[i];
      if (p.requiresGrad && p._visit !== epoch) {
        p._visit = epoch;
        stack.push(p);
        nextChild.push(0);
      }
    } else {
      stack.pop();
      nextChild.pop();
      order.push(t);
    }
  }
  return order;
}

/** Adds g into t's pending gradient, copying first if the pending array is borrowed. */
function accumulate(t: Tensor, g: Float64Array, owned: boolean): void {
  const acc = t._acc;
  if (acc === null) {
    t._acc = g;
    t._accOwned = owned;
    return;
  }
  if (!t._accOwned && owned) {
    // Add the borrowed pending sum into the fresh array instead of copying it.
    for (let i = 0; i < g.length; i++) g[i] += acc[i];
    t._acc = g;
    t._accOwned = true;
    return;
  }
  let target = acc;
  if (!t._accOwned) {
    target = new Float64Array(acc);
    t._acc = target;
    t._accOwned = true;
  }
  for (let i = 0; i < target.length; i++) target[i] += g[i];
  // An owned g (a built-in op's fresh array, nobody else holds it) is dead once added: recycle it.
  if (owned) releaseGrad(g);
}

/** Runs reverse-mode differentiation from root with the given seed gradient. */
export function runBackward(root: Tensor, seed: Float64Array, retainGraph: boolean): void {
  const order = topologicalOrder(root);
  root._acc = seed;
  root._accOwned = false;
  try {
    for (let k = order.length - 1; k >= 0; k--) {
      const t = order[k];
      const g = t._acc;
      if (g === null) continue;
      const node = t._node;
      if (node !== null) {
        const backward = node.backward!;
        const grads = backward(g);
        const parents = node.parents;
        let passedOn = false;
        for (let j = 0; j < parents.length; j++) {
          const pg = grads[j];
          const p = parents[j];
          if (pg === g) passedOn = true;
          // Only a built-in op's fresh arrays are ours to add into: a custom op may have returned the
          // same array for two parents (in-place accumulation would leak one parent's sum into the
          // other) or kept it.
          if (pg !== null && pg !== undefined && p.requiresGrad) accumulate(p, pg, node.builtin === true && pg !== g);
        }
        // g is dead now unless a parent borrowed it or it becomes this tensor's .grad (see grad-pool.ts).
        if (node.builtin === true && t._accOwned && !passedOn && !t._retainsGrad) releaseGrad(g);
      }
      if (node === null || t._retainsGrad) storeGrad(t, g, t._accOwned);
      t._acc = null;
    }
  } finally {
    // Clear any pending sums (an exception mid-walk must not leak into the next backward).
    for (const t of order) t._acc = null;
  }
  if (!retainGraph) {
    for (const t of order) {
      const node = t._node;
      if (node !== null) {
        node.backward = null;
        node.parents = [];
        node.freed = true;
      }
    }
  }
}

function storeGrad(t: Tensor, g: Float64Array, owned: boolean): void {
  if (t.grad === null) {
    t.grad = t._wrapGrad(owned ? g : new Float64Array(g));
  } else {
    // Gradients accumulate across backward() calls, as in PyTorch; zeroGrad() resets them.
    const d = t.grad.data;
    for (let i = 0; i < d.length; i++) d[i] += g[i];
  }
}
