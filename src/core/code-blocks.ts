/**
 * Finds the code blocks of a model reply. ```repl is the documented fence;
 * ```python and ```py are accepted too because models trained on markdown
 * reach for them, and a block the model meant to run but we silently ignored
 * would cost a whole turn. Other languages (```json, ```text) are prose.
 */

export interface CodeBlock {
  code: string;
  language: string;
  /** Offsets of the whole fenced block (fences included) in the reply. */
  start: number;
  end: number;
}

export interface FencedRange {
  start: number;
  end: number;
}

const RUNNABLE_LANGUAGES = new Set(['repl', 'python', 'py', 'python3']);

/** An opening fence: 3+ backticks or tildes at the start of a line, then an info string. */
const OPENING_FENCE = /^( {0,3})(`{3,}|~{3,})[ \t]*([^\n`]*)$/gm;

/**
 * Every fenced block of the reply, runnable or not, in order. An unclosed
 * fence runs to the end of the reply (as in CommonMark), so a truncated reply
 * cannot smuggle text that looks like prose out of a code block.
 */
export function findFencedBlocks(text: string): Array<FencedRange & { language: string; body: string }> {
  const blocks: Array<FencedRange & { language: string; body: string }> = [];
  OPENING_FENCE.lastIndex = 0;
  let match: RegExpExecArray | null;
  while ((match = OPENING_FENCE.exec(text)) !== null) {
    const fence = match[2] ?? '```';
    const language = (match[3] ?? '').trim().split(/\s+/)[0]?.toLowerCase() ?? '';
    const bodyStart = match.index + match[0].length + 1;
    const closing = findClosingFence(text, bodyStart, fence);
    const bodyEnd = closing === null ? text.length : closing.start;
    const end = closing === null ? text.length : closing.end;
    blocks.push({
      start: match.index,
      end,
      language,
      body: bodyStart > bodyEnd ? '' : text.slice(bodyStart, bodyEnd).replace(/\n$/, ''),
    });
    OPENING_FENCE.lastIndex = Math.max(end, match.index + 1);
  }
  return blocks;
}

function findClosingFence(text: string, from: number, fence: string): FencedRange | null {
  const char = fence[0] === '~' ? '~' : '`';
  const closing = new RegExp(`^ {0,3}${char === '`' ? '`' : '~'}{${fence.length},}[ \\t]*$`, 'gm');
  closing.lastIndex = from;
  const match = closing.exec(text);
  if (match === null) return null;
  return { start: match.index, end: match.index + match[0].length };
}

/** The runnable blocks, in the order they appear. Empty blocks are dropped. */
export function extractCodeBlocks(text: string): CodeBlock[] {
  return findFencedBlocks(text)
    .filter((block) => RUNNABLE_LANGUAGES.has(block.language) && block.body.trim() !== '')
    .map((block) => ({ code: block.body, language: block.language, start: block.start, end: block.end }));
}

/** The reply with every fenced block blanked out (same length, so offsets still line up). */
export function proseOnly(text: string): string {
  let result = text;
  for (const block of findFencedBlocks(text)) {
    result = result.slice(0, block.start) + ' '.repeat(block.end - block.start) + result.slice(block.end);
  }
  return result;
}
