/**
 * Fenced code blocks of a Markdown file, for tests that run what the docs show. Handles fences
 * indented inside list items (the content is de-indented by the fence's indent).
 */
export interface FencedBlock {
  lang: string;
  /** Content lines, de-indented. */
  lines: string[];
  /** 1-based line of the opening fence. */
  line: number;
  /** True when only blank lines separate this block from the previous one (an output shown right after its command). */
  followsPrevious: boolean;
}

export function fencedBlocks(markdown: string): FencedBlock[] {
  const blocks: FencedBlock[] = [];
  const lines = markdown.split('\n');
  let lastEnd = -2;
  for (let i = 0; i < lines.length; i++) {
    const open = /^(\s*)```(\w*)\s*$/.exec(lines[i]);
    if (!open) continue;
    const indent = open[1];
    const body: string[] = [];
    let j = i + 1;
    while (j < lines.length && lines[j].trim() !== '```') {
      body.push(lines[j].startsWith(indent) ? lines[j].slice(indent.length) : lines[j].trimStart());
      j++;
    }
    const between = lines.slice(lastEnd + 1, i);
    blocks.push({ lang: open[2], lines: body, line: i + 1, followsPrevious: lastEnd >= 0 && between.every((l) => l.trim() === '') });
    lastEnd = j;
    i = j;
  }
  return blocks;
}

/** Shell command lines of a block: blank lines and whole-line comments dropped. */
export function commandLines(block: FencedBlock): string[] {
  return block.lines.map((l) => l.trim()).filter((l) => l !== '' && !l.startsWith('#'));
}
