/**
 * Answers the host calls REPL code makes: llm_query, rlm_query, node_info and
 * registered tools. Batched calls arrive concurrently (the bridge's
 * call_many); each is capped by its batch's semaphore here and by the global
 * model-call semaphore in callModel, and keeps its own result or error, so
 * order and per-item failure are handled in Python by position.
 *
 * Problems the code can do something about (an oversized prompt, an
 * exhausted budget, a failed model call) come back as "Error: ..." strings
 * rather than exceptions, as in the reference implementation's llm_query.
 */
import { ModelApiError } from '../errors.js';
import type { SubCallKind } from '../rlm-options.js';
import type { ContextInput, HostCall, HostCallHandler } from '../sandbox/types.js';
import { quoteUntrusted } from '../sandbox/untrusted-text.js';
import { describeContext } from './prompts/context-metadata.js';
import { callModel, describeError } from './model-call.js';
import { modelPolicy, refuseModel } from './model-allowlist.js';
import { runNode } from './node.js';
import { childNodeId, createNode, type NodeState } from './node-state.js';
import { HOST_CALL } from './prelude.js';
import { RunHalted, type RunContext } from './run-context.js';
import { Semaphore } from './semaphore.js';

interface SubCallArgs {
  prompt: string;
  model: string | null;
  batch: number | null;
  contextToken: string | null;
}

export class SubCallRouter {
  private readonly nodes = new Map<string, NodeState>();

  constructor(private readonly run: RunContext) {}

  addNode(node: NodeState): void {
    this.nodes.set(node.namespace, node);
  }

  removeNode(node: NodeState): void {
    this.nodes.delete(node.namespace);
  }

  readonly handle: HostCallHandler = async (call: HostCall, signal: AbortSignal) => {
    const node = this.nodes.get(call.namespace);
    if (node === undefined)
      throw new Error(`no RLM node runs in namespace ${JSON.stringify(call.namespace)}`);
    if (call.name === HOST_CALL.nodeInfo) return { can_recurse: node.canRecurse, depth: node.depth };
    if (call.name === HOST_CALL.llmQuery || call.name === HOST_CALL.rlmQuery) {
      const kind: SubCallKind = call.name === HOST_CALL.llmQuery ? 'llm_query' : 'rlm_query';
      const args = parseArgs(call.args);
      // What ran, as the code called it: the batched functions send their items with a batch number.
      node.toolsUsed.add(args.batch === null ? kind : `${kind}_batched`);
      return this.subCall(node, kind, args);
    }
    if (call.name.startsWith(HOST_CALL.toolPrefix)) {
      const name = call.name.slice(HOST_CALL.toolPrefix.length);
      if (this.run.ports.tools.get(name) !== undefined) node.toolsUsed.add(name);
      return this.tool(name, call.args, signal);
    }
    throw new Error(`unknown host function ${quoteUntrusted(call.name)}`);
  };

  private async tool(name: string, args: unknown, signal: AbortSignal): Promise<unknown> {
    const tool = this.run.ports.tools.get(name);
    if (tool === undefined) throw new Error(`no tool named ${quoteUntrusted(name)} is registered`);
    const kwargs =
      args !== null && typeof args === 'object' && !Array.isArray(args)
        ? (args as Record<string, unknown>)
        : {};
    const result = await tool.fn(kwargs, signal);
    return result === undefined ? null : result;
  }

  private async subCall(node: NodeState, kind: SubCallKind, args: SubCallArgs): Promise<string> {
    const run = this.run;
    run.subCalls += 1;
    const depth = node.depth + 1;
    const admission = this.admit(node, args);
    if (admission !== null) return admission;
    const batchSlots = args.batch === null ? null : this.batchSemaphore(node, args.batch);
    const release = batchSlots === null ? null : await batchSlots.acquire(run.signal).catch(() => null);
    if (batchSlots !== null && release === null) return errorText(run.haltReason?.message ?? 'run stopped');
    const subCallId = run.nextSubCallId();
    const parentCallId = node.currentCallId ?? node.parentCallId ?? '';
    run.emit({
      type: 'sub_call_start',
      subCallId,
      kind,
      parentCallId,
      depth,
      promptChars: args.prompt.length,
    });
    let ok = false;
    let error: string | null = null;
    try {
      const answer =
        kind === 'rlm_query' && node.canRecurse
          ? await this.childRlm(node, args)
          : await this.completion(node, args);
      ok = !answer.startsWith('Error:');
      if (!ok) error = answer;
      return answer;
    } finally {
      release?.();
      run.emit({ type: 'sub_call_end', subCallId, kind, parentCallId, depth, ok, error });
    }
  }

