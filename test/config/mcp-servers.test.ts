/** mcp_servers: one validated shape from the config file, flags and the Action input, secrets by reference. */
import { ConfigError } from '../../src/errors.js';
import { resolveSettings } from '../../src/config/settings.js';
import { toRLMOptions } from '../../src/config/to-rlm-options.js';
import { buildRunSettings } from '../../src/action/run/run-settings.js';
import { readInputs } from '../../src/action/run/inputs.js';
import { readMcpConfigJson, resolveMcpServer } from '../../src/tools/mcp-spec.js';

const FILE = '/repo/.rlm.yml';
const YAML = `
backend: scripted
script: s.yaml
mcp_servers:
  snipara:
    url: https://api.snipara.example/mcp/demo
    headers:
      Authorization: "Bearer \${SNIPARA_API_KEY}"
    allowed_tools: [rlm_context_query, rlm_remember]
  memory:
    command: npx
    args: ["-y", "@modelcontextprotocol/server-memory"]
    env:
      MEMORY_FILE_PATH: /tmp/memory.jsonl
`;

function fromFile(text: string, flags: Record<string, unknown> = {}) {
  return resolveSettings({ file: FILE, env: {}, flags, readFile: () => text });
}

function configError(run: () => unknown): ConfigError {
  try {
    run();
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('mcp_servers in the config file', () => {
  it('parses both transports and keeps secrets as references', () => {
    const settings = fromFile(YAML);
    expect(settings.mcpServers).toEqual({
      snipara: {
        transport: 'http',
        url: 'https://api.snipara.example/mcp/demo',
        headers: { Authorization: 'Bearer ${SNIPARA_API_KEY}' },
        allowedTools: ['rlm_context_query', 'rlm_remember'],
        timeoutMs: 60_000,
      },
      memory: {
        transport: 'stdio',
        command: 'npx',
        args: ['-y', '@modelcontextprotocol/server-memory'],
        env: { MEMORY_FILE_PATH: '/tmp/memory.jsonl' },
        allowedTools: null,
        timeoutMs: 60_000,
      },
    });
    expect(toRLMOptions(settings, {}).mcpServers?.snipara).toEqual({
      url: 'https://api.snipara.example/mcp/demo',
      headers: { Authorization: 'Bearer ${SNIPARA_API_KEY}' },
      allowed_tools: ['rlm_context_query', 'rlm_remember'],
      timeout: 60,
    });
  });

  it('lets a flag layer replace one server by name and keep the others', () => {
    const settings = fromFile(YAML, {
      mcp_servers: readMcpConfigJson(
        JSON.stringify({ mcpServers: { memory: { command: 'mcp-server-memory' } } }),
        'x',
      ),
    });
    expect(Object.keys(settings.mcpServers).sort()).toEqual(['memory', 'snipara']);
    expect(settings.mcpServers.memory).toMatchObject({ command: 'mcp-server-memory', args: [] });
  });

  it('names the server and the source in every error', () => {
    const literal = configError(() =>
      fromFile(
        'mcp_servers:\n  snipara:\n    url: https://x/mcp\n    headers: {Authorization: "Bearer abc123456789"}\n',
      ),
    );
    expect(literal.message).toContain(`MCP server "snipara" (config file ${FILE})`);
    expect(literal.message).toContain('secrets are accepted only as ${ENV_VAR} references');
    expect(
      configError(() => fromFile('mcp_servers:\n  docs:\n    url: https://x\n    transport: sse\n')).message,
    ).toContain('unknown field `transport`');
    expect(configError(() => fromFile('mcp_servers: [a]\n')).key).toBe('mcp_servers');
    expect(configError(() => fromFile('mcp_servers:\n  "1bad": {command: x}\n')).message).toContain(
      'the name must start with a letter',
    );
    expect(configError(() => readMcpConfigJson('{"servers": {}}', 'mcp.json')).message).toContain(
      'no "mcpServers" object',
    );
  });

  it('resolves references on the host only, and returns the values to redact', () => {
    const { snipara } = fromFile(YAML).mcpServers;
    if (snipara === undefined) throw new Error('no snipara');
    const resolved = resolveMcpServer('snipara', snipara, { SNIPARA_API_KEY: 'snp_live_123456' });
    expect(resolved.spec).toMatchObject({ headers: { Authorization: 'Bearer snp_live_123456' } });
    expect(resolved.secrets).toEqual(['snp_live_123456']);
    expect(configError(() => resolveMcpServer('snipara', snipara, {})).message).toContain(
      'references ${SNIPARA_API_KEY}, which is not set',
    );
  });
});

describe('mcp-config in the Action', () => {
  const environment = {
    workspace: '/github/workspace',
    runnerTemp: '/runner/temp',
    env: { SNIPARA_API_KEY: 'snp_live_abcdef' },
    containerLabels: {},
  };
  const inputs = (mcpConfig: string) =>
    readInputs((name) => ({ backend: 'scripted', script: 's.yaml', 'mcp-config': mcpConfig })[name] ?? '');
  const config = (server: Record<string, unknown>) => JSON.stringify({ mcpServers: { snipara: server } });

  it('takes inline JSON, masks what the spec references and resolves against the step environment', () => {
    const built = buildRunSettings(
      inputs(
        config({
          url: 'https://x/mcp',
          headers: { Authorization: 'Bearer ${SNIPARA_API_KEY}' },
          allowed_tools: ['rlm_recall'],
        }),
      ),
      {},
      { ref: 'main', text: null },
      environment,
      [],
    );
    expect(built.mcpSecrets).toEqual(['snp_live_abcdef']);
    expect(built.options.secrets).toContain('snp_live_abcdef');
    expect(built.options.env).toBe(environment.env);
    expect(built.options.mcpServers?.snipara).toMatchObject({ allowed_tools: ['rlm_recall'] });
  });

  it('exposes only tools listed explicitly', () => {
    const error = configError(() =>
      buildRunSettings(
        inputs(config({ url: 'https://x/mcp' })),
        {},
        { ref: 'main', text: null },
        environment,
        [],
      ),
    );
    expect(error.message).toContain(
      'MCP server "snipara": the Action exposes only tools listed in allowed_tools',
    );
    expect(error.exitCode).toBe(5);
  });

  it('reads servers from .github/rlm.yml on the default branch under the same rule', () => {
    const error = configError(() =>
      buildRunSettings(
        inputs(''),
        {},
        { ref: 'main', text: 'mcp_servers:\n  memory: {command: mcp-server-memory}\n' },
        environment,
        [],
      ),
    );
    expect(error.message).toContain('MCP server "memory"');
  });
});
