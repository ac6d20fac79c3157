import type { CappedOutput, ExecResult, ExecStatus } from './types.js';
import type { ExecDoneMessage } from './protocol/messages.js';
import { describeFailure, type SessionFailure } from './protocol/session-failure.js';

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

/** The status and reason an execution reports when its session failed under it. */
export function explainFailure(failure: SessionFailure, execId: number): [ExecStatus, string] {
  switch (failure.kind) {
    case 'timeout':
      if (failure.execId !== execId)
        return ['crashed', `The REPL was killed because ${describeFailure(failure)}.`];
      return failure.wallCapMs === undefined
        ? ['timeout', `Execution timed out after ${failure.timeoutMs} ms and was killed.`]
        : [
            'timeout',
            `Execution ran past its wall-clock cap of ${failure.wallCapMs} ms (time waiting on host calls included) and was killed.`,
          ];
    case 'exited':
      return failure.exit.oomKilled
        ? ['oom', 'The REPL ran out of memory and was killed.']
        : ['crashed', `The REPL process died (exit code ${failure.exit.code ?? 'unknown'}).`];
    case 'protocol':
      return [
        'protocol_error',
        `The REPL sent an invalid frame (${failure.reason}); the channel could no longer be trusted.`,
      ];
    case 'stalled':
      return [
        'protocol_error',
        `The REPL stopped reading its channel (${failure.unreadBytes} bytes of host messages waited unread); it was treated as dead and killed.`,
      ];
    case 'channel_closed':
      return ['crashed', 'The REPL closed its protocol channel.'];
    case 'closed':
      return ['crashed', 'The sandbox was closed.'];
  }
}
