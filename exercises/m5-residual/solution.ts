/**
 * Reference: every block returns x + tanh(W·x + b). The "+ x" gives the gradient a path with
 * derivative exactly 1 through every block, so ∂L/∂x_l = ∂L/∂x_{l+1} · (I + ∂f/∂x): the product over
 * 30 blocks no longer shrinks like a product of small factors.
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
    return x.add(this.act.call(this.linear.call(x)));
  }
}

export function buildResidualNet(depth: number, width: number): nn.Module {
  const blocks: nn.Module[] = [];
  for (let l = 0; l < depth; l++) blocks.push(new ResidualBlock(width));
  return new nn.Sequential(...blocks);
}
