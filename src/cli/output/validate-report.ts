/**
 * Human report of `gradlab validate`: per exercise, whether the reference passes and the starter
 * fails, a margins table (how far each side lands from every threshold), then problems with
 * file:line and a fix; a verdict line last.
 */
import { exerciseIsValid, type ValidateReport } from '../../grading/validate/validate-pack';
import { formatMargin } from '../../grading/validate/margins';
import { formatNumber, formatThreshold } from './numbers';
import { formatProblems } from './problems';
import { plural, type Style } from './style';
import { renderTable } from './table';

export function formatValidateReport(report: ValidateReport, style: Style, display: (file: string) => string): string {
  const out: string[] = [];
  const seeds = report.seeds === 'exercise' ? "each exercise's own seeds" : `seeds ${report.seeds}`;
  out.push(style.bold(style.text(`${report.title} (${report.pack})`)) + style.dim(` ${style.bullet} ${plural(report.exercises.length, 'exercise')} ${style.bullet} ${seeds}`));
  out.push('');
  if (report.problems.length) out.push(formatProblems(report.problems, style, display).trimEnd(), '');

  for (const exercise of report.exercises) {
    const refMark = exercise.referencePasses ? style.green(style.pass) : style.red(style.fail);
    const starterMark = exercise.starterFails ? style.green(style.pass) : style.red(style.fail);
    out.push(style.bold(style.text(`${exercise.id}  ${exercise.title}`)) + style.dim(`  seeds ${exercise.seeds.join(', ')}`));
    out.push(
      `  ${refMark} reference ${exercise.referencePasses ? 'passes' : 'FAILS'} (${formatNumber(exercise.reference.score)}/${formatNumber(exercise.reference.maxScore)})` +
        `   ${starterMark} starter ${exercise.starterFails ? 'fails' : 'PASSES'} (${formatNumber(exercise.starter.score)}/${formatNumber(exercise.starter.maxScore)})`,
    );
    if (exercise.margins.length) {
      out.push(
        renderTable(
          [{ header: 'Check' }, { header: 'Threshold' }, { header: 'Reference margin', align: 'right' }, { header: 'Starter margin', align: 'right' }, { header: '' }],
          exercise.margins.map((m) => [
            m.check,
            formatThreshold(m.comparator, m.threshold, style.unicode),
            formatMargin(m.reference, m.scale),
            formatMargin(m.starter, m.scale),
            m.thin ? style.yellow(`${style.warn} thin`) : '',
          ]),
          { indent: '  ' },
        ).trimEnd(),
      );
    }
    if (exercise.problems.length) out.push(formatProblems(exercise.problems, style, display, '  ').trimEnd());
    out.push('');
  }

  const warnings = [...report.problems, ...report.exercises.flatMap((e) => e.problems)].filter((p) => p.severity === 'warning').length;
  const warned = warnings ? ` (${plural(warnings, 'warning')})` : '';
  if (report.valid) {
    out.push(`${style.green(style.pass)} ${style.bold('Pack is valid')}: every reference passes and every starter fails${warned}.`);
  } else {
    const bad = report.exercises.filter((e) => !exerciseIsValid(e)).map((e) => e.id);
    out.push(`${style.red(style.fail)} ${style.bold('Pack is not valid')}: ${bad.join(', ')}${warned}.`);
  }
  out.push(style.dim('Margins: + is the passing side; "dec" = decades (log10) for log-scale quantities, % of the threshold otherwise.'));
  return out.join('\n') + '\n';
}
