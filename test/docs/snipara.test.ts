/**
 * docs/snipara.md and docs/mcp.md, executed: their configuration blocks go
 * through the real config layer, the shell example runs `rlm` as a process and
 * the TypeScript examples run as modules importing the built package, both
 * with the Docker sandbox, against the Snipara stand-in and server-memory.
 * The scripted model replays the page's own Python block.
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse, stringify } from 'yaml';
import { resolveSettings } from '../../src/config/settings.js';
import { actionMcpServers } from '../../src/action/run/mcp-servers.js';
import { readMcpConfigJson, resolveMcpServer } from '../../src/tools/mcp-spec.js';
import { ensureBuilt, makeTempDir, REPO_ROOT } from '../cli/support/cli-process.js';
import { TEST_IMAGE } from '../support/docker-image.js';
import { startSniparaStandIn, type SniparaStandIn } from '../support/mcp/snipara-stand-in.js';
import { docBlock, docBlocks } from './support/doc-blocks.js';

beforeAll(() => ensureBuilt());

const snipara_md = docBlocks(path.join(REPO_ROOT, 'docs/snipara.md'));
const mcp_md = docBlocks(path.join(REPO_ROOT, 'docs/mcp.md'));
const token = `snp-${randomUUID()}`;
const SPEC_PATH = 'docs/features/oauth-integration.md';
const SPEC_TEXT = '# OAuth 2.0\nAuthorization code flow with PKCE; refresh tokens rotate.\n';

interface Exit {
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(command: string, args: string[], cwd: string, env: Record<string, string>): Promise<Exit> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** A directory where `rlm` is on PATH and `import 'rlm-runtime-action'` resolves to this repository's build. */
function workspace(name: string): { cwd: string; env: Record<string, string> } {
  const cwd = makeTempDir(name);
  const bin = path.join(cwd, '.bin');
  mkdirSync(bin);
  writeFileSync(
    path.join(bin, 'rlm'),
    `#!/bin/sh\nexec "${process.execPath}" "${path.join(REPO_ROOT, 'bin/rlm.js')}" "$@"\n`,
  );
  chmodSync(path.join(bin, 'rlm'), 0o755);
  writeFileSync(path.join(cwd, 'package.json'), '{"type": "module"}\n');
  mkdirSync(path.join(cwd, 'node_modules'));
  symlinkSync(REPO_ROOT, path.join(cwd, 'node_modules', 'rlm-runtime-action'));
  mkdirSync(path.join(cwd, 'docs/features'), { recursive: true });
  writeFileSync(path.join(cwd, SPEC_PATH), SPEC_TEXT);
  const env = {
    PATH: [
      bin,
      path.join(REPO_ROOT, 'node_modules/.bin'),
      path.dirname(process.execPath),
      process.env.PATH ?? '',
    ].join(':'),
    HOME: cwd,
  };
  return { cwd, env };
}

/** The scripted model: the page's Python block as the root's reply, a one-line answer from each child RLM. */
function modelScript(): Record<string, unknown> {
  const modelCode = docBlock(snipara_md, 'model-code');
  expect(modelCode.lang).toBe('python');
  return {
    responses: [`\`\`\`python\n${modelCode.code}\n\`\`\``],
    sub_responses: [
      {
        kind: 'root',
        node: 'root.*',
        responses: [
          '```repl\nFINAL(f"implemented with {len(context[\'sections\'])} sections of context")\n```',
        ],
      },
    ],
  };
}

const EXPECTED_ANSWER = [
  'OAuth 2.0 implementation: token endpoint: implemented with 2 sections of context',
  'OAuth 2.0 implementation: refresh: implemented with 2 sections of context',
].join('\n');

