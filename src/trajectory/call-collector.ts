import type { CallRecord, CodeExecutionRecord } from './types.js';

/**
 * Gathers calls and the executions attached to them later, in arrival order. Shared by the writer (live)
 * and the reader (replaying a journal) so both rebuild a run the same way.
 */
export class CallCollector {
  private readonly byId = new Map<string, CallRecord>();
  /** Executions whose call has not been recorded yet; attached when it arrives. */
  private readonly pending = new Map<string, CodeExecutionRecord[]>();

  addCall(call: CallRecord): void {
    const earlier = this.byId.get(call.call_id);
    const waiting = this.pending.get(call.call_id) ?? [];
    this.pending.delete(call.call_id);
    // A re-recorded call replaces the earlier record but keeps executions attached to it meanwhile.
    const executions = [
      ...(call.executions.length > 0 ? call.executions : (earlier?.executions ?? [])),
      ...waiting,
    ];
    this.byId.set(call.call_id, {
      ...call,
      tools_used: mergeToolsUsed(call.tools_used, executions),
      executions,
    });
  }

  addExecution(callId: string, execution: CodeExecutionRecord): void {
    const call = this.byId.get(callId);
    if (call) {
      call.executions.push(execution);
      call.tools_used = mergeToolsUsed(call.tools_used, [execution]);
      return;
    }
    const waiting = this.pending.get(callId) ?? [];
    waiting.push(execution);
    this.pending.set(callId, waiting);
  }

  calls(): CallRecord[] {
    return [...this.byId.values()];
  }

  /** Ids of calls that received executions but were never recorded themselves. */
  orphanCallIds(): string[] {
    return [...this.pending.keys()];
  }
}

/** What the call had, then what each execution called, without repeats: the calls' order of first use. */
function mergeToolsUsed(known: readonly string[], executions: readonly CodeExecutionRecord[]): string[] {
  const merged = new Set(known);
  for (const execution of executions) for (const name of execution.tools_used ?? []) merged.add(name);
  return [...merged];
}
