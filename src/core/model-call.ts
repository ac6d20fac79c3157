/**
 * One model call, whoever makes it (a node's turn or a sub-call): budget
 * reservation, the global concurrency slot, streaming deltas as events,
 * settlement in the ledger and the trajectory record.
 */
import { ModelApiError } from '../errors.js';
import { billedOnFailure, sumUsage } from '../models/billed-usage.js';
import type { RetryInfo } from '../models/options.js';
import type { AttemptReport, ChatMessage, CompletionResult, TokenUsage } from '../models/types.js';
import type { CallKind, CallRecord, FailedAttemptRecord } from '../trajectory/types.js';
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

/** What a call cost over all its attempts, and how sure that is. */
interface CallBill {
  usage: TokenUsage;
  estimated: boolean;
  attempts: number;
  failed: FailedAttemptRecord[];
}

export async function callModel(run: RunContext, spec: ModelCallSpec): Promise<ModelCallOutcome> {
  const texts = [spec.system ?? '', ...spec.messages.map((message) => message.content)];
  const promptChars = texts.reduce((sum, text) => sum + text.length, 0);
  // Waits while calls in flight hold the budget it needs; refused only when it cannot fit even alone.
  const reserved = await run.ledger.admit(
    {
      model: spec.model,
      promptChars,
      promptBytes: texts.reduce((sum, text) => sum + Buffer.byteLength(text, 'utf8'), 0),
      messages: texts.length,
      maxOutputTokens: run.settings.maxOutputTokens,
      depth: spec.depth,
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
  const attempts: AttemptReport[] = [];
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
      onAttempt: (report: AttemptReport) => attempts.push(report),
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
    const bill = billOf(attempts, result.usage, result.attempts);
    const model = result.model || spec.model;
    const costUsd = run.ledger.settle(model, bill.usage, reserved.reservation);
    run.recordCall(
      callRecord(spec, startTime, {
        model,
        response: result.text,
        bill,
        costUsd,
        latencyMs: result.latencyMs,
        error: null,
      }),
    );
    emitEnd(run, spec, { bill, costUsd, latencyMs: result.latencyMs, error: null });
    return { ok: true, result, costUsd };
  } catch (error) {
    const message =
      run.signal.aborted && !(error instanceof ModelApiError)
        ? `aborted: ${run.haltReason?.message ?? describeError(run.fatalError ?? error)}`
        : describeError(error);
    if (release === undefined) {
      // Never sent (the run stopped while the call waited for a slot): nothing to bill or record.
      run.ledger.release(reserved.reservation);
      throw error;
    }
    // A failed or aborted call was billed for what the provider processed: it counts against the caps.
    const bill = failedBill(attempts, error, promptChars);
    const costUsd = run.ledger.settle(spec.model, bill.usage, reserved.reservation);
    const latencyMs = run.ports.now() - started;
    run.recordCall(
      callRecord(spec, startTime, {
        model: spec.model,
        response: '',
        bill,
        costUsd,
        latencyMs,
        error: message,
      }),
    );
    emitEnd(run, spec, { bill, costUsd, latencyMs, error: message });
    throw error;
  } finally {
    release?.();
  }
}

/** A call that answered: every attempt's billed usage (the answer's own included). */
function billOf(attempts: AttemptReport[], answered: TokenUsage, attemptCount: number): CallBill {
  // A client that reports no attempts (a custom ModelClient) is billed what its answer says.
  if (attempts.length === 0) return { usage: answered, estimated: false, attempts: attemptCount, failed: [] };
  return {
    usage: sumUsage(attempts.map((attempt) => attempt.usage)),
    estimated: attempts.some((attempt) => attempt.usageEstimated),
    attempts: attempts.length,
    failed: attempts.filter((attempt) => !attempt.ok).map(failedAttemptRecord),
  };
}

/** A call that failed or was aborted. */
function failedBill(attempts: AttemptReport[], error: unknown, promptChars: number): CallBill {
  if (attempts.length > 0) return billOf(attempts, sumUsage([]), attempts.length);
  // Nothing reported: an error the provider answered costs nothing, anything else the prompt (estimated).
  const answeredWithError = error instanceof ModelApiError && error.status !== undefined;
  const billed = billedOnFailure(
    answeredWithError ? { kind: 'http' } : null,
    { usage: null, streamedChars: 0 },
    promptChars,
  );
  return { usage: billed.usage, estimated: billed.estimated, attempts: 1, failed: [] };
}

function failedAttemptRecord(attempt: AttemptReport): FailedAttemptRecord {
  return {
    attempt: attempt.attempt,
    status: attempt.status,
    error: attempt.error ?? 'failed',
    wait_ms: attempt.delayMs,
    latency_ms: Math.round(attempt.latencyMs),
    streamed_chars: attempt.streamedChars,
    tokens_in: attempt.usage.inputTokens,
    tokens_out: attempt.usage.outputTokens,
    cache_read_tokens: attempt.usage.cacheReadTokens,
    cache_write_tokens: attempt.usage.cacheWriteTokens,
    usage_estimated: attempt.usageEstimated,
  };
}

function emitEnd(
  run: RunContext,
  spec: ModelCallSpec,
  details: {
    bill: CallBill;
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
    usage: details.bill.usage,
    costUsd: details.costUsd,
    latencyMs: Math.round(details.latencyMs),
    error: details.error,
    attempts: details.bill.attempts,
    usageEstimated: details.bill.estimated,
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
    bill: CallBill;
    costUsd: number | null;
    latencyMs: number;
    error: string | null;
  },
): CallRecord {
  const usage = outcome.bill.usage;
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
    tokens_in: usage.inputTokens,
    tokens_out: usage.outputTokens,
    cache_read_tokens: usage.cacheReadTokens,
    cache_write_tokens: usage.cacheWriteTokens,
    cost_usd: outcome.costUsd,
    latency_ms: Math.round(outcome.latencyMs),
    start_time: startTime,
    executions: [],
    error: outcome.error,
    attempts: outcome.bill.attempts,
    failed_attempts: outcome.bill.failed,
    usage_estimated: outcome.bill.estimated,
  };
}
