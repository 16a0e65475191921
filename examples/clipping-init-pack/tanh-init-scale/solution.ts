/** Glorot/Xavier normal with tanh's gain: std = (5/3) · √(2 / (fanIn + fanOut)). */
export function tanhInitStd(fanIn: number, fanOut: number): number {
  const TANH_GAIN = 5 / 3;
  return TANH_GAIN * Math.sqrt(2 / (fanIn + fanOut));
}
