import { parse } from 'yaml';
import { formatByteSize, parseByteSize } from '../../src/config/units.js';
import { defaultConfigText } from '../../src/config/template.js';
import { envVarName, SETTING_KEYS, SETTING_KEY_NAMES } from '../../src/config/keys.js';
import { resolveSettings } from '../../src/config/settings.js';

describe('byte sizes', () => {
  it.each([
    ['1g', 1024 ** 3],
    ['1G', 1024 ** 3],
    ['512m', 512 * 1024 ** 2],
    ['512mb', 512 * 1024 ** 2],
    ['64k', 64 * 1024],
    ['1.5g', 1.5 * 1024 ** 3],
    ['1048576', 1048576],
    [' 2 g ', 2 * 1024 ** 3],
    [4096, 4096],
  ])('%p is %d bytes', (input, bytes) => {
    expect(parseByteSize(input)).toBe(bytes);
  });

  it.each(['', 'lots', '1x', '-1g', '1 t', 1.5, -3, true, null])('%p is not a size', (input) => {
    expect(parseByteSize(input)).toBeUndefined();
  });

  it('formats back to the shortest exact unit', () => {
    expect(formatByteSize(1024 ** 3)).toBe('1g');
    expect(formatByteSize(256 * 1024 ** 2)).toBe('256m');
    expect(formatByteSize(1536 * 1024 ** 2)).toBe('1536m');
    expect(formatByteSize(1000)).toBe('1000');
  });
});

describe('environment variable names', () => {
  it('are RLM_ and the key path in capitals', () => {
    expect(envVarName('backend')).toBe('RLM_BACKEND');
    expect(envVarName('max_cost_usd')).toBe('RLM_MAX_COST_USD');
    expect(envVarName('docker.memory_limit')).toBe('RLM_DOCKER_MEMORY_LIMIT');
  });
});

describe('the rlm init template', () => {
  const text = defaultConfigText();

  it('documents every key with its allowed values and environment variable', () => {
    for (const key of SETTING_KEY_NAMES) {
      expect(text).toContain(`# ${SETTING_KEYS[key].doc}`);
      expect(text).toContain(`Environment: ${envVarName(key)}.`);
    }
    expect(text).toContain('# Allowed: one of docker, repl.');
  });

  it('is valid YAML that resolves to exactly the defaults', () => {
    expect(() => parse(text)).not.toThrow();
    const fromTemplate = resolveSettings({ file: 'config.yaml', env: {}, flags: {}, readFile: () => text });
    const fromNothing = resolveSettings({ file: null, env: {}, flags: {} });
    const { sources: _a, configFile: _b, ...templateValues } = fromTemplate;
    const { sources: _c, configFile: _d, ...defaultValues } = fromNothing;
    expect(templateValues).toEqual(defaultValues);
    expect(fromTemplate.sources.backend).toEqual({ kind: 'file', path: 'config.yaml' });
  });

  it('shows a commented mcp_servers example that is valid once uncommented', () => {
    const start = text.indexOf('# mcp_servers:');
    expect(start).toBeGreaterThan(0);
    const example = text
      .slice(start)
      .split('\n')
      .filter((line) => line.startsWith('#'))
      .map((line) => line.slice(2))
      .join('\n');
    const settings = resolveSettings({ file: 'c.yaml', env: {}, flags: {}, readFile: () => example });
    expect(settings.mcpServers.snipara).toMatchObject({
      transport: 'http',
      headers: { Authorization: 'Bearer ${SNIPARA_API_KEY}' },
    });
  });

  it('never contains an API key setting', () => {
    expect(text).not.toMatch(/^\s*api_key\s*:/m);
  });
});

describe('docs/cli.md', () => {
  it('documents every key with its default and environment variable', async () => {
    const { readFileSync } = await import('node:fs');
    const docs = readFileSync(new URL('../../docs/cli.md', import.meta.url), 'utf8');
    for (const key of SETTING_KEY_NAMES) {
      const row = docs.split('\n').find((line) => line.startsWith(`| \`${key}\``));
      expect(row).toBeDefined();
      expect(row).toContain(`\`${envVarName(key)}\``);
      const value = SETTING_KEYS[key].default;
      const shown =
        SETTING_KEYS[key].spec.kind === 'size' && typeof value === 'number'
          ? formatByteSize(value)
          : String(value);
      expect(row).toContain(`\`${shown}\``);
    }
  });
});
