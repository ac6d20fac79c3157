/**
 * `rlm run --mcp-config FILE` as a process with the Docker sandbox: the
 * `{"mcpServers": {...}}` file of other MCP clients works as is, the bearer
 * token is read from the CLI's environment and shows up in no output, and a
 * bad spec exits 5 naming the server.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { TEST_IMAGE } from '../support/docker-image.js';
import { startSniparaStandIn, type SniparaStandIn } from '../support/mcp/snipara-stand-in.js';
import { ensureBuilt, makeTempDir, runRlm } from './support/cli-process.js';
import { repl, writeScript } from './support/scripts.js';

beforeAll(() => ensureBuilt());

describe('rlm run --mcp-config', () => {
  const token = `snp-${randomUUID()}`;
  let snipara: SniparaStandIn;
  beforeAll(async () => {
    snipara = await startSniparaStandIn(token);
  });
  afterAll(() => snipara.stop());

  const dockerRun = (extra: string[]) => [
    'run',
    'Use the team docs',
    '--json',
    '--verbose',
    '--backend',
    'scripted',
    '--script',
    'script.yaml',
    '--image',
    TEST_IMAGE,
    ...extra,
  ];

  it('gives model code the servers of the file, with the token only in the CLI environment', async () => {
    const cwd = makeTempDir('mcp');
    writeScript(cwd, [
      repl(
        [
          'ctx = rlm_context_query(query="rate limiting", max_tokens=4000)',
          'print(SHOW_TOOLS()["rlm_recall"])',
          'FINAL(ctx["sections"][1]["content"])',
        ].join('\n'),
      ),
    ]);
    writeFileSync(
      join(cwd, 'mcp.json'),
      JSON.stringify({
        mcpServers: {
          snipara: {
            type: 'http',
            url: snipara.url,
            headers: { Authorization: 'Bearer ${SNIPARA_API_KEY}' },
            allowed_tools: ['rlm_context_query', 'rlm_recall'],
          },
        },
      }),
    );
    const run = await runRlm(dockerRun(['--mcp-config', 'mcp.json']), {
      cwd,
      env: { SNIPARA_API_KEY: token },
    });
    expect(run.stderr).not.toContain(token);
    expect(run.stdout).not.toContain(token);
    expect(run.code).toBe(0);
    const json = JSON.parse(run.stdout) as { response: string; trajectory_path: string };
    expect(json.response).toBe('100 requests per minute per user.');
    expect(run.stderr).toContain('rlm_recall(query: string): Recall memories relevant to a query.');
    expect(readFileSync(json.trajectory_path, 'utf8')).not.toContain(token);
    expect(snipara.authorizations.at(-1)).toBe(`Bearer ${token}`);
  });

  it('exits 5 naming the server when a spec is wrong', async () => {
    const cwd = makeTempDir('mcp');
    writeScript(cwd, [repl('FINAL("never")')]);
    writeFileSync(
      join(cwd, 'mcp.json'),
      JSON.stringify({ mcpServers: { docs: { url: 'http://x', command: 'y' } } }),
    );
    const run = await runRlm(dockerRun(['--mcp-config', 'mcp.json']), { cwd });
    expect(run.code).toBe(5);
    expect(run.stderr).toContain('MCP server "docs" (flag --mcp-config): has both `command` and `url`');
  });
});
