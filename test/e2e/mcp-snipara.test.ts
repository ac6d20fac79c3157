/**
 * The guide's Snipara workflow against a stand-in built with the SDK's server
 * classes over Streamable HTTP: the bearer token is given only as a
 * `${SNIPARA_API_KEY}` reference, arrives on every request, and is found
 * nowhere the model or a reader could see it (sandbox, events, trajectory).
 */
import { createHash, randomUUID } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { RunEvent } from '../../src/rlm-options.js';
import {
  SNIPARA_TOOL_NAMES,
  startSniparaStandIn,
  type SniparaStandIn,
} from '../support/mcp/snipara-stand-in.js';
import { createHarness, repl } from './harness.js';

describe('Snipara tools over Streamable HTTP (stand-in)', () => {
  const token = `snp-${randomUUID()}`;
  const tokenHash = createHash('sha256').update(token).digest('hex');
  let snipara: SniparaStandIn;
  beforeAll(async () => {
    snipara = await startSniparaStandIn(token);
  });
  afterAll(() => snipara.stop());

  it('query context → work → remember decisions, with the token only on the host', async () => {
    const harness = await createHarness({
      responses: [
        repl(
          [
            'ctx = rlm_context_query(query="How to implement rate limiting?", max_tokens=6000, search_mode="hybrid")',
            'print(type(ctx).__name__, [s["title"] for s in ctx["sections"]])',
            'chunks = rlm_decompose(query="Rate limiting", max_depth=2)',
            'notes = call_tools_batched([(rlm_context_query, {"query": c["query"]}) for c in chunks["sub_queries"]])',
            'print(len(notes), all(isinstance(n, dict) for n in notes))',
            'saved = rlm_remember(type="decision", content="Redis sliding window, 100 req/min per user")',
            'print(saved)',
            'print(rlm_upload_document(path="notes.txt", content="x"))',
            // Look for the token everywhere code can reach: the environment and /proc.
            'import hashlib, os',
            'def seen(text):',
            `    return any(hashlib.sha256(w.encode()).hexdigest() == "${tokenHash}" for w in text.replace("=", " ").split())`,
            'env_text = open("/proc/self/environ", "rb").read().decode("utf-8", "replace").replace("\\0", " ")',
            'print("token in sandbox:", seen(env_text) or seen(" ".join(os.environ.values())) or seen(repr(globals())))',
            'FINAL(ctx["sections"][0]["content"])',
          ].join('\n'),
        ),
      ],
    });
    const events: RunEvent[] = [];
    try {
      const rlm = harness.rlm({
        env: { SNIPARA_API_KEY: token },
        onEvent: (event) => events.push(event),
        mcpServers: {
          snipara: {
            type: 'http',
            url: snipara.url,
            headers: { Authorization: 'Bearer ${SNIPARA_API_KEY}' },
            allowed_tools: [...SNIPARA_TOOL_NAMES],
          },
        },
      });
      const result = await rlm.completion('Implement rate limiting from the team docs');
      expect(result.error).toBeNull();
      expect(result.response).toContain('sliding window');

      // The header arrived on every request the client made.
      expect(snipara.authorizations.length).toBeGreaterThan(3);
      expect(new Set(snipara.authorizations)).toEqual(new Set([`Bearer ${token}`]));
      expect(snipara.memories).toEqual([
        { type: 'decision', content: 'Redis sliding window, 100 req/min per user' },
      ]);
      expect(snipara.calls.map((call) => call.tool)).toEqual([
        'rlm_context_query',
        'rlm_decompose',
        'rlm_context_query',
        'rlm_context_query',
        'rlm_remember',
        'rlm_upload_document',
      ]);

      const trajectory = await harness.trajectory();
      const execution = trajectory.calls[0]?.executions[0];
      expect(execution?.stdout.split('\n')).toEqual([
        "dict ['Rate limiting', 'Limits']",
        '2 True',
        "{'id': 'mem-1', 'stored': True}",
        'Error: only .md documents',
        'token in sandbox: False',
        '',
      ]);
      expect(trajectory.calls[0]?.tools_used).toEqual([
        'rlm_context_query',
        'rlm_decompose',
        'rlm_remember',
        'rlm_upload_document',
      ]);
      for (const name of SNIPARA_TOOL_NAMES) expect(trajectory.system_prompt).toContain(`\`${name}(`);

      // Nowhere on disk or in the event stream.
      const files = await readdir(harness.logDir, { recursive: true });
      for (const file of files) {
        const text = await readFile(path.join(harness.logDir, file), 'utf8').catch(() => '');
        expect(text).not.toContain(token);
      }
      expect(JSON.stringify(events)).not.toContain(token);
    } finally {
      await harness.cleanup();
    }
  });

  it('a wrong token fails the server at start: exit code 1, the server named', async () => {
    const harness = await createHarness({ responses: [repl('FINAL("never")')] });
    try {
      const result = await harness
        .rlm({ env: { SNIPARA_API_KEY: 'not-the-token' } })
        .addMcpServer('snipara', {
          url: snipara.url,
          headers: { Authorization: 'Bearer ${SNIPARA_API_KEY}' },
        })
        .completion('Task');
      expect(result.exitCode).toBe(1);
      expect(result.error).toContain('MCP server "snipara"');
      expect(result.modelCalls).toBe(0);
      // The run still leaves a trajectory saying why.
      expect((await harness.trajectory()).error).toContain('MCP server "snipara"');
    } finally {
      await harness.cleanup();
    }
  });
});
