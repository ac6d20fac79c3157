/** The dashboard's data shaping: pure functions shared by the page, the server and the CLI. */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import {
  callTreeMermaidBlock,
  escapeMermaidLabel,
  renderCallTreeMermaid,
} from '../../src/trajectory/render/mermaid.js';
import { compareRuns } from '../../src/viz/data/compare.js';
import { convertOfficialRlmLog } from '../../src/viz/data/official-rlm.js';
import { parseTrajectoryText } from '../../src/viz/data/parse-text.js';
import { applyRunQuery, formatRunQuery, parseRunQuery } from '../../src/viz/data/run-query.js';
import { summarizeRun } from '../../src/viz/data/run-summary.js';
import { buildTimeline } from '../../src/viz/data/timeline.js';
import { toolStats } from '../../src/viz/data/tool-stats.js';
import { makeCall } from '../trajectory/support/records.js';
import { syntheticRun } from '../support/synthetic-runs.js';

const runs = [
  syntheticRun({ id: 'a-ok', calls: 10, start: '2026-11-01T10:00:00.000Z', task: 'Count the ERROR lines' }),
  syntheticRun({
    id: 'b-failed',
    calls: 30,
    success: false,
    start: '2026-11-05T10:00:00.000Z',
    model: 'gpt-5',
    backend: 'openai',
  }),
  syntheticRun({ id: 'c-ok', calls: 5, start: '2026-11-09T10:00:00.000Z', seed: 3 }),
].map(summarizeRun);

describe('run list query', () => {
  it('reads the URL, ignoring what it does not know', () => {
    expect(parseRunQuery('?status=failed&sort=tokens&bogus=1&from=yesterday')).toEqual({
      status: 'failed',
      model: '',
      backend: '',
      from: '',
      to: '',
      q: '',
      sort: 'tokens',
      order: 'desc',
    });
    expect(parseRunQuery('status=<script>&sort=evil').status).toBe('');
  });

  it('filters by status, model, backend, dates and task text, and round-trips through the URL', () => {
    expect(applyRunQuery(runs, parseRunQuery('?status=failed')).map((run) => run.id)).toEqual(['b-failed']);
    expect(applyRunQuery(runs, parseRunQuery('?backend=anthropic')).map((run) => run.id)).toEqual([
      'c-ok',
      'a-ok',
    ]);
    expect(applyRunQuery(runs, parseRunQuery('?model=gpt-5')).map((run) => run.id)).toEqual(['b-failed']);
    expect(applyRunQuery(runs, parseRunQuery('?from=2026-11-02&to=2026-11-09')).map((run) => run.id)).toEqual(
      ['c-ok', 'b-failed'],
    );
    expect(applyRunQuery(runs, parseRunQuery('?q=error')).map((run) => run.id)).toEqual(['a-ok']);
    const query = parseRunQuery('?status=ok&sort=cost&order=asc');
    expect(formatRunQuery(query)).toBe('?status=ok&sort=cost&order=asc');
    expect(formatRunQuery(parseRunQuery(''))).toBe('');
  });

  it('sorts by date, tokens, cost and duration; unknown cost last', () => {
    expect(applyRunQuery(runs, parseRunQuery('')).map((run) => run.id)).toEqual(['c-ok', 'b-failed', 'a-ok']);
    const byTokens = applyRunQuery(runs, parseRunQuery('?sort=tokens'));
    expect(byTokens.map((run) => run.id)).toEqual(['b-failed', 'a-ok', 'c-ok']);
    expect(byTokens[0]?.tokens).toBeGreaterThan(byTokens[1]?.tokens ?? Infinity);
    const unknown = { ...runs[0]!, id: 'z-unknown', cost_usd: null };
    expect(applyRunQuery([unknown, ...runs], parseRunQuery('?sort=cost&order=asc')).at(-1)?.id).toBe(
      'z-unknown',
    );
    expect(applyRunQuery([unknown, ...runs], parseRunQuery('?sort=cost')).at(-1)?.id).toBe('z-unknown');
    expect(applyRunQuery(runs, parseRunQuery('?sort=duration&order=asc')).map((run) => run.id)).toEqual([
      'c-ok',
      'a-ok',
      'b-failed',
    ]);
  });
});

describe('timeline', () => {
  it('puts overlapping calls in separate lanes, finds the critical path and the slowest calls', () => {
    const calls = [
      makeCall({ call_id: 'r1', start_time: '2026-01-01T00:00:00.000Z', latency_ms: 1000 }),
      makeCall({
        call_id: 'q1',
        parent_id: 'r1',
        kind: 'llm_query',
        depth: 1,
        start_time: '2026-01-01T00:00:01.000Z',
        latency_ms: 500,
      }),
      makeCall({
        call_id: 'q2',
        parent_id: 'r1',
        kind: 'llm_query',
        depth: 1,
        start_time: '2026-01-01T00:00:01.000Z',
        latency_ms: 3000,
      }),
      makeCall({ call_id: 'r2', iteration: 2, start_time: '2026-01-01T00:00:04.100Z', latency_ms: 200 }),
    ];
    const timeline = buildTimeline(calls);
    expect(timeline.total_ms).toBe(4300);
    expect(timeline.lanes).toBe(2);
    const lane = (id: string) => timeline.spans.find((span) => span.call_id === id)?.lane;
    expect(lane('q1')).not.toBe(lane('q2'));
    expect(timeline.critical_path).toEqual(['r1', 'q2', 'r2']);
    expect(
      timeline.spans
        .filter((span) => span.slow)
        .map((span) => span.call_id)
        .sort(),
    ).toEqual(['q1', 'q2', 'r1', 'r2']);
  });
});

