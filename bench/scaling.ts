/**
 * `--scaling`: step time as the exercise knobs grow — MLP width (64 → 512, depth 20) and depth
 * (10 → 100, width 64); tanh-RNN and LSTM sequence length T (10 → 200, H 64). Names match
 * ./torch_scaling.py so the peer's figures line up row by row.
 */
import { lstm, mlp, rnn, type Step } from './workloads';

export interface ScalingCase {
  group: 'width' | 'depth' | 'T (rnn)' | 'T (lstm)';
  value: number;
  name: string;
  make: () => Step;
}

export const SCALING: readonly ScalingCase[] = [
  ...[64, 128, 256, 512].map((w) => ({ group: 'width' as const, value: w, name: `mlp_L20_D${w}_B32`, make: () => mlp(20, w) })),
  ...[10, 20, 50, 100].map((d) => ({ group: 'depth' as const, value: d, name: `mlp_L${d}_D64_B32`, make: () => mlp(d, 64) })),
  ...[10, 50, 100, 200].map((T) => ({ group: 'T (rnn)' as const, value: T, name: `rnn_T${T}_H64_B32`, make: () => rnn(T) })),
  ...[10, 50, 100, 200].map((T) => ({ group: 'T (lstm)' as const, value: T, name: `lstm_T${T}_H64_B32`, make: () => lstm(T) })),
];
