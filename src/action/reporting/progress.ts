/**
 * Follows the engine's events: keeps the numbers the progress comment shows, and writes the log, one line
 * per model call and one folded group per code block (code and its output), so the log stays readable.
 */
import type { RunEvent } from '../../rlm-options.js';
import type { ProgressState } from './report.js';

export interface ActionLog {
  info(message: string): void;
  warning(message: string): void;
  /** A folded block; written at once so concurrent sub-calls cannot interleave inside it. */
  folded(title: string, body: string): void;
  /** Runs one phase inside a folded group of the log (groups do not nest: no folded() inside). */
  group<T>(title: string, fn: () => Promise<T>): Promise<T>;
}

const MAX_LOGGED_CHARS = 20_000;

function cap(text: string): string {
  return text.length > MAX_LOGGED_CHARS
    ? `${text.slice(0, MAX_LOGGED_CHARS)}\n… (${text.length - MAX_LOGGED_CHARS} more characters)`
    : text;
}

/** The progress comment's numbers before anything has happened. */
export function initialProgress(task: string, lastStep: string): ProgressState {
  return { task, elapsedMs: 0, iterations: 0, depth: 0, tokens: 0, costUsd: 0, modelCalls: 0, lastStep };
}

export class ProgressTracker {
  readonly state: ProgressState;
  private readonly code = new Map<string, string>();

  constructor(
    task: string,
    private readonly log: ActionLog,
    /** Every string logged goes through it (secret redaction). */
    private readonly sanitize: (text: string) => string,
  ) {
    this.state = initialProgress(task, 'Starting the sandbox and the first model call…');
  }

  /** Returns true when the event is worth a progress edit. */
  onEvent(event: RunEvent): boolean {
    this.state.elapsedMs = event.elapsedMs;
    switch (event.type) {
      case 'run_start':
        this.log.info(
          `run ${event.trajectoryId}: backend ${event.backend}, model ${event.model}, sub-model ${event.subModel}, ${event.environment}; context ${event.contextSummary}`,
        );
        return false;
      case 'iteration_start':
        if (event.depth === 0) this.state.iterations = event.iteration;
        this.state.lastStep = `iteration ${event.iteration} at depth ${event.depth}`;
        return event.depth === 0;
      case 'model_call_end':
        this.state.modelCalls += 1;
        this.state.tokens = event.totalTokens;
        this.state.costUsd = event.totalCostUsd;
        this.state.depth = Math.max(this.state.depth, event.depth);
        this.log.info(
          `model call ${event.callId} (${event.kind}, depth ${event.depth}, ${event.model}): ${event.usage.inputTokens} in / ${event.usage.outputTokens} out, ${event.latencyMs} ms${event.error ? `, error: ${this.sanitize(event.error)}` : ''}`,
        );
        return true;
      case 'code_start':
        this.code.set(`${event.callId}#${event.blockIndex}`, event.code);
        this.state.lastStep = `running code block ${event.blockIndex + 1} at depth ${event.depth}`;
        return false;
      case 'code_end': {
        const key = `${event.callId}#${event.blockIndex}`;
        const code = this.code.get(key) ?? '';
        this.code.delete(key);
        const parts = [`# code\n${code}`, `# stdout\n${event.stdout}`];
        if (event.stderr) parts.push(`# stderr\n${event.stderr}`);
        if (event.error) parts.push(`# error\n${event.error}`);
        if (event.stateLost) parts.push('# the REPL was restarted: state lost');
        this.log.folded(
          `code block ${event.blockIndex + 1} of ${event.callId} (depth ${event.depth}): ${event.status}, ${event.durationMs} ms`,
          this.sanitize(cap(parts.join('\n'))),
        );
        return false;
      }
      case 'sub_call_start':
        this.state.depth = Math.max(this.state.depth, event.depth);
        return false;
      case 'limit_hit':
        this.log.warning(this.sanitize(`limit ${event.limit} hit at depth ${event.depth}: ${event.message}`));
        this.state.lastStep = `limit ${event.limit} hit`;
        return true;
      default:
        return false;
    }
  }
}
