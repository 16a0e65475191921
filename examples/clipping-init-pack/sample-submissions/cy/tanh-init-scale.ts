// cy: broken — the export has the wrong name, so GradLab reports the missing export by name.
export function tanhStd(fanIn: number, fanOut: number): number {
  return (5 / 3) * Math.sqrt(2 / (fanIn + fanOut));
}
