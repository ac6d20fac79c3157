import type { ReplExit } from '../launcher.js';

/** Why a REPL session ended; every outstanding request of that session fails with it. */
export type SessionFailure =
  /** The REPL sent garbage, an oversized, invalid-UTF-8 or forged frame. */
  | { kind: 'protocol'; reason: string }
  /** The REPL process is gone. */
  | { kind: 'exited'; exit: ReplExit }
  /** The REPL stopped taking what the host writes to it: more than `limitBytes` waited unread. */
  | { kind: 'stalled'; unreadBytes: number; limitBytes: number }
  /** The channel closed while the process may still be running (its fds were closed). */
  | { kind: 'channel_closed' }
  /** An execution ran out of time; the host kills the REPL. */
  | {
      kind: 'timeout';
      /** Id of the request that ran out of time (an execution, or reading/creating/dropping a namespace). */
      execId: number;
      namespace: string;
      timeoutMs: number;
      /** What ran out of time, when it was not an execution of code. */
      operation?: string;
      /** Set when the wall-clock cap (host-call waits included) ran out, not the running time. */
      wallCapMs?: number;
    }
  /** The sandbox is being closed. */
  | { kind: 'closed' };

export class SessionFailedError extends Error {
  constructor(readonly failure: SessionFailure) {
    super(describeFailure(failure));
    this.name = 'SessionFailedError';
  }
}

/** The server could not handle one request (its own bug), but the session is fine. */
export class ServerRequestError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ServerRequestError';
  }
}

export function describeFailure(failure: SessionFailure): string {
  switch (failure.kind) {
    case 'protocol':
      return `the REPL broke the protocol: ${failure.reason}`;
    case 'exited': {
      const { code, oomKilled, stderrTail } = failure.exit;
      const how = oomKilled
        ? 'was killed for running out of memory'
        : `died (exit code ${code ?? 'unknown'})`;
      const tail = stderrTail.trim();
      return tail ? `the REPL ${how}; its last diagnostics: ${tail.slice(-500)}` : `the REPL ${how}`;
    }
    case 'stalled':
      return `the REPL stopped reading its channel (${failure.unreadBytes} bytes waited unread, more than the ${failure.limitBytes} allowed)`;
    case 'channel_closed':
      return 'the REPL closed its protocol channel';
    case 'timeout': {
      const what = `${failure.operation ?? 'an execution'} in namespace "${failure.namespace}"`;
      return failure.wallCapMs === undefined
        ? `${what} exceeded its ${failure.timeoutMs} ms timeout`
        : `${what} exceeded its ${failure.wallCapMs} ms wall-clock cap (host-call waits included)`;
    }
    case 'closed':
      return 'the sandbox was closed';
  }
}
