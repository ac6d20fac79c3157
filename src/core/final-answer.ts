/**
 * FINAL(text) and FINAL_VAR(name) written in a reply's prose. The reference
 * implementation's regexes broke on answers with parentheses, on multi-line
 * answers, on FINAL not at the start of a line, and matched FINAL(...) inside
 * code the model was only showing; this parser scans instead:
 *  - fenced code blocks are ignored (code sets `answer` itself);
 *  - parentheses are balanced, so FINAL(f(x) = (a+b)) keeps its inner parens;
 *  - a quoted argument is read as a Python string literal (quotes, escapes,
 *    triple quotes), so FINAL("a ) b") works and apostrophes in unquoted prose
 *    ("FINAL(It's done)") do not open a string;
 *  - the last complete FINAL in the reply wins: models announce "I will call
 *    FINAL(...) when done" before the real one far more often than after it.
 */
import { proseOnly } from './code-blocks.js';
import { parsePythonStringLiteral } from './python-literal.js';

/**
 * The directive that ends a turn whose runnable blocks were `blocks`. Only prose after the last block
 * counts: a FINAL written before code the model still wants to run is an announcement ("first I count
 * them, then FINAL(the count)"), and taking it would end the run on a placeholder. FINAL after the code is
 * the usual compute-then-FINAL_VAR pattern.
 */
export function parseTurnDirective(
  reply: string,
  blocks: ReadonlyArray<{ end: number }>,
): FinalDirective | null {
  const lastEnd = blocks.reduce((end, block) => Math.max(end, block.end), 0);
  return parseFinalDirective(reply.slice(lastEnd));
}

export type FinalDirective = { kind: 'text'; text: string } | { kind: 'var'; name: string };

const FINAL_CALL = /(?<![\w.])(FINAL_VAR|FINAL)\s*\(/g;

export function parseFinalDirective(reply: string): FinalDirective | null {
  const prose = proseOnly(reply);
  let found: FinalDirective | null = null;
  FINAL_CALL.lastIndex = 0;
  let match: RegExpExecArray | null;
  while ((match = FINAL_CALL.exec(prose)) !== null) {
    const argumentStart = match.index + match[0].length;
    const parsed = readArgument(prose, argumentStart);
    if (parsed === null) continue;
    found =
      match[1] === 'FINAL_VAR' ? toVariable(parsed.raw, parsed.literal) : toText(parsed.raw, parsed.literal);
    FINAL_CALL.lastIndex = parsed.end;
  }
  return found;
}

interface ParsedArgument {
  raw: string;
  /** The decoded value when the whole argument is one string literal. */
  literal: string | null;
  /** Offset after the closing parenthesis. */
  end: number;
}

function readArgument(text: string, start: number): ParsedArgument | null {
  const literalStart = skipSpaces(text, start);
  const literal = parsePythonStringLiteral(text, literalStart);
  if (literal !== null) {
    const close = skipSpaces(text, literal.end);
    if (text[close] === ')')
      return { raw: text.slice(start, literal.end), literal: literal.value, end: close + 1 };
  }
  const close = findBalancedClose(text, start);
  if (close === null) return null;
  return { raw: text.slice(start, close), literal: null, end: close + 1 };
}

function skipSpaces(text: string, from: number): number {
  let index = from;
  while (index < text.length && /\s/.test(text[index] as string)) index += 1;
  return index;
}

function findBalancedClose(text: string, start: number): number | null {
  let depth = 1;
  for (let index = start; index < text.length; index += 1) {
    const char = text[index];
    if (char === '(') depth += 1;
    else if (char === ')') {
      depth -= 1;
      if (depth === 0) return index;
    }
  }
  return null;
}

function toText(raw: string, literal: string | null): FinalDirective {
  return { kind: 'text', text: literal ?? raw.trim() };
}

function toVariable(raw: string, literal: string | null): FinalDirective {
  return { kind: 'var', name: (literal ?? raw).trim() };
}

const PYTHON_IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

export function isPythonIdentifier(name: string): boolean {
  return PYTHON_IDENTIFIER.test(name);
}
