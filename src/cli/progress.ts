/**
 * Turns the engine's RunEvent stream into progress lines on stderr: iteration,
 * depth, tokens and cost so far. Sub-calls are counted, not listed, because a
 * fan-out of hundreds would drown the useful lines. --verbose adds the model's
 * streamed text, the code and what it printed.
 */
import type { RunEvent } from '../rlm-options.js';
import { formatCount, formatDuration, formatUsd } from '../trajectory/render/index.js';
import type { TextSink } from './io.js';

const VERBOSE_OUTPUT_CHARS = 2000;

export class ProgressReporter {
  private readonly rootCalls = new Set<string>();
  private readonly subCallsByParent = new Map<string, { done: number; failed: number }>();
  private streamingCall: string | undefined;
  /** Calls whose text (code included) was already shown as it streamed. */
  private readonly streamedCalls = new Set<string>();
  private started = false;

  constructor(
    private readonly stderr: TextSink,
    private readonly verbose: boolean,
  ) {}

  handle(event: RunEvent): void {
    switch (event.type) {
      case 'run_start':
        this.started = true;
        this.line(
          `rlm: run ${event.trajectoryId} · backend ${event.backend} · model ${event.model}` +
            (event.subModel !== event.model ? ` (sub-calls: ${event.subModel})` : '') +
            ` · sandbox ${event.environment}`,
        );
        this.line(`rlm: context: ${event.contextSummary}`);
        return;
      case 'iteration_start':
        this.line(
          `${indent(event.depth)}[iteration ${event.iteration} · depth ${event.depth} · node ${event.nodeId}]`,
        );
        return;
      case 'model_call_start':
        if (event.kind === 'root') this.rootCalls.add(event.callId);
        return;
      case 'model_text':
        if (this.verbose && this.rootCalls.has(event.callId)) {
          this.streamingCall = event.callId;
          this.streamedCalls.add(event.callId);
          this.stderr.write(event.delta);
        }
        return;
      case 'model_call_end':
        this.endStreamedText();
        if (event.kind !== 'root') return;
        this.line(
          `${indent(event.depth)}  ${event.model}: ${formatCount(event.usage.inputTokens)} in / ` +
            `${formatCount(event.usage.outputTokens)} out in ${formatDuration(event.latencyMs)}` +
            ` · so far ${formatCount(event.totalTokens)} tokens, ${formatUsd(event.totalCostUsd)}` +
            (event.error ? ` · error: ${event.error}` : ''),
        );
        return;
      case 'code_start':
        if (this.verbose && !this.streamedCalls.has(event.callId))
          this.line(`${indent(event.depth)}  code block ${event.blockIndex + 1}:\n${event.code.trimEnd()}`);
        return;
      case 'code_end':
        this.reportCodeEnd(event);
        return;
      case 'sub_call_end': {
        const counts = this.subCallsByParent.get(event.parentCallId) ?? { done: 0, failed: 0 };
        counts.done += 1;
        if (!event.ok) counts.failed += 1;
        this.subCallsByParent.set(event.parentCallId, counts);
        return;
      }
      case 'model_retry':
        this.endStreamedText();
        this.line(
          `${indent(event.depth)}  ${event.provider}: ${event.reason} · retry ${event.attempt}/${event.maxAttempts - 1}` +
            ` in ${formatDuration(event.delayMs)}`,
        );
        return;
      case 'limit_hit':
        this.line(`rlm: limit hit: ${event.limit}: ${event.message}`);
        return;
      case 'final':
        if (!this.started) return;
        this.line(
          `rlm: ${event.result.success ? 'done' : 'stopped'} in ${formatDuration(event.result.durationMs)} · ` +
            `${event.result.iterations} iteration${event.result.iterations === 1 ? '' : 's'} · ${formatCount(event.result.tokens)} tokens · ${formatUsd(event.result.costUsd)}`,
        );
        return;
      case 'sub_call_start':
        return;
    }
  }

  private reportCodeEnd(event: Extract<RunEvent, { type: 'code_end' }>): void {
    const counts = this.subCallsByParent.get(event.callId);
    this.subCallsByParent.delete(event.callId);
    const subCalls = counts
      ? ` · ${counts.done} sub-calls${counts.failed ? ` (${counts.failed} failed)` : ''}`
      : '';
    const lost = event.stateLost ? ' · REPL restarted, state lost' : '';
    this.line(
      `${indent(event.depth)}  code block ${event.blockIndex + 1}: ${event.status} in ${formatDuration(event.durationMs)}${subCalls}${lost}`,
    );
    if (!this.verbose) return;
    for (const [label, text] of [
      ['stdout', event.stdout],
      ['stderr', event.stderr],
      ['error', event.error ?? ''],
    ] as const) {
      if (text.trim() !== '') this.line(`  ${label}:\n${clip(text.trimEnd())}`);
    }
  }

  private endStreamedText(): void {
    if (this.streamingCall === undefined) return;
    this.streamingCall = undefined;
    this.stderr.write('\n');
  }

  private line(text: string): void {
    this.endStreamedText();
    this.stderr.write(`${text}\n`);
  }
}

function indent(depth: number): string {
  return '  '.repeat(depth);
}

function clip(text: string): string {
  return text.length <= VERBOSE_OUTPUT_CHARS
    ? text
    : `${text.slice(0, VERBOSE_OUTPUT_CHARS)}\n… (${text.length - VERBOSE_OUTPUT_CHARS} more characters)`;
}
