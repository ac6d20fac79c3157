/**
 * The loop of one RLM node: ask the model, run its ```repl blocks in the
 * node's namespace, feed the output back, until the code marks the answer
 * ready, the reply carries FINAL/FINAL_VAR, or a stop condition fires.
 */
import { contextWindowFor } from '../models/context-windows.js';
import type { ExecResult } from '../sandbox/types.js';
import type { CodeExecutionRecord } from '../trajectory/types.js';
import { abortable } from './abortable.js';
import { extractCodeBlocks, type CodeBlock } from './code-blocks.js';
import { parseTurnDirective } from './final-answer.js';
import { Conversation, historyBudgetTokens } from './conversation.js';
import { modelChoices, modelPolicy } from './model-allowlist.js';
import { callModel } from './model-call.js';
import type { NodeState } from './node-state.js';
import { repairMessage, REPAIR_TURNS, schemaInstructions } from './output-schema.js';
import { buildSystemPrompt } from './prompts/system-prompt.js';
import {
  executionReport,
  firstUserMessage,
  missingVariableMessage,
  NO_CODE_NUDGE,
} from './prompts/turn-messages.js';
import { RunHalted, type RunContext } from './run-context.js';
import type { StopReason, StopState } from './stop-conditions.js';
import { OUTPUT_DIR } from '../sandbox/outputs/types.js';

export interface NodeTask {
  node: NodeState;
  task: string;
  contextDescription: string;
  model: string;
  /** Resolves when the sandbox can run this node's code (the root starts it during the first model call). */
  sandboxReady: Promise<void>;
}

export interface NodeOutcome {
  /** The final answer; null when the node stopped without one. */
  answer: string | null;
  /** Best partial answer for a stopped node: answer content, else FINAL-like text, else the last reply. */
  partialAnswer: string;
  stop: StopReason | null;
  iterations: number;
  /** With an output schema: the answer parsed as JSON (valid). */
  structured?: unknown;
  /** With an output schema: why the answer (after the repair turn) still does not validate. */
  schemaProblems?: string[];
}

interface TurnState {
  iteration: number;
  consecutiveErrors: number;
  lastReply: string;
  lastFinalText: string | null;
  pendingAnswer: string | null;
}

export async function runNode(run: RunContext, task: NodeTask): Promise<NodeOutcome> {
  const { node } = task;
  const system = buildSystemPrompt({
    depth: node.depth,
    canRecurse: node.canRecurse,
    maxSubCallPromptChars: run.settings.maxSubCallPromptChars,
    tools: run.ports.tools.schemas,
    outputDir: run.ports.sandbox.kind === 'docker' ? OUTPUT_DIR : null,
    modelChoices: modelChoices(modelPolicy(run.settings)),
  });
  // Structured output is asked of the root only: children answer their parent's code, in whatever shape.
  const schema = node.depth === 0 ? run.settings.outputSchema : undefined;
  const first = firstUserMessage(task.task, task.contextDescription);
  const conversation = new Conversation(
    schema ? `${first}\n\n${schemaInstructions(schema.schema)}` : first,
    historyBudgetTokens({
      contextWindow: contextWindowFor(task.model, run.settings.contextWindow),
      maxOutputTokens: run.settings.maxOutputTokens,
      systemChars: system.length,
    }),
  );
  let repairsLeft = REPAIR_TURNS;
  const state: TurnState = {
    iteration: 0,
    consecutiveErrors: 0,
    lastReply: '',
    lastFinalText: null,
    pendingAnswer: null,
  };
  /** The outcome for an answer, or the repair message when it does not validate and a repair is left. */
  const settle = (answer: string): NodeOutcome | { repair: string } => {
    if (!schema) return finished(answer, node);
    const check = schema.check(answer);
    if (check.ok) return { ...finished(answer, node), structured: check.value };
    if (repairsLeft > 0) {
      repairsLeft -= 1;
      return { repair: repairMessage(check.problems) };
    }
    return {
      answer: null,
      partialAnswer: answer,
      stop: null,
      iterations: node.iterationsStarted,
      schemaProblems: check.problems,
    };
  };
  const stopped = (stop: StopReason): NodeOutcome => ({
    answer: null,
    partialAnswer: state.pendingAnswer ?? state.lastFinalText ?? state.lastReply,
    stop,
    iterations: node.iterationsStarted,
  });

  try {
    for (;;) {
      const stop = run.haltReason ?? run.stopCondition(stopStateOf(run, state, node.depth, task.model));
      if (stop !== null) {
        run.stopFor(stop, node.id, node.depth);
        return stopped(stop);
      }
      node.iterationsStarted += 1;
      run.emit({
        type: 'iteration_start',
        nodeId: node.id,
        depth: node.depth,
        iteration: state.iteration + 1,
      });

      const callId = run.nextCallId();
      const prompt = conversation.last.content;
      const modelCall = callModel(run, {
        callId,
        parentId: node.parentCallId,
        nodeId: node.id,
        depth: node.depth,
        kind: 'root',
        iteration: state.iteration + 1,
        model: task.model,
        system,
        messages: conversation.window(),
        recordedPrompt: prompt,
        streamText: true,
      });
      // The first turn overlaps with the sandbox start-up; both must be done before code runs.
      const [outcome] = await Promise.all([modelCall, abortable(task.sandboxReady, run.signal)]);
      if (!outcome.ok) {
        // A depth or model cap stops this node only; max_cost_usd / max_tokens stop the run.
        run.stopFor(outcome.refused, node.id, node.depth);
        return stopped(outcome.refused);
      }
      state.iteration += 1;
      const reply = outcome.result.text;
      state.lastReply = reply;
      conversation.push({ role: 'assistant', content: reply });
      node.currentCallId = callId;

      const blocks = extractCodeBlocks(reply);
      const turn = await runBlocks(run, node, callId, blocks, state);
      let answer = turn.answer;
      let failed = turn.failed;
      let nextMessage = '';
      const directive = answer === null ? parseTurnDirective(reply, blocks) : null;
      if (directive?.kind === 'text') {
        answer = directive.text;
      } else if (directive?.kind === 'var') {
        const value = await abortable(
          run.ports.sandbox.getVariable(directive.name, node.namespace),
          run.signal,
        );
        if (value !== undefined) answer = value;
        else {
          failed = true;
          nextMessage = [turn.report, missingVariableMessage(directive.name)].filter(Boolean).join('\n\n');
        }
      }
      if (answer !== null) {
        const settled = settle(answer);
        if (!('repair' in settled)) return settled;
        // The rejected answer is still marked ready in the REPL; unmark it so the repair turn's first
        // block does not hand it back again.
        if (turn.answer !== null) await unmarkAnswer(run, node);
        nextMessage = settled.repair;
      } else if (nextMessage === '') {
        if (turn.blocksRun === 0) {
          failed = true;
          nextMessage = NO_CODE_NUDGE;
        } else {
          nextMessage = turn.report;
        }
      }
      state.consecutiveErrors = failed ? state.consecutiveErrors + 1 : 0;
      conversation.push({ role: 'user', content: nextMessage });
    }
  } catch (error) {
    if (error instanceof RunHalted) return stopped(error.reason);
    if (run.haltReason !== null && run.signal.aborted && run.fatalError === null)
      return stopped(run.haltReason);
    throw error;
  } finally {
    node.currentCallId = null;
  }
}

