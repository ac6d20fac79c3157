/**
 * Runs the host tools REPL code calls (registered functions, MCP tools) and
 * records each call for the trajectory: which tool on which server, the
 * arguments (bounded; the writer redacts secrets), duration, status and the
 * result's size. Calls run concurrently, at most `batchConcurrency` at once
 * over the run, so a batch of 100 tool calls cannot open 100 connections.
 */
import { quoteUntrusted } from '../sandbox/untrusted-text.js';
import type { ToolCallRecord } from '../trajectory/types.js';
import type { NodeState } from './node-state.js';
import type { RunContext } from './run-context.js';
import { Semaphore } from './semaphore.js';

/** Characters of a call's arguments kept in its record. */
export const MAX_RECORDED_ARGUMENT_CHARS = 2_000;
const MAX_RECORDED_ERROR_CHARS = 1_000;

export class ToolCalls {
  private readonly slots: Semaphore;

  constructor(private readonly run: RunContext) {
    this.slots = new Semaphore(run.settings.batchConcurrency);
  }

  async call(node: NodeState, name: string, args: unknown, signal: AbortSignal): Promise<unknown> {
    const tool = this.run.ports.tools.get(name);
    if (tool === undefined) throw new Error(`no tool named ${quoteUntrusted(name)} is registered`);
    node.toolsUsed.add(name);
    // Arguments come from untrusted code: only a keyword map is passed on.
    const kwargs =
      args !== null && typeof args === 'object' && !Array.isArray(args)
        ? (args as Record<string, unknown>)
        : {};
    const release = await this.slots.acquire(signal);
    const started = this.run.ports.now();
    const record: ToolCallRecord = {
      tool: name,
      server: tool.origin?.server ?? null,
      name: tool.origin?.tool ?? name,
      arguments: bounded(JSON.stringify(kwargs), MAX_RECORDED_ARGUMENT_CHARS),
      duration_ms: 0,
      status: 'ok',
      result_chars: 0,
      error: null,
    };
    try {
      const result = await tool.fn(kwargs, signal);
      const value = result === undefined ? null : result;
      record.result_chars = JSON.stringify(value)?.length ?? 0;
      return value;
    } catch (error) {
      record.status = 'error';
      record.error = bounded(
        error instanceof Error ? error.message : String(error),
        MAX_RECORDED_ERROR_CHARS,
      );
      throw error;
    } finally {
      release();
      record.duration_ms = Math.round(this.run.ports.now() - started);
      node.toolCalls.push(record);
    }
  }
}

function bounded(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max)}... [${text.length - max} more characters]` : text;
}
