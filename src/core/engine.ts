/**
 * One run, start to finish: trajectory header, a sandbox preflight (Docker
 * ping, image) before any model call, sandbox start-up overlapped with the
 * first model call, the root node's loop, and an outcome that always
 * closes the sandbox, finishes the trajectory and maps to an exit code.
 */
import { randomUUID } from 'node:crypto';
import { ExitCode, exitCodeOf, RlmError } from '../errors.js';
import type { Backend } from '../models/types.js';
import type { LimitName, RLMResult, RunEvent } from '../rlm-options.js';
import { abortable } from './abortable.js';
import { describeError } from './model-call.js';
import { runNode, type NodeOutcome } from './node.js';
import { createNode } from './node-state.js';
import { buildPrelude } from './prelude.js';
import { modelChoices, modelPolicy } from './model-allowlist.js';
import { describeContext } from './prompts/context-metadata.js';
import { buildSystemPrompt } from './prompts/system-prompt.js';
import { RunContext, RunHalted, type EnginePorts } from './run-context.js';
import { limitsRecord, type EngineSettings } from './settings.js';
import { SubCallRouter } from './sub-calls.js';
import { OUTPUT_DIR } from '../sandbox/outputs/types.js';
import { collectRunOutputs } from './outputs.js';
import { TRAJECTORY_SCHEMA_VERSION } from '../trajectory/types.js';

export const ROOT_NODE_ID = 'root';

export interface RunRequest {
  task: string;
  settings: EngineSettings;
  ports: EnginePorts;
  backend: Backend;
  environment: 'docker' | 'repl';
  emit: (event: RunEvent) => void;
  /** Cancels the run like a timeout (exit code 2). */
  signal?: AbortSignal | undefined;
  trajectoryId?: string;
}

export async function runEngine(request: RunRequest): Promise<RLMResult> {
  const { settings, ports } = request;
  const trajectoryId = request.trajectoryId ?? randomUUID();
  const run = new RunContext(trajectoryId, settings, ports, request.emit);
  const context = describeContext(settings.context);
  const root = createNode(ROOT_NODE_ID, 0, null, settings.maxDepth);

  await ports.sink.start({
    schema_version: TRAJECTORY_SCHEMA_VERSION,
    trajectory_id: trajectoryId,
    backend: request.backend,
    model: settings.model,
    sub_model: settings.subModel,
    environment: request.environment,
    start_time: new Date().toISOString(),
    task: request.task,
    system_prompt: buildSystemPrompt({
      depth: 0,
      canRecurse: root.canRecurse,
      maxSubCallPromptChars: settings.maxSubCallPromptChars,
      tools: ports.tools.schemas,
      outputDir: ports.sandbox.kind === 'docker' ? OUTPUT_DIR : null,
      modelChoices: modelChoices(modelPolicy(settings)),
    }),
    limits: limitsRecord(settings),
    context_summary: context.summary,
  });
  run.emit({
    type: 'run_start',
    task: request.task,
    backend: request.backend,
    model: settings.model,
    subModel: settings.subModel,
    environment: request.environment,
    contextSummary: context.summary,
  });

  const stopTimer = armDeadline(run, settings.timeoutMs);
  const onCancel = () => run.halt({ limit: 'cancelled', message: 'run cancelled' }, ROOT_NODE_ID, 0);
  if (request.signal?.aborted) onCancel();
  request.signal?.addEventListener('abort', onCancel, { once: true });

  const router = new SubCallRouter(run);
  router.addNode(root);
  ports.sandbox.setPrelude(buildPrelude(ports.tools.schemas));
  ports.sandbox.setHostCallHandler(router.handle);
  const sandboxReady = ports.sandbox
    .start()
    .then(() => ports.sandbox.createNamespace(root.namespace, settings.context));
  // A sandbox that cannot start must not wait for the model: it cancels the first call at once.
  sandboxReady.catch((error: unknown) => run.fail(error));

  let outcome: NodeOutcome | null = null;
  try {
    // Docker down or the image missing must cost no model call: a ping and an image check come first.
    // Starting the container (above) still overlaps with the first call.
    await abortable(ports.sandbox.preflight(), run.signal);
    outcome = await runNode(run, {
      node: root,
      task: request.task,
      contextDescription: context.description,
      model: settings.model,
      sandboxReady,
    });
  } catch (error) {
    // A timeout or cancel during the preflight is a halt (haltReason), not a failure.
    if (!(error instanceof RunHalted)) run.fail(run.fatalError ?? error);
  } finally {
    stopTimer();
    request.signal?.removeEventListener('abort', onCancel);
  }
  // Every ending (answer, failure, limit, cancellation) collects /output before the container goes.
  await run.flushWrites();
  const outputs = await collectRunOutputs(run);
  await ports.sandbox.close().catch(() => undefined);

  const result = { ...buildResult(run, outcome, root.iterationsStarted, trajectoryId), ...outputs.result };
  await run.flushWrites();
  const written = await ports.sink.finish({
    end_time: new Date().toISOString(),
    duration_ms: result.durationMs,
    success: result.success,
    error: result.error,
    final_answer: result.response === '' ? null : result.response,
    limits_hit: result.limitsHit,
    iterations: result.iterations,
    max_depth_reached: result.maxDepthReached,
    ...outputs.outcome,
  });
  // The writer reports `written: false` when the disk failed; a path to a file that is not there helps nobody.
  const lost = 'written' in written && written.written === false;
  const finalResult = { ...result, trajectoryPath: lost ? null : written.path };
  run.emit({ type: 'final', result: finalResult });
  return finalResult;
}