async function unmarkAnswer(run: RunContext, node: NodeState): Promise<void> {
  await abortable(
    run.ports.sandbox.exec('answer["ready"] = False', { namespace: node.namespace }),
    run.signal,
  );
}

function finished(answer: string, node: NodeState): NodeOutcome {
  return { answer, partialAnswer: answer, stop: null, iterations: node.iterationsStarted };
}

function stopStateOf(run: RunContext, state: TurnState, depth: number, model: string): StopState {
  return {
    scope: { depth, model },
    spentUsd: (capKey: string) => run.ledger.capSpent(capKey),
    nodeIteration: state.iteration,
    consecutiveErrors: state.consecutiveErrors,
    totalTokens: run.ledger.totalTokens,
    knownCostUsd: run.ledger.knownCostUsd,
    subCalls: run.subCalls,
    elapsedMs: run.elapsedMs,
  };
}

interface BlocksOutcome {
  answer: string | null;
  failed: boolean;
  blocksRun: number;
  report: string;
}

async function runBlocks(
  run: RunContext,
  node: NodeState,
  callId: string,
  blocks: CodeBlock[],
  state: TurnState,
): Promise<BlocksOutcome> {
  const executed: Array<{ blockIndex: number; result: ExecResult }> = [];
  let failed = false;
  for (const [blockIndex, block] of blocks.entries()) {
    // A run-wide stop (budget, sub-call count) lets the running block finish but starts no new one.
    if (run.haltReason !== null) break;
    run.emit({
      type: 'code_start',
      callId,
      nodeId: node.id,
      depth: node.depth,
      blockIndex,
      code: block.code,
    });
    node.toolsUsed = new Set();
    const result = await abortable(
      run.ports.sandbox.exec(block.code, { namespace: node.namespace }),
      run.signal,
    );
    executed.push({ blockIndex, result });
    run.recordExecution(callId, executionRecord(blockIndex, block.code, result, [...node.toolsUsed]));
    run.emit({
      type: 'code_end',
      callId,
      nodeId: node.id,
      depth: node.depth,
      blockIndex,
      status: result.status,
      stdout: result.stdout.text,
      stderr: result.stderr.text,
      error: result.error ?? null,
      stateLost: result.stateLost,
      durationMs: Math.round(result.durationMs),
    });
    if (result.status !== 'ok') failed = true;
    if (result.answer !== undefined && result.answer.content !== '')
      state.pendingAnswer = result.answer.content;
    if (result.answer?.ready === true) {
      return { answer: result.answer.content, failed, blocksRun: executed.length, report: '' };
    }
  }
  return {
    answer: null,
    failed,
    blocksRun: executed.length,
    report: executed.length > 0 ? executionReport(executed, run.settings.maxTurnOutputChars) : '',
  };
}

function executionRecord(
  blockIndex: number,
  code: string,
  result: ExecResult,
  toolsUsed: string[],
): CodeExecutionRecord {
  return {
    block_index: blockIndex,
    code,
    stdout: result.stdout.text,
    stderr: result.stderr.text,
    status: result.status,
    error: result.error ?? null,
    stdout_truncated_bytes: result.stdout.truncatedBytes,
    stderr_truncated_bytes: result.stderr.truncatedBytes,
    state_lost: result.stateLost,
    duration_ms: Math.round(result.durationMs),
    tools_used: toolsUsed,
  };
}
