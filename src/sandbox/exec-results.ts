import type { CappedOutput, ExecResult, ExecStatus } from './types.js';
import type { ExecDoneMessage } from './protocol/messages.js';

export const NO_OUTPUT: CappedOutput = Object.freeze({ text: '', totalBytes: 0, truncatedBytes: 0 });

export function resultFromReply(reply: ExecDoneMessage, stateLost: boolean, durationMs: number): ExecResult {
  const result: ExecResult = {
    status: reply.status,
    stdout: reply.stdout,
    stderr: reply.stderr,
    stateLost,
    durationMs,
  };
  if (reply.error !== undefined) result.error = reply.error;
  if (reply.answer !== undefined) result.answer = reply.answer;
  return result;
}

/** A result for an execution whose output died with the REPL. */
export function failedResult(
  status: ExecStatus,
  error: string,
  stateLost: boolean,
  durationMs: number,
): ExecResult {
  return { status, stdout: NO_OUTPUT, stderr: NO_OUTPUT, error, stateLost, durationMs };
}