function armDeadline(run: RunContext, timeoutMs: number | undefined): () => void {
  if (timeoutMs === undefined) return () => undefined;
  const timer = setTimeout(
    () =>
      run.halt(
        { limit: 'timeout', message: `wall-clock timeout after ${(timeoutMs / 1000).toFixed(1)} s` },
        ROOT_NODE_ID,
        0,
      ),
    timeoutMs,
  );
  return () => clearTimeout(timer);
}

/** `iterations`: the root's turns that ran, read from the node so a run that threw still counts them. */
function buildResult(
  run: RunContext,
  outcome: NodeOutcome | null,
  iterations: number,
  trajectoryId: string,
): RLMResult {
  const limitsHit = [...run.limitsHit];
  const fatal = run.fatalError;
  const stop = outcome?.stop ?? run.haltReason;
  const answered = fatal === null && outcome !== null && outcome.answer !== null;
  const schemaProblems = outcome?.schemaProblems;
  const error = answered
    ? null
    : schemaProblems && fatal === null
      ? `the final answer does not match the output schema (after one repair turn): ${schemaProblems.join('; ')}`
      : describeFailure(fatal, stop?.message ?? 'the run ended without an answer');
  const warnings = [...run.warnings];
  const unpriced = run.ledger.unpricedModels;
  if (unpriced.length > 0) {
    warnings.push(
      `price unknown for ${unpriced.join(', ')}: cost is reported as unknown${run.settings.maxCostUsd === undefined ? '' : ' and max_cost_usd could not be enforced for those calls'}`,
    );
  }
  return {
    response: outcome === null ? '' : (outcome.answer ?? outcome.partialAnswer),
    success: answered,
    error,
    trajectoryId,
    trajectoryPath: null,
    tokens: run.ledger.totalTokens,
    usage: run.ledger.totals,
    costUsd: run.ledger.totalCostUsd,
    usageByModel: run.ledger.usageByModel,
    limitsHit,
    iterations,
    warnings,
    modelCalls: run.ledger.callCount,
    subCalls: run.subCalls,
    maxDepthReached: run.maxDepthReached,
    durationMs: Math.round(run.elapsedMs),
    exitCode: answered ? ExitCode.Success : exitCodeFor(fatal, stop?.limit),
    ...(answered && outcome?.structured !== undefined ? { structuredOutput: outcome.structured } : {}),
    outputs: [],
    outputsDir: null,
  };
}

function describeFailure(fatal: unknown, stopMessage: string): string {
  if (fatal === null) return stopMessage;
  return fatal instanceof RlmError ? fatal.describe() : describeError(fatal);
}

function exitCodeFor(fatal: unknown, limit: LimitName | undefined): ExitCode {
  if (fatal !== null) return exitCodeOf(fatal);
  if (limit === 'timeout' || limit === 'cancelled') return ExitCode.Timeout;
  return ExitCode.Execution;
}
