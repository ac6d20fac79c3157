/**
 * The user turns of a node's conversation: the first one (task + context
 * metadata) and the ones that report what the code printed.
 */
import type { ExecResult } from '../../sandbox/types.js';
import { capText } from '../text-cap.js';

/** Long tasks (a child's prompt can be huge) are cut; the full text stays reachable from code. */
export const TASK_CHARS = 8_000;

export function firstUserMessage(task: string, contextDescription: string): string {
  return [
    'Task:',
    capText(task, TASK_CHARS),
    '',
    'Context:',
    contextDescription,
    '',
    'Start by inspecting `context` in a ```repl block.',
  ].join('\n');
}

export interface ExecutedBlock {
  blockIndex: number;
  result: ExecResult;
}

/** One user turn with the output of every block of the previous reply, capped as a whole. */
export function executionReport(blocks: ExecutedBlock[], maxChars: number): string {
  const perBlock = Math.max(500, Math.floor(maxChars / Math.max(1, blocks.length)));
  const sections = blocks.map(({ blockIndex, result }) =>
    capText(describeExecution(blockIndex, result), perBlock),
  );
  return capText(sections.join('\n\n'), maxChars);
}

function describeExecution(blockIndex: number, result: ExecResult): string {
  const lines = [`[block ${blockIndex + 1}: ${result.status}, ${Math.round(result.durationMs)} ms]`];
  lines.push(streamSection('stdout', result.stdout.text, result.stdout.truncatedBytes));
  if (result.stderr.text !== '')
    lines.push(streamSection('stderr', result.stderr.text, result.stderr.truncatedBytes));
  if (result.error !== undefined && result.error !== '') lines.push(`error:\n${result.error}`);
  if (result.stateLost) {
    lines.push(
      'NOTE: the REPL was restarted: every variable you defined and every file written to /output is gone (`context` was restored). Recompute and rewrite what you need.',
    );
  }
  return lines.join('\n');
}

function streamSection(name: string, text: string, truncatedBytes: number): string {
  if (text === '') return `${name}: (empty)`;
  const cut = truncatedBytes > 0 ? ` (${truncatedBytes} bytes cut from the middle)` : '';
  return `${name}${cut}:\n${text}`;
}

export const NO_CODE_NUDGE =
  'Your reply had no ```repl block and no final answer. Write code in a ```repl block to make progress, or finish with FINAL(answer).';

export function missingVariableMessage(name: string): string {
  return `FINAL_VAR(${name}) was given, but no variable named ${JSON.stringify(name)} exists in the REPL. Define it in a \`\`\`repl block first, then call FINAL_VAR again.`;
}

export function limitNotice(message: string): string {
  return `Stopped: ${message}`;
}