describe('tool stats', () => {
  it('counts llm_query per call, rlm_query per child node, registered tools per code block', () => {
    const run = syntheticRun({ id: 't', calls: 10, fanOut: 4, seed: 11 });
    const stats = toolStats(run);
    const byName = Object.fromEntries(stats.map((stat) => [stat.name, stat]));
    const llm = run.calls.filter((call) => call.kind === 'llm_query');
    expect(byName.llm_query?.count).toBe(llm.length);
    expect(byName.llm_query?.succeeded).toBe(llm.filter((call) => call.error === null).length);
    expect(byName.llm_query?.mean_latency_ms).toBeCloseTo(
      llm.reduce((sum, call) => sum + call.latency_ms, 0) / llm.length,
    );
    expect(byName.rlm_query?.count).toBe(
      new Set(run.calls.filter((c) => c.kind === 'root' && c.depth > 0).map((c) => c.node_id)).size,
    );
    expect(byName.search_issues).toMatchObject({
      counted_per: 'block',
      count: run.calls.filter((c) => c.depth === 0).length,
      success_rate: 1,
    });
  });
});

describe('compare', () => {
  it("gives the guide's Model Comparison block and a winner among the runs that succeeded", () => {
    const a = syntheticRun({ id: 'a', calls: 10, model: 'claude-sonnet-4-5' });
    const b = syntheticRun({ id: 'b', calls: 4, model: 'gpt-5', seed: 5 });
    const c = syntheticRun({ id: 'c', calls: 2, model: 'cheap-but-failed', success: false });
    const comparison = compareRuns([a, b, c]);
    expect(comparison.summary.split('\n')[0]).toBe('Model Comparison:');
    expect(comparison.summary).toContain('- cheap-but-failed: ');
    expect(comparison.summary).toContain('(failed)');
    expect(comparison.winner?.model).toBe('gpt-5');
    expect(comparison.winner?.reasons).toEqual(['fastest', 'cheapest', 'fewest tokens']);
    expect(comparison.summary.endsWith('Winner: gpt-5 (fastest, cheapest, fewest tokens)')).toBe(true);
    const sonnet = comparison.models.find((model) => model.model === 'claude-sonnet-4-5');
    expect(sonnet).toMatchObject({
      runs: 1,
      succeeded: 1,
      calls: a.calls.filter((call) => call.model === 'claude-sonnet-4-5').length,
    });
    expect(compareRuns([c, c]).winner).toBeNull();
  });
});

const OFFICIAL_LOG = [
  {
    type: 'metadata',
    timestamp: '2026-11-22T09:00:00.000000',
    root_model: 'gpt-5-mini',
    max_depth: 1,
    max_iterations: 10,
    backend: 'openai',
    backend_kwargs: { api_key: 'sk-proj-secret-value-123456' },
    environment_type: 'local',
    environment_kwargs: {},
    other_backends: null,
  },
  {
    type: 'iteration',
    iteration: 1,
    timestamp: '2026-11-22T09:00:05.500000',
    prompt: [
      { role: 'system', content: 'sys' },
      { role: 'user', content: 'How many ERROR lines?' },
    ],
    response: '```repl\nprint(llm_query("count"))\n```',
    code_blocks: [
      {
        code: 'print(llm_query("count"))',
        result: {
          stdout: '42\n',
          stderr: '',
          locals: {},
          execution_time: 1.5,
          rlm_calls: [
            {
              root_model: 'gpt-5-nano',
              prompt: 'count',
              response: '42',
              execution_time: 1.2,
              usage_summary: {
                model_usage_summaries: {
                  'gpt-5-nano': { total_calls: 1, total_input_tokens: 120, total_output_tokens: 8 },
                },
              },
            },
          ],
        },
      },
    ],
    final_answer: null,
    iteration_time: 5.0,
  },
  {
    type: 'iteration',
    iteration: 2,
    timestamp: '2026-11-22T09:00:08.000000',
    prompt: 'continue',
    response: 'FINAL(42)',
    code_blocks: [],
    final_answer: '42',
    iteration_time: 2.0,
  },
];

