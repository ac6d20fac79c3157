/**
 * Just enough of Python's string-literal grammar to read the argument of
 * FINAL("...") written in a reply: quotes, triple quotes, raw prefix and the
 * common escapes. Anything fancier is left to the model's code (answer[...]).
 */

export interface ParsedLiteral {
  value: string;
  /** Offset just after the closing quote. */
  end: number;
}

const SIMPLE_ESCAPES: Record<string, string> = {
  n: '\n',
  t: '\t',
  r: '\r',
  '0': '\0',
  '\\': '\\',
  "'": "'",
  '"': '"',
  '\n': '',
};

/** Parses the string literal starting at `start` (prefix included); null when there is none or it never closes. */
export function parsePythonStringLiteral(text: string, start: number): ParsedLiteral | null {
  const prefix = /^[rRuU]?/.exec(text.slice(start, start + 1))?.[0] ?? '';
  const raw = prefix === 'r' || prefix === 'R';
  let index = start + prefix.length;
  const quoteChar = text[index];
  if (quoteChar !== '"' && quoteChar !== "'") return null;
  const triple = text.startsWith(quoteChar.repeat(3), index);
  const quote = triple ? quoteChar.repeat(3) : quoteChar;
  index += quote.length;
  let value = '';
  while (index < text.length) {
    if (text.startsWith(quote, index)) return { value, end: index + quote.length };
    const char = text[index] as string;
    if (!triple && char === '\n') return null;
    if (char === '\\' && index + 1 < text.length) {
      const next = text[index + 1] as string;
      if (raw) {
        value += char + next;
      } else if (next === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(index + 2, index + 6))) {
        value += String.fromCharCode(parseInt(text.slice(index + 2, index + 6), 16));
        index += 6;
        continue;
      } else {
        value += SIMPLE_ESCAPES[next] ?? char + next;
      }
      index += 2;
      continue;
    }
    value += char;
    index += 1;
  }
  return null;
}