  /** The error string for a sub-call a limit refuses, or null to go ahead. */
  private admit(node: NodeState, args: SubCallArgs): string | null {
    const run = this.run;
    if (run.haltReason !== null) return errorText(`run stopping: ${run.haltReason.message}`);
    const maxSubCalls = run.settings.maxSubCalls;
    if (maxSubCalls !== undefined && run.subCalls > maxSubCalls) {
      const reason = {
        limit: 'max_sub_calls' as const,
        message: `code asked for more than max_sub_calls (${maxSubCalls}) sub-calls`,
      };
      run.halt(reason, node.id, node.depth);
      return errorText(reason.message);
    }
    if (args.model !== null) {
      const refusal = refuseModel(args.model, modelPolicy(run.settings), run.ports.costOf);
      if (refusal !== null) return errorText(refusal);
    }
    const maxChars = run.settings.maxSubCallPromptChars;
    if (args.prompt.length > maxChars) {
      const message = `prompt of ${args.prompt.length} characters is over max_sub_call_prompt_chars (${maxChars}); split it into smaller chunks`;
      run.noteLimit({ limit: 'max_sub_call_prompt_chars', message }, node.id, node.depth);
      return errorText(message);
    }
    return null;
  }

  private batchSemaphore(node: NodeState, batch: number): Semaphore {
    let slots = node.batches.get(batch);
    if (slots === undefined) {
      slots = new Semaphore(this.run.settings.batchConcurrency);
      node.batches.set(batch, slots);
    }
    return slots;
  }

  /** A plain completion one depth down: llm_query, or rlm_query where no deeper RLM is allowed. */
  private async completion(node: NodeState, args: SubCallArgs): Promise<string> {
    const run = this.run;
    try {
      const outcome = await callModel(run, {
        callId: run.nextCallId(),
        parentId: node.currentCallId,
        nodeId: node.id,
        depth: node.depth + 1,
        kind: 'llm_query',
        iteration: 0,
        model: args.model ?? run.settings.subModel,
        messages: [{ role: 'user', content: args.prompt }],
        recordedPrompt: args.prompt,
        streamText: false,
      });
      if (!outcome.ok) {
        // The run-wide budgets stop the run; a depth or model cap refuses only the calls it covers.
        run.stopFor(outcome.refused, node.id, node.depth);
        return errorText(outcome.refused.message);
      }
      return outcome.result.text;
    } catch (error) {
      if (error instanceof RunHalted) return errorText(error.message);
      // A bad key or unknown model will fail every call alike: end the run (exit 4) instead of burning turns.
      if (error instanceof ModelApiError && !error.retryable && !run.signal.aborted) run.fail(error);
      return errorText(describeError(error));
    }
  }

  /** A child RLM with its own namespace and loop, sharing this run's budget and limits. */
  private async childRlm(parent: NodeState, args: SubCallArgs): Promise<string> {
    const run = this.run;
    const child = createNode(
      childNodeId(parent),
      parent.depth + 1,
      parent.currentCallId,
      run.settings.maxDepth,
    );
    const context: ContextInput =
      args.contextToken === null
        ? { kind: 'text', text: args.prompt }
        : { kind: 'stash', token: args.contextToken };
    const description =
      args.contextToken === null
        ? `${describeContext(context).description}\n(\`context\` is the full text of your task.)`
        : describeContext(context).description;
    this.addNode(child);
    try {
      const ready = run.ports.sandbox.createNamespace(child.namespace, context);
      const outcome = await runNode(run, {
        node: child,
        task: args.prompt,
        contextDescription: description,
        model: args.model ?? run.settings.subModel,
        sandboxReady: ready,
      });
      if (outcome.answer !== null) return outcome.answer;
      const why = outcome.stop?.message ?? 'stopped without an answer';
      return outcome.partialAnswer !== ''
        ? `Error: child RLM stopped (${why}); its partial answer: ${outcome.partialAnswer}`
        : errorText(`child RLM stopped (${why})`);
    } catch (error) {
      if (error instanceof ModelApiError && !error.retryable && !run.signal.aborted) run.fail(error);
      return errorText(describeError(error));
    } finally {
      this.removeNode(child);
      await run.ports.sandbox.dropNamespace(child.namespace).catch(() => undefined);
    }
  }
}

function errorText(message: string): string {
  return `Error: ${message}`;
}

/** Host-call arguments come from untrusted code: take only well-typed fields. */
function parseArgs(raw: unknown): SubCallArgs {
  const args =
    raw !== null && typeof raw === 'object' && !Array.isArray(raw) ? (raw as Record<string, unknown>) : {};
  if (typeof args.prompt !== 'string') throw new Error('prompt must be a string');
  return {
    prompt: args.prompt,
    model: typeof args.model === 'string' && args.model !== '' ? args.model : null,
    batch: typeof args.batch === 'number' && Number.isInteger(args.batch) ? args.batch : null,
    contextToken: typeof args.context_token === 'string' ? args.context_token : null,
  };
}
