/**
 * A 30-layer tanh network whose first layers get almost no gradient. Add residual connections.
 *
 * buildResidualNet(depth, width) must return a module mapping [batch, width] → [batch, width] built
 * from `depth` blocks, each with one nn.Linear(width, width) followed by a tanh. Keep the Linear
 * layers as nn.Linear modules: GradLab measures the gradient arriving at each of them.
 */
import { nn, Tensor } from 'gradlab';

export class ResidualBlock extends nn.Module {
  linear: nn.Linear;
  act: nn.Tanh;

  constructor(width: number) {
    super();
    this.linear = new nn.Linear(width, width);
    this.act = new nn.Tanh();
  }

  forward(x: Tensor): Tensor {
    const f = this.act.call(this.linear.call(x));
    // TODO: this is a plain layer. Give the block a skip connection.
    return f;
  }
}

export function buildResidualNet(depth: number, width: number): nn.Module {
  const blocks: nn.Module[] = [];
  for (let l = 0; l < depth; l++) blocks.push(new ResidualBlock(width));
  return new nn.Sequential(...blocks);
}
