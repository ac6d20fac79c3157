/**
 * MCP tools over stdio, end to end: scripted model code in the real Docker
 * sandbox calls @modelcontextprotocol/server-memory (a server nobody here
 * wrote) through the host, and the trajectory records every call.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { memoryServer } from '../support/mcp/servers.js';
import { createHarness, repl, type Harness } from './harness.js';

describe('MCP tools over stdio (server-memory)', () => {
  let harness: Harness;
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'rlm-mcp-memory-'));
    harness = await createHarness({
      responses: [
        repl(
          [
            'made = create_entities(entities=[{"name": "rate_limiter", "entityType": "decision", "observations": ["sliding window in Redis"]}])',
            'print(type(made).__name__, made["entities"][0]["name"])',
            'found = search_nodes("sliding")',
            'print(type(found).__name__, [e["name"] for e in found["entities"]])',
            'missing = add_observations(observations=[{"entityName": "nobody", "contents": ["x"]}])',
            'print(missing[:6], "nobody" in missing)',
            'print(sorted(SHOW_TOOLS()))',
            'pair = call_tools_batched([(open_nodes, {"names": ["rate_limiter"]}), ("read_graph", {})])',
            'print([type(p).__name__ for p in pair], len(pair[1]["entities"]))',
            'FINAL(found["entities"][0]["observations"][0])',
          ].join('\n'),
        ),
      ],
    });
  });
  afterAll(async () => {
    await harness.cleanup();
    await rm(dir, { recursive: true, force: true });
  });

  it('calls the tools as plain functions, returns dicts, errors as "Error:" strings, and records each call', async () => {
    const memoryFile = path.join(dir, 'memory.jsonl');
    const rlm = harness.rlm().addMcpServer(
      'memory',
      memoryServer(memoryFile, {
        allowed_tools: ['create_entities', 'search_nodes', 'add_observations', 'open_nodes', 'read_graph'],
      }),
    );
    const result = await rlm.completion('Remember the rate limiter decision');
    expect(result.error).toBeNull();
    expect(result.response).toBe('sliding window in Redis');
    // The server really wrote its store on the host.
    expect(await readFile(memoryFile, 'utf8')).toContain('rate_limiter');

    const trajectory = await harness.trajectory();
    const execution = trajectory.calls[0]?.executions[0];
    expect(execution?.stdout.split('\n')).toEqual([
      'dict rate_limiter',
      "dict ['rate_limiter']",
      'Error: True',
      "['add_observations', 'create_entities', 'open_nodes', 'read_graph', 'search_nodes']",
      "['dict', 'dict'] 1",
      '',
    ]);
    // Not allowed, so not offered: server-memory also serves delete_entities and more.
    expect(trajectory.system_prompt).toContain('search_nodes(query: string)');
    expect(trajectory.system_prompt).not.toContain('delete_entities');
    expect(trajectory.calls[0]?.tools_used).toEqual([
      'create_entities',
      'search_nodes',
      'add_observations',
      'open_nodes',
      'read_graph',
    ]);
    const calls = execution?.tool_calls ?? [];
    expect(calls.map((call) => [call.server, call.name, call.status])).toEqual(
      expect.arrayContaining([
        ['memory', 'create_entities', 'ok'],
        ['memory', 'search_nodes', 'ok'],
        ['memory', 'add_observations', 'error'],
        ['memory', 'open_nodes', 'ok'],
        ['memory', 'read_graph', 'ok'],
      ]),
    );
    expect(calls).toHaveLength(5);
    const search = calls.find((call) => call.name === 'search_nodes');
    expect(JSON.parse(search?.arguments ?? '{}')).toEqual({ query: 'sliding' });
    expect(search?.result_chars).toBeGreaterThan(20);
    expect(calls.find((call) => call.status === 'error')?.error).toContain('nobody');
  });
});
