import { assembleTrajectory } from '../../../src/trajectory/assemble.js';
import type { Trajectory } from '../../../src/trajectory/types.js';
import { makeCall, makeExecution, makeHeader, makeOutcome } from './records.js';

/**
 * A depth-2 run: root iteration 1 spawns child RLM root.1 (two iterations); the child's first iteration
 * makes an llm_query at depth 2; root iteration 2 finishes. The haiku sub-call has no known price.
 */
export function depthTwoRun(): Trajectory {
  const calls = [
    makeCall({
      call_id: 'r1',
      tools_used: ['rlm_query'],
      executions: [makeExecution({ code: 'rlm_query("look", context[:10])' })],
    }),
    makeCall({
      call_id: 'c1',
      parent_id: 'r1',
      node_id: 'root.1',
      depth: 1,
      iteration: 1,
      tools_used: ['llm_query'],
    }),
    makeCall({
      call_id: 'q1',
      parent_id: 'c1',
      node_id: 'root.1',
      depth: 2,
      kind: 'llm_query',
      iteration: 0,
      model: 'claude-haiku-4-5',
      cost_usd: null,
      tokens_in: 7,
      tokens_out: 3,
    }),
    makeCall({
      call_id: 'c2',
      parent_id: 'r1',
      node_id: 'root.1',
      depth: 1,
      iteration: 2,
      executions: [makeExecution({ status: 'error', error: 'ZeroDivisionError: division by zero' })],
    }),
    makeCall({ call_id: 'r2', iteration: 2, response: 'answer["ready"] = True' }),
  ];
  return assembleTrajectory(makeHeader(), calls, makeOutcome({ max_depth_reached: 2 }));
}
