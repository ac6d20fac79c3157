import { assembleTrajectory } from '../../src/trajectory/assemble.js';
import {
  callTree,
  describeCall,
  renderCallTreeText,
  retrySummary,
  type CallTreeNode,
} from '../../src/trajectory/render/call-tree.js';
import {
  costTable,
  renderCostTableMarkdown,
  renderCostTableText,
} from '../../src/trajectory/render/cost-table.js';
import { renderTrajectoryListText } from '../../src/trajectory/render/list.js';
import { summarize } from '../../src/trajectory/summary.js';
import { depthTwoRun } from './support/depth-two-run.js';
import { makeCall, makeFailedAttempt, makeHeader, makeOutcome } from './support/records.js';

function shape(nodes: CallTreeNode[]): unknown[] {
  return nodes.map((node) => ({ id: node.call.call_id, children: shape(node.children) }));
}

describe('summarize', () => {
  it('adds every usage field and keeps the cost when all prices are known', () => {
    const totals = summarize([
      makeCall({ cost_usd: 0.1 }),
      makeCall({ cost_usd: 0.2, tokens_in: 1, cache_write_tokens: 9 }),
    ]);

    expect(totals).toEqual({
      total_tokens_in: 101,
      total_tokens_out: 40,
      total_cache_read_tokens: 10,
      total_cache_write_tokens: 12,
      total_tokens: 141,
      total_cost_usd: 0.3,
    });
  });

  it('reports the total cost as unknown when any call price is unknown', () => {
    expect(summarize([makeCall({ cost_usd: 0.1 }), makeCall({ cost_usd: null })]).total_cost_usd).toBeNull();
  });
});

describe('costTable', () => {
  it('has one row per model in order of first use, and a total', () => {
    const table = costTable(depthTwoRun());

    expect(table.rows).toEqual([
      {
        model: 'claude-sonnet-4-5',
        calls: 4,
        tokens_in: 400,
        tokens_out: 80,
        cache_read: 20,
        cache_write: 12,
        cost_usd: 0.0048,
      },
      {
        model: 'claude-haiku-4-5',
        calls: 1,
        tokens_in: 7,
        tokens_out: 3,
        cache_read: 5,
        cache_write: 3,
        cost_usd: null,
      },
    ]);
    expect(table.total).toEqual({
      model: 'Total',
      calls: 5,
      tokens_in: 407,
      tokens_out: 83,
      cache_read: 25,
      cache_write: 15,
      cost_usd: null,
    });
  });

  it('shows an unknown cost as "unknown" in markdown and text, never as $0', () => {
    const table = costTable(depthTwoRun());

    const markdown = renderCostTableMarkdown(table);
    const text = renderCostTableText(table);

    expect(markdown.split('\n')).toEqual([
      '| Model | Calls | Tokens in | Tokens out | Cache read | Cache write | Cost (USD) |',
      '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
      '| `claude-sonnet-4-5` | 4 | 400 | 80 | 20 | 12 | $0.0048 |',
      '| `claude-haiku-4-5` | 1 | 7 | 3 | 5 | 3 | unknown |',
      '| **Total** | **5** | **407** | **83** | **25** | **15** | **unknown** |',
    ]);
    expect(text.split('\n').at(-1)).toMatch(/^Total\s+5\s+407\s+83\s+25\s+15\s+unknown$/);
    expect(`${markdown}\n${text}`).not.toMatch(/\$0\.00(?!\d)/);
  });

  it('keeps a pipe in a model name from splitting the table row', () => {
    const trajectory = assembleTrajectory(makeHeader(), [makeCall({ model: 'a|b' })], makeOutcome());

    const row = renderCostTableMarkdown(costTable(trajectory)).split('\n')[2] ?? '';

    expect(row.startsWith('| `a\\|b` |')).toBe(true);
  });
});

