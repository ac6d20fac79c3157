/**
 * One model call, whoever makes it (a node's turn or a sub-call): budget
 * reservation, the global concurrency slot, streaming deltas as events,
 * settlement in the ledger and the trajectory record.
 */
import { ModelApiError } from '../errors.js';
import type { RetryInfo } from '../models/options.js';
import { ZERO_USAGE, type ChatMessage, type CompletionResult } from '../models/types.js';
import type { CallKind, CallRecord } from '../trajectory/types.js';
import { RedactedStream } from './redacted-stream.js';
import type { RunContext } from './run-context.js';
import type { StopReason } from './stop-conditions.js';

export interface ModelCallSpec {
  callId: string;
  parentId: string | null;
  nodeId: string;
  depth: number;
  kind: CallKind;
  iteration: number;
  model: string;
  system?: string;
  messages: ChatMessage[];
  /** What the trajectory shows as this call's prompt (the new user message). */
  recordedPrompt: string;
  /** Stream text deltas as model_text events. */
  streamText: boolean;
}

export type ModelCallOutcome =
  { ok: true; result: CompletionResult; costUsd: number | null } | { ok: false; refused: StopReason };

export async function callModel(run: RunContext, spec: ModelCallSpec): Promise<ModelCallOutcome> {
  const texts = [spec.system ?? '', ...spec.messages.map((message) => message.content)];
  // Waits while calls in flight hold the budget it needs; refused only when it cannot fit even alone.
  const reserved = await run.ledger.admit(
    {
      model: spec.model,
      promptChars: texts.reduce((sum, text) => sum + text.length, 0),
      promptBytes: texts.reduce((sum, text) => sum + Buffer.byteLength(text, 'utf8'), 0),
      messages: texts.length,
      maxOutputTokens: run.settings.maxOutputTokens,
    },
    run.signal,
  );
  if (!reserved.ok) return { ok: false, refused: { limit: reserved.limit, message: reserved.message } };
  const haltedMeanwhile = reserved.waited === true ? run.haltReason : null;
  if (haltedMeanwhile !== null) {
    // Another call stopped the run while this one waited for budget: it is not sent.
    run.ledger.release(reserved.reservation);
    return { ok: false, refused: haltedMeanwhile };
  }

  const stream = spec.streamText
    ? new RedactedStream(run.ports.redact, (delta) =>
        run.emit({
          type: 'model_text',
          callId: spec.callId,
          nodeId: spec.nodeId,
          depth: spec.depth,
          delta,
        }),
      )
    : null;
  const startTime = new Date().toISOString();
  const started = run.ports.now();
  let release: (() => void) | undefined;
  try {
    release = await run.modelSlots.acquire(run.signal);
    run.noteDepth(spec.depth);
    run.emit({
      type: 'model_call_start',
      callId: spec.callId,
      parentId: spec.parentId,
      nodeId: spec.nodeId,
      depth: spec.depth,
      kind: spec.kind,
      model: spec.model,
    });
    const result = await run.ports.model.complete({
      model: spec.model,
      ...(spec.system === undefined ? {} : { system: spec.system }),
      messages: spec.messages,
      maxOutputTokens: run.settings.maxOutputTokens,
      purpose: { kind: spec.kind, depth: spec.depth, nodeId: spec.nodeId },
      signal: run.signal,
      onRetry: (info: RetryInfo) =>
        run.emit({
          type: 'model_retry',
          callId: spec.callId,
          nodeId: spec.nodeId,
          depth: spec.depth,
          kind: spec.kind,
          model: spec.model,
          provider: info.provider,
          attempt: info.attempt,
          maxAttempts: info.maxAttempts,
          status: info.status ?? null,
          delayMs: info.delayMs,
          reason: info.reason,
          discardedChars: stream?.reset() ?? info.streamedChars,
        }),
      ...(stream === null ? {} : { onText: (delta: string) => stream.push(delta) }),
    });
    stream?.flush();
    const costUsd = run.ledger.settle(result.model || spec.model, result.usage, reserved.reservation);
    run.recordCall(
      callRecord(spec, startTime, {
        model: result.model || spec.model,
        response: result.text,
        usage: result.usage,
        costUsd,
        latencyMs: result.latencyMs,
        error: null,
      }),
    );
    emitEnd(run, spec, { usage: result.usage, costUsd, latencyMs: result.latencyMs, error: null });
    return { ok: true, result, costUsd };
  } catch (error) {
    run.ledger.release(reserved.reservation);
    const message =
      run.signal.aborted && !(error instanceof ModelApiError)
        ? `aborted: ${run.haltReason?.message ?? describeError(run.fatalError ?? error)}`
        : describeError(error);
    // A failed or aborted call is part of the story: it goes on record, without usage (none was reported).
    if (release !== undefined) {
      run.recordCall(
        callRecord(spec, startTime, {
          model: spec.model,
          response: '',
          usage: ZERO_USAGE,
          costUsd: 0,
          latencyMs: run.ports.now() - started,
          error: message,
        }),
      );
    }
    if (release === undefined) throw error;
    emitEnd(run, spec, {
      usage: ZERO_USAGE,
      costUsd: 0,
      latencyMs: run.ports.now() - started,
      error: message,
    });
    throw error;
  } finally {
    release?.();
  }
}

function emitEnd(
  run: RunContext,
  spec: ModelCallSpec,
  details: {
    usage: CompletionResult['usage'];
    costUsd: number | null;
    latencyMs: number;
    error: string | null;
  },
): void {
  run.emit({
    type: 'model_call_end',
    callId: spec.callId,
    parentId: spec.parentId,
    nodeId: spec.nodeId,
    depth: spec.depth,
    kind: spec.kind,
    model: spec.model,
    usage: details.usage,
    costUsd: details.costUsd,
    latencyMs: Math.round(details.latencyMs),
    error: details.error,
    totalTokens: run.ledger.totalTokens,
    totalCostUsd: run.ledger.totalCostUsd,
  });
}

export function describeError(error: unknown): string {
  if (error instanceof ModelApiError) return error.describe();
  if (error instanceof Error) return error.message;
  return String(error);
}

/** The trajectory record of one call; tools_used and executions are filled in as the reply's code runs. */
function callRecord(
  spec: ModelCallSpec,
  startTime: string,
  outcome: {
    model: string;
    response: string;
    usage: CompletionResult['usage'];
    costUsd: number | null;
    latencyMs: number;
    error: string | null;
  },
): CallRecord {
  return {
    call_id: spec.callId,
    parent_id: spec.parentId,
    node_id: spec.nodeId,
    depth: spec.depth,
    kind: spec.kind,
    iteration: spec.iteration,
    model: outcome.model,
    prompt: spec.recordedPrompt,
    response: outcome.response,
    // Filled from the executions as the reply's code runs (see CallCollector): what ran, not what was written.
    tools_used: [],
    tokens_in: outcome.usage.inputTokens,
    tokens_out: outcome.usage.outputTokens,
    cache_read_tokens: outcome.usage.cacheReadTokens,
    cache_write_tokens: outcome.usage.cacheWriteTokens,
    cost_usd: outcome.costUsd,
    latency_ms: Math.round(outcome.latencyMs),
    start_time: startTime,
    executions: [],
    error: outcome.error,
  };
}
