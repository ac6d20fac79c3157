/**
 * Replaying a recorded run: trajectories written by the real TrajectoryWriter
 * (JSONL, pretty JSON, and the journal of a run that never finished).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, ModelApiError } from '../../src/errors.js';
import { createModelClient } from '../../src/models/index.js';
import type { CallPurpose, ModelClient } from '../../src/models/types.js';
import { Redactor } from '../../src/trajectory/redactor.js';
import type { CallRecord, TrajectoryHeader } from '../../src/trajectory/types.js';
import { TrajectoryWriter } from '../../src/trajectory/writer.js';
import { rejectionOf } from './harness.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'rlm-replay-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

function header(id: string): TrajectoryHeader {
  return {
    schema_version: 1,
    trajectory_id: id,
    backend: 'anthropic',
    model: 'claude-haiku-4-5',
    sub_model: 'claude-haiku-4-5',
    environment: 'docker',
    start_time: '2026-11-24T03:00:00.000Z',
    task: 'count errors',
    system_prompt: 'system',
    limits: { max_depth: 2 },
    context_summary: 'str, 10 chars',
  };
}

let callCounter = 0;
function call(
  fields: Pick<CallRecord, 'node_id' | 'kind' | 'depth' | 'iteration' | 'prompt' | 'response'>,
): CallRecord {
  callCounter++;
  return {
    call_id: `c${callCounter}`,
    parent_id: null,
    model: 'claude-haiku-4-5',
    tools_used: [],
    tokens_in: 10,
    tokens_out: 5,
    cache_read_tokens: 0,
    cache_write_tokens: 0,
    cost_usd: 0.001,
    latency_ms: 12,
    start_time: '2026-11-24T03:00:01.000Z',
    executions: [],
    error: null,
    ...fields,
  };
}

/** A depth-2 run as the engine would record it: root turns, two llm_query calls, a child node's turns. */
const RECORDED: CallRecord[] = [
  call({ node_id: 'root', kind: 'root', depth: 0, iteration: 1, prompt: 'task', response: 'root turn 1' }),
  call({
    node_id: 'root',
    kind: 'llm_query',
    depth: 1,
    iteration: 0,
    prompt: 'classify A',
    response: 'A is bad',
  }),
  call({
    node_id: 'root',
    kind: 'llm_query',
    depth: 1,
    iteration: 0,
    prompt: 'classify B',
    response: 'B is fine',
  }),
  call({
    node_id: 'root.1',
    kind: 'root',
    depth: 1,
    iteration: 1,
    prompt: 'child task',
    response: 'child turn 1',
  }),
  call({
    node_id: 'root.1',
    kind: 'root',
    depth: 1,
    iteration: 2,
    prompt: 'child out',
    response: 'child turn 2',
  }),
  call({ node_id: 'root', kind: 'root', depth: 0, iteration: 2, prompt: 'outputs', response: 'FINAL(done)' }),
];

async function record(id: string, format: 'jsonl' | 'json', finish = true): Promise<string> {
  const writer = new TrajectoryWriter({
    logDir: dir,
    format,
    redactor: new Redactor([]),
    onError: () => undefined,
  });
  await writer.start(header(id));
  for (const c of RECORDED) await writer.recordCall(c);
  if (!finish) return writer.journalPath ?? '';
  const result = await writer.finish({
    end_time: '2026-11-24T03:00:09.000Z',
    duration_ms: 9000,
    success: true,
    error: null,
    final_answer: 'done',
    limits_hit: [],
    iterations: 2,
    max_depth_reached: 1,
  });
  return result.path;
}

const root: CallPurpose = { kind: 'root', depth: 0, nodeId: 'root' };

async function say(client: ModelClient, purpose: CallPurpose, prompt: string): Promise<string> {
  return (await client.complete({ messages: [{ role: 'user', content: prompt }], purpose })).text;
}

async function replayWholeRun(client: ModelClient): Promise<string[]> {
  return [
    await say(client, root, 'task'),
    // Concurrent sub-calls may arrive in any order: replies follow the prompt.
    await say(client, { kind: 'llm_query', depth: 1, nodeId: 'root' }, 'classify B'),
    await say(client, { kind: 'llm_query', depth: 1, nodeId: 'root' }, 'classify A'),
    await say(client, { kind: 'root', depth: 1, nodeId: 'root.1' }, 'child task'),
    await say(client, { kind: 'root', depth: 1, nodeId: 'root.1' }, 'child out'),
    await say(client, root, 'outputs'),
  ];
}

const EXPECTED = ['root turn 1', 'B is fine', 'A is bad', 'child turn 1', 'child turn 2', 'FINAL(done)'];

test.each(['jsonl', 'json'] as const)(
  'replays a finished %s trajectory: per-node turns and sub-calls by prompt',
  async (format) => {
    const path = await record('run-1', format);
    const client = createModelClient({ backend: 'scripted', model: 'x', script: { trajectoryFile: path } });

    expect(await replayWholeRun(client)).toEqual(EXPECTED);
  },
);

test('--script FILE takes a trajectory too: the content, not the option, decides', async () => {
  const path = await record('run-as-file', 'jsonl');
  const client = createModelClient({ backend: 'scripted', model: 'x', script: { file: path } });

  expect(await replayWholeRun(client)).toEqual(EXPECTED);
});

test('replays the journal of a run that never finished', async () => {
  const journal = await record('run-killed', 'jsonl', false);
  const client = createModelClient({ backend: 'scripted', model: 'x', script: { trajectoryFile: journal } });

  expect(await replayWholeRun(client)).toEqual(EXPECTED);
});

test('picks the trajectory by id from a JSONL file with several', async () => {
  const file = join(dir, 'many.jsonl');
  const one = { trajectory_id: 'one', calls: [{ ...RECORDED[0], response: 'from one' }] };
  const two = { trajectory_id: 'two', calls: [{ ...RECORDED[0], response: 'from two' }] };
  writeFileSync(file, `${JSON.stringify(one)}\n${JSON.stringify(two)}\n`);

  const byId = createModelClient({
    backend: 'scripted',
    model: 'x',
    script: { trajectoryFile: file, trajectoryId: 'one' },
  });
  const latest = createModelClient({ backend: 'scripted', model: 'x', script: { trajectoryFile: file } });

  expect(await say(byId, root, 'task')).toBe('from one');
  expect(await say(latest, root, 'task')).toBe('from two');
});

test('a replay that asks for more than was recorded fails clearly', async () => {
  const path = await record('run-2', 'jsonl');
  const client = createModelClient({ backend: 'scripted', model: 'x', script: { trajectoryFile: path } });
  await replayWholeRun(client);

  const error = (await rejectionOf(say(client, root, 'again'))) as ModelApiError;

  expect(error).toBeInstanceOf(ModelApiError);
  expect(error.message).toContain('run-2');
  expect(error.message).toContain('root call of node root');
});

test('an unknown trajectory id or a file without root calls is a ConfigError', () => {
  const file = join(dir, 'empty.jsonl');
  writeFileSync(file, `${JSON.stringify({ trajectory_id: 'x', calls: [] })}\n`);
  expect(() =>
    createModelClient({
      backend: 'scripted',
      model: 'x',
      script: { trajectoryFile: file, trajectoryId: 'nope' },
    }),
  ).toThrow(/no trajectory with id nope/);
  expect(() =>
    createModelClient({ backend: 'scripted', model: 'x', script: { trajectoryFile: file } }),
  ).toThrow(ConfigError);
});
