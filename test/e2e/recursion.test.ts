/**
 * Depth-2 recursion: rlm_query_batched starts child RLMs (depth 1) with their
 * own namespaces and contexts; each child makes its own llm_query (depth 2).
 */
import { createHarness, type Harness } from './harness.js';

describe('recursive sub-calls', () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await createHarness('recursion.yaml');
  });
  afterAll(() => harness.cleanup());

  it('runs child RLMs in their own namespaces and records the call tree', async () => {
    const result = await harness.rlm({ maxDepth: 2 }).completion('Review both files', {
      context: {
        kind: 'json',
        value: { 'a.py': 'def add(a, b): return a + b', 'b.py': 'def sub(a, b): return b - a' },
      },
    });
    expect(result).toMatchObject({
      success: true,
      response: 'a.py: add looks right\nb.py: sub has a bug',
      maxDepthReached: 2,
      iterations: 2,
      subCalls: 4,
    });

    const trajectory = await harness.trajectory();
    const calls = trajectory.calls;
    const rootTurns = calls.filter((call) => call.node_id === 'root' && call.kind === 'root');
    expect(rootTurns.map((call) => [call.call_id, call.parent_id, call.depth])).toEqual([
      ['c1', null, 0],
      [rootTurns[1]?.call_id, null, 0],
    ]);
    const spawning = rootTurns[0]?.call_id;
    for (const nodeId of ['root.1', 'root.2']) {
      const turns = calls.filter((call) => call.node_id === nodeId && call.kind === 'root');
      // Both child turns hang under the root turn whose code called rlm_query_batched.
      expect(turns.map((call) => [call.depth, call.parent_id, call.iteration])).toEqual([
        [1, spawning, 1],
        [1, spawning, 2],
      ]);
      // The child's own llm_query hangs under the child turn that made it.
      const subCalls = calls.filter((call) => call.node_id === nodeId && call.kind === 'llm_query');
      expect(subCalls).toHaveLength(1);
      expect(subCalls[0]).toMatchObject({ depth: 2, parent_id: turns[0]?.call_id, iteration: 0 });
      // Own namespace: the child does not see the root's variables, and its context is what was passed.
      expect(turns[0]?.executions[0]?.stdout).toBe(
        "sees parent variable: False | context keys: ['name', 'text']\n",
      );
      expect(turns[0]?.prompt).toContain('Review this file');
    }
    expect(rootTurns[0]?.tools_used).toEqual(['rlm_query_batched']);
    expect(trajectory.max_depth_reached).toBe(2);
  });

  it('turns rlm_query into a plain completion at max_depth', async () => {
    const flat = await createHarness({
      responses: ['```repl\nprint(rlm_query("What is 2+2?", context=[1, 2]))\n```', 'FINAL(done)'],
      sub_responses: [
        {
          kind: 'llm_query',
          depth: 1,
          match: 'What is 2\\+2\\?\\n\\nContext:\\n\\[1, 2\\]',
          response: 'four',
        },
      ],
    });
    try {
      const result = await flat.rlm({ maxDepth: 1 }).completion('Add');
      expect(result.success).toBe(true);
      const trajectory = await flat.trajectory();
      expect(trajectory.calls.map((call) => [call.node_id, call.kind, call.depth])).toEqual([
        ['root', 'root', 0],
        ['root', 'llm_query', 1],
        ['root', 'root', 0],
      ]);
      expect(trajectory.calls[0]?.executions[0]?.stdout).toBe('four\n');
      expect(trajectory.system_prompt).toContain('behave like llm_query');
    } finally {
      await flat.cleanup();
    }
  });
});
