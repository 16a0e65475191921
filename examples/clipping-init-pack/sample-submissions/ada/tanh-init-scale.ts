// ada: correct (layout <student>/<learnerFile>).
export function tanhInitStd(fanIn: number, fanOut: number): number {
  return (5 / 3) * Math.sqrt(2 / (fanIn + fanOut));
}