describe('docs/snipara.md', () => {
  let stand: SniparaStandIn;
  beforeEach(async () => {
    stand = await startSniparaStandIn(token);
  });
  afterEach(() => stand.stop());

  it('its configuration blocks are valid for the CLI, the --mcp-config file and the Action', () => {
    const env = { SNIPARA_API_KEY: token, SNIPARA_MCP_URL: 'https://api.snipara.example/mcp/p' };
    const yaml = docBlock(snipara_md, 'config-yaml').code;
    const settings = resolveSettings({ file: 'config.yaml', env: {}, flags: {}, readFile: () => yaml });
    const fromYaml = settings.mcpServers.snipara;
    if (fromYaml === undefined) throw new Error('no snipara server in the YAML block');
    expect(resolveMcpServer('snipara', fromYaml, env).spec).toMatchObject({
      url: env.SNIPARA_MCP_URL,
      headers: { Authorization: `Bearer ${token}` },
    });
    const json = readMcpConfigJson(docBlock(snipara_md, 'mcp-json').code, 'snipara.json');
    expect(resolveSettings({ env: {}, flags: { mcp_servers: json } }).mcpServers.snipara).toEqual(fromYaml);

    const workflow = parse(docBlock(snipara_md, 'action-workflow').code) as {
      jobs: { rlm: { steps: Array<{ with: Record<string, string>; env: Record<string, string> }> } };
    };
    const step = workflow.jobs.rlm.steps[0];
    const servers = resolveSettings({
      env: {},
      flags: { mcp_servers: readMcpConfigJson(step?.with['mcp-config'] ?? '', 'input') },
    }).mcpServers;
    expect(Object.keys(step?.env ?? {}).sort()).toEqual(['SNIPARA_API_KEY', 'SNIPARA_MCP_URL']);
    expect(actionMcpServers(servers, env)).toEqual([env.SNIPARA_MCP_URL, token]);
  });

  it('the shell example runs the whole workflow with the config file of the page', async () => {
    const { cwd, env } = workspace('doc-snipara-sh');
    writeFileSync(path.join(cwd, 'snipara.json'), docBlock(snipara_md, 'mcp-json').code);
    writeFileSync(path.join(cwd, 'script.yaml'), stringify(modelScript()));
    const shell = docBlock(snipara_md, 'shell');
    expect(shell.lang).toBe('sh');
    const result = await run('sh', ['-c', shell.code], cwd, {
      ...env,
      SNIPARA_API_KEY: token,
      SNIPARA_MCP_URL: stand.url,
      // The model and sandbox of the test, through the documented RLM_* variables.
      RLM_BACKEND: 'scripted',
      RLM_SCRIPT: 'script.yaml',
      RLM_DOCKER_IMAGE: TEST_IMAGE,
      RLM_DOCKER_PULL: 'false',
    });
    expect(result.stderr).not.toContain(token);
    expect(result.stdout).not.toContain(token);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(EXPECTED_ANSWER);
    expectWorkflowRan(stand);
  });

  it('the TypeScript example runs the whole workflow through the library', async () => {
    const { cwd, env } = workspace('doc-snipara-ts');
    const example = docBlock(snipara_md, 'typescript');
    writeFileSync(path.join(cwd, 'example.ts'), example.code);
    const options = {
      backend: 'scripted',
      script: { script: modelScript() },
      sandbox: { docker: { image: TEST_IMAGE, pull: false } },
      logDir: 'logs',
    };
    writeFileSync(
      path.join(cwd, 'main.ts'),
      `import { implementWithSnipara } from './example.ts';\n` +
        `const result = await implementWithSnipara('OAuth 2.0', ${JSON.stringify(SPEC_PATH)}, ${JSON.stringify(options)});\n` +
        `process.exitCode = result.exitCode;\n`,
    );
    const result = await run(
      process.execPath,
      [path.join(REPO_ROOT, 'node_modules/tsx/dist/cli.mjs'), 'main.ts'],
      cwd,
      {
        ...env,
        SNIPARA_API_KEY: token,
        SNIPARA_MCP_URL: stand.url,
      },
    );
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`${EXPECTED_ANSWER}\nTrajectory ID: `);
    expect(result.stdout).toContain('Success: true');
    expect(result.stdout).not.toContain(token);
    expectWorkflowRan(stand);
  });
});

function expectWorkflowRan(stand: SniparaStandIn): void {
  expect(stand.calls.map((call) => call.tool)).toEqual([
    'rlm_upload_document',
    'rlm_plan',
    'rlm_decompose',
    'rlm_context_query',
    'rlm_context_query',
    'rlm_remember',
    'rlm_remember',
  ]);
  expect(stand.calls[0]?.args).toEqual({ path: SPEC_PATH, content: SPEC_TEXT });
  expect(stand.memories.map((memory) => memory.type)).toEqual(['learning', 'learning']);
  expect(new Set(stand.authorizations)).toEqual(new Set([`Bearer ${token}`]));
}

describe('docs/mcp.md', () => {
  it('its configuration blocks are valid', () => {
    const yaml = resolveSettings({
      file: 'c.yaml',
      env: {},
      flags: {},
      readFile: () => docBlock(mcp_md, 'config-yaml').code,
    }).mcpServers;
    expect(Object.keys(yaml)).toEqual(['snipara', 'memory']);
    const json = resolveSettings({
      env: {},
      flags: { mcp_servers: readMcpConfigJson(docBlock(mcp_md, 'mcp-json').code, 'mcp.json') },
    }).mcpServers;
    expect(json.everything).toMatchObject({
      transport: 'stdio',
      args: ['stdio'],
      allowedTools: ['echo', 'get-sum'],
    });
    expect(json.snipara).toMatchObject({ transport: 'http', allowedTools: null });
  });

  it('the TypeScript example calls server-memory from model code and prints the recorded calls', async () => {
    const { cwd, env } = workspace('doc-mcp-ts');
    writeFileSync(path.join(cwd, 'example.ts'), docBlock(mcp_md, 'typescript').code);
    const script = {
      responses: [
        '```repl\ncreate_entities(entities=[{"name": "api", "entityType": "fact", "observations": ["rate limited"]}])\nFINAL(search_nodes(query="rate")["entities"][0]["observations"][0])\n```',
      ],
    };
    const options = {
      backend: 'scripted',
      script: { script },
      sandbox: { docker: { image: TEST_IMAGE, pull: false } },
      logDir: 'logs',
    };
    writeFileSync(
      path.join(cwd, 'main.ts'),
      `import { rememberAndRecall } from './example.ts';\nconsole.log('answer:', await rememberAndRecall(${JSON.stringify(options)}));\n`,
    );
    const result = await run(
      process.execPath,
      [path.join(REPO_ROOT, 'node_modules/tsx/dist/cli.mjs'), 'main.ts'],
      cwd,
      {
        ...env,
        MEMORY_FILE_PATH: path.join(cwd, 'memory.jsonl'),
      },
    );
    expect(result.stderr).toBe('');
    expect(result.stdout.split('\n')).toEqual([
      expect.stringMatching(/^memory\/create_entities: ok, \d+ characters$/),
      expect.stringMatching(/^memory\/search_nodes: ok, \d+ characters$/),
      'answer: rate limited',
      '',
    ]);
    expect(readFileSync(path.join(cwd, 'memory.jsonl'), 'utf8')).toContain('rate limited');
  });
});
