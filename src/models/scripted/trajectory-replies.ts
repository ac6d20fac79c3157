/**
 * Replays the model replies recorded in a trajectory: each RLM node's own
 * turns in iteration order, and llm_query replies matched by prompt (so
 * concurrent sub-calls that arrive in another order still get their own
 * reply), falling back to recorded order.
 */
import { ModelApiError } from '../../errors.js';
import type { CompletionRequest } from '../types.js';
import { describeCall, lastUserMessage, type ReplySource } from './reply-source.js';
import type { RecordedCall, RecordedTrajectory } from './trajectory-file.js';

export class TrajectoryReplies implements ReplySource {
  private readonly nodeTurns = new Map<string, RecordedCall[]>();
  private readonly subCalls: RecordedCall[];

  constructor(private readonly recorded: RecordedTrajectory) {
    const roots = recorded.calls.filter((c) => c.kind === 'root');
    for (const call of [...roots].sort((a, b) => a.iteration - b.iteration)) {
      const turns = this.nodeTurns.get(call.node_id) ?? [];
      turns.push(call);
      this.nodeTurns.set(call.node_id, turns);
    }
    this.subCalls = recorded.calls.filter((c) => c.kind === 'llm_query');
  }

  next(request: CompletionRequest): string {
    const call = request.purpose.kind === 'root' ? this.nextTurn(request) : this.nextSubCall(request);
    if (!call) {
      throw new ModelApiError(
        `scripted: trajectory ${this.recorded.trajectoryId} has no recorded reply left for the ${describeCall(request)}`,
        {
          provider: 'scripted',
          fix: 'The replayed run diverged from the recording (different context, limits or code results).',
        },
      );
    }
    return call.response;
  }

  private nextTurn(request: CompletionRequest): RecordedCall | undefined {
    return this.nodeTurns.get(request.purpose.nodeId)?.shift();
  }

  private nextSubCall(request: CompletionRequest): RecordedCall | undefined {
    const prompt = lastUserMessage(request);
    const node = request.purpose.nodeId;
    const preferences: Array<(c: RecordedCall) => boolean> = [
      (c) => c.node_id === node && c.prompt === prompt,
      (c) => c.prompt === prompt,
      (c) => c.node_id === node,
      () => true,
    ];
    for (const prefer of preferences) {
      const index = this.subCalls.findIndex(prefer);
      if (index >= 0) return this.subCalls.splice(index, 1)[0];
    }
    return undefined;
  }
}
