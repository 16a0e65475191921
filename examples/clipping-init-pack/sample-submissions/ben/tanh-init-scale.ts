// ben: Glorot's scale without tanh's gain 5/3 (the signal fades layer by layer).
export function tanhInitStd(fanIn: number, fanOut: number): number {
  return Math.sqrt(2 / (fanIn + fanOut));
}