describe('official RLM library logs', () => {
  it('become a run: iterations as root turns, rlm_calls as llm_query sub-calls, no keys kept', () => {
    const run = convertOfficialRlmLog(OFFICIAL_LOG, 'logs/rlm_2026-11-22_09-00-00_ab12cd34.jsonl');
    expect(run).toMatchObject({
      trajectory_id: 'rlmpy-rlm_2026-11-22_09-00-00_ab12cd34',
      model: 'gpt-5-mini',
      backend: 'openai',
      environment: 'local',
      success: true,
      final_answer: '42',
      iterations: 2,
      max_depth_reached: 1,
      task: 'How many ERROR lines?',
      start_time: '2026-11-22T09:00:00.000Z',
      end_time: '2026-11-22T09:00:08.000Z',
      duration_ms: 8000,
      total_tokens: 128,
      total_cost_usd: null,
    });
    expect(run?.calls.map((call) => [call.call_id, call.parent_id, call.kind, call.model])).toEqual([
      ['iter-1', null, 'root', 'gpt-5-mini'],
      ['iter-1-sub-1', 'iter-1', 'llm_query', 'gpt-5-nano'],
      ['iter-2', null, 'root', 'gpt-5-mini'],
    ]);
    expect(run?.calls[0]?.executions[0]).toMatchObject({
      stdout: '42\n',
      duration_ms: 1500,
      tools_used: ['llm_query'],
    });
    expect(JSON.stringify(run)).not.toContain('sk-proj');
    expect(summarizeRun(run!).source).toBe('rlm-python');
  });

  it('are recognised by the file parser, next to our JSON, JSONL and hostile garbage', () => {
    const text = OFFICIAL_LOG.map((record) => JSON.stringify(record)).join('\n');
    expect(parseTrajectoryText(text, 'rlm_x.jsonl').runs[0]?.trajectory_id).toBe('rlmpy-rlm_x');
    const ours = syntheticRun({ id: 'ours', calls: 3 });
    expect(parseTrajectoryText(JSON.stringify(ours, null, 2), 'x.json').runs[0]).toEqual(ours);
    const jsonl = `${JSON.stringify(ours)}\nnot json\n${JSON.stringify({ hello: 1 })}\n`;
    const parsed = parseTrajectoryText(jsonl, 'x.jsonl');
    expect(parsed.runs.map((run) => run.trajectory_id)).toEqual(['ours']);
    expect(parsed.problems).toEqual(['line 2 is not valid JSON', 'record 2 is not a trajectory']);
    const broken = parseTrajectoryText(
      JSON.stringify({ trajectory_id: 'x', calls: [{ tokens_in: '<b>' }, 5] }),
      'b.json',
    );
    expect(broken.runs[0]?.calls).toHaveLength(1);
    expect(broken.runs[0]?.calls[0]?.tokens_in).toBe(0);
  });
});

describe('Mermaid call tree', () => {
  it('escapes labels so text cannot close a label, add nodes or links, or end the fence', () => {
    expect(escapeMermaidLabel('a"]; click n1 "javascript:alert(1)" ```')).toBe(
      'a#34;#93;#59; click n1 #34;javascript:alert#40;1#41;#34; #96;#96;#96;',
    );
    const run = syntheticRun({ id: 'm', calls: 6, model: 'evil"] --> x["<script>' });
    const text = renderCallTreeMermaid(run);
    expect(text.split('\n')[0]).toBe('flowchart TD');
    for (const line of text.split('\n').filter((line) => line.includes('["'))) {
      expect(line).toMatch(/^ {2}[a-z]+\d+\["[A-Za-z0-9 .,:$/_+#;·…-]*"\]$/);
    }
    expect(callTreeMermaidBlock(run).startsWith('```mermaid\nflowchart TD\n')).toBe(true);
  });

  it('stays bounded for a huge run: at most maxNodes calls plus "+N more" folds', () => {
    const run = syntheticRun({ id: 'huge', calls: 10_000, fanOut: 9 });
    const text = renderCallTreeMermaid(run, { maxNodes: 40 });
    const nodes = text.split('\n').filter((line) => /^ {2}n\d+\["/.test(line));
    expect(nodes).toHaveLength(40);
    const more = [...text.matchAll(/\+([\d,]+) more calls/g)].map((match) =>
      Number(match[1]?.replace(/,/g, '')),
    );
    expect(more.reduce((sum, value) => sum + value, 0)).toBe(10_000 - 40);
    expect(text.length).toBeLessThan(20_000);
    expect(
      renderCallTreeMermaid(run, { maxNodes: 100_000 })
        .split('\n')
        .filter((line) => /^ {2}n\d+\["/.test(line)),
    ).toHaveLength(200);
  });
});

describe('page script', () => {
  it('is the bundle of src/viz/page as committed (npm run gen:viz after editing it)', () => {
    const committed = readFileSync('src/viz/page-script.generated.ts', 'utf8');
    const fresh = execFileSync(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        "import('./scripts/gen-viz-page.mjs').then((m) => process.stdout.write(m.generate()))",
      ],
      { encoding: 'utf8' },
    );
    expect(fresh).toBe(committed);
    expect(committed).not.toMatch(/<\/script/i);
  });
});
