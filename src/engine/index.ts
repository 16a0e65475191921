/**
 * GradLab engine: the single public entry (imported by learners as `gradlab`).
 * Core (tensor + autograd) exports first; the nn/init/optim/clip/metrics layer is appended below.
 */
export * from './errors';
export * from './grad-mode';
export * from './random';
export * from './tensor';
export * from './creation';
export * from './ops/elementwise';
export * from './ops/activations';
export * from './ops/reduce';
export * from './ops/shape-ops';
export * from './ops/matmul';
export * from './losses';
export * from './gradcheck';
export { erf, erfc } from './special/erf';
export type { GradNode, BackwardFn } from './autograd';

// ---- nn / init / optim / clip / metrics (engine-nn) ----
// Namespaced like PyTorch: new nn.Linear(64, 64), init.xavierUniform_(w), new optim.SGD(params, { lr }).
export * as nn from './nn';
export * as init from './init';
export * as optim from './optim';
// Clipping and gradient-flow measurements are used everywhere in the exercises: top level.
export * from './clip';
export * from './metrics';