describe('callTree', () => {
  it('nests a depth-2 run by parent id', () => {
    expect(shape(callTree(depthTwoRun()))).toEqual([
      {
        id: 'r1',
        children: [
          { id: 'c1', children: [{ id: 'q1', children: [] }] },
          { id: 'c2', children: [] },
        ],
      },
      { id: 'r2', children: [] },
    ]);
  });

  it('keeps calls whose parent was never recorded, and calls in a parent cycle, at the top level', () => {
    const trajectory = assembleTrajectory(
      makeHeader(),
      [
        makeCall({ call_id: 'orphan', parent_id: 'missing', depth: 1 }),
        makeCall({ call_id: 'x', parent_id: 'y' }),
        makeCall({ call_id: 'y', parent_id: 'x' }),
      ],
      makeOutcome(),
    );

    const ids = callTree(trajectory).map((node) => node.call.call_id);

    expect(ids[0]).toBe('orphan');
    expect(ids).toHaveLength(2);
    expect(['x', 'y']).toContain(ids[1]);
  });

  it('renders indentation, kind, model, tokens, cost, latency, code blocks and errors', () => {
    const lines = renderCallTreeText(callTree(depthTwoRun())).split('\n');

    expect(lines).toEqual([
      'root root iteration 1 · claude-sonnet-4-5 · 100 in / 20 out tokens · $0.0012 · 250 ms · 1 code block',
      '├─ root root.1 iteration 1 · claude-sonnet-4-5 · 100 in / 20 out tokens · $0.0012 · 250 ms',
      '│  └─ llm_query root.1 sub-call · claude-haiku-4-5 · 7 in / 3 out tokens · unknown · 250 ms',
      '└─ root root.1 iteration 2 · claude-sonnet-4-5 · 100 in / 20 out tokens · $0.0012 · 250 ms · 1 code block · 1 error: ZeroDivisionError: division by zero',
      'root root iteration 2 · claude-sonnet-4-5 · 100 in / 20 out tokens · $0.0012 · 250 ms',
    ]);
  });
});

describe('describeCall', () => {
  it('says how many attempts a call took, how long it waited and why, and marks estimated usage', () => {
    const call = makeCall({
      attempts: 3,
      failed_attempts: [
        makeFailedAttempt({ attempt: 1, wait_ms: 500 }),
        makeFailedAttempt({
          attempt: 2,
          status: null,
          error: 'connection error',
          wait_ms: 1000,
          tokens_in: 40,
          usage_estimated: true,
        }),
      ],
      usage_estimated: true,
    });

    expect(describeCall(call)).toBe(
      'root root iteration 1 · claude-sonnet-4-5 · ~100 in / 20 out tokens · $0.0012 · 250 ms · 3 attempts, waited 1.5 s: HTTP 529 overloaded_error, connection error',
    );
    expect(retrySummary(makeCall())).toBeNull();
  });
});

describe('renderTrajectoryListText', () => {
  it('prints a header row, then one aligned line per run with id, start, status, model, tokens, cost, duration and task', () => {
    const finished = depthTwoRun();
    const unfinished = {
      ...depthTwoRun(),
      trajectory_id: 'other-run',
      incomplete: true,
      success: false,
      total_cost_usd: 0.5,
    };
    unfinished.task = 'Find\nthe   bug';

    const lines = renderTrajectoryListText([finished, unfinished]).split('\n');

    expect(lines).toEqual([
      'ID         STARTED               STATUS      MODEL              TOKENS   COST     DURATION  TASK',
      'traj-0001  2026-11-24 03:30:00Z  ok          claude-sonnet-4-5  490 tok  unknown  5.0 s     Summarize the log',
      'other-run  2026-11-24 03:30:00Z  unfinished  claude-sonnet-4-5  490 tok  $0.5000  5.0 s     Find the bug',
    ]);
  });

  it('says so when there is nothing to list', () => {
    expect(renderTrajectoryListText([])).toBe('No trajectories found.');
  });
});
