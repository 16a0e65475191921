/**
 * GradLab's torch.nn: layers as Modules with PyTorch's parameter layouts, default inits and
 * semantics. Import as `import { nn } from 'gradlab'` and write `new nn.Linear(64, 64)`.
 */
export { Module, type ForwardHook, type HookHandle } from './module';
export { parameter } from './parameter';
export { Linear, type LinearOptions } from './linear';
export { Identity, Sigmoid, Tanh, ReLU, LeakyReLU, ELU, GELU, Softplus, Softmax, LogSoftmax } from './activation';
export { Sequential, Residual } from './container';
export { BatchNorm1d, LayerNorm, type BatchNormOptions, type LayerNormOptions } from './normalization';
export { Dropout } from './dropout';
export {
  RNNCell,
  LSTMCell,
  GRUCell,
  type LSTMState,
  type RNNNonlinearity,
  type RNNCellOptions,
  type RecurrentCellOptions,
} from './recurrent-cells';
export { RNN, LSTM, GRU, type RecurrentOptions, type RNNOptions, type RecurrentOutput, type LSTMOutput } from './recurrent';
