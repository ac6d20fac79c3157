/** action.yml and the one module that reads inputs agree; inputs arrive as the runner passes them. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { readInputs, secretValues } from '../../src/action/run/inputs.js';
import { ConfigError } from '../../src/errors.js';
import { REPO_ROOT, inputEnvName } from './support/dist-runner.js';

interface ActionYml {
  runs: { using: string; main: string; post: string };
  inputs: Record<string, { description: string; default?: string }>;
  outputs: Record<string, { description: string }>;
}

const actionYml = parse(readFileSync(join(REPO_ROOT, 'action.yml'), 'utf8')) as ActionYml;

describe('action.yml', () => {
  it('runs on node24 with a main and a post step from dist/', () => {
    expect(actionYml.runs).toEqual({ using: 'node24', main: 'dist/index.js', post: 'dist/post.js' });
  });

  it('declares exactly the inputs the action reads, each with a description', () => {
    const read = new Set<string>();
    readInputs((name) => {
      read.add(name);
      return '';
    });
    expect([...read].sort()).toEqual(Object.keys(actionYml.inputs).sort());
    for (const [name, input] of Object.entries(actionYml.inputs)) {
      expect(`${name}: ${input.description?.trim().length > 10}`).toBe(`${name}: true`);
    }
  });

  it('has safe defaults: comment commands, no edits, fail on limits, token from the workflow', () => {
    const defaults = Object.fromEntries(
      Object.entries(actionYml.inputs).map(([name, i]) => [name, i.default]),
    );
    expect(defaults).toMatchObject({
      trigger: '/rlm run',
      'allow-edited': 'false',
      'fail-on-limit': 'true',
      'allowed-models': '',
      'allowed-bots': '',
      'github-token': '${{ github.token }}',
      'writable-workspace': '',
    });
  });

  it('declares the outputs the action sets', () => {
    expect(Object.keys(actionYml.outputs).sort()).toEqual([
      'artifact-url',
      'comment-url',
      'cost-usd',
      'response',
      'structured-output',
      'success',
      'tokens',
      'trajectory-id',
      'trajectory-path',
    ]);
  });
});

describe('readInputs', () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
  });

  it('reads INPUT_<NAME> variables as the runner sets them (dashes kept)', () => {
    process.env[inputEnvName('max-depth')] = '2';
    process.env[inputEnvName('github-token')] = ' ghs_token_value_123 ';
    process.env[inputEnvName('allowed-users')] = 'alice, bob\ncarol';
    process.env[inputEnvName('memory')] = '2g';
    process.env[inputEnvName('fail-on-limit')] = 'false';
    const inputs = readInputs();
    expect(inputEnvName('max-depth')).toBe('INPUT_MAX-DEPTH');
    expect(inputs.engine).toEqual({ max_depth: '2', docker: { memory_limit: '2g' } });
    expect(inputs.githubToken).toBe('ghs_token_value_123');
    expect(inputs.allowedUsers).toEqual(['alice', 'bob', 'carol']);
    expect(inputs.failOnLimit).toBe(false);
    expect(inputs.trigger).toBe('/rlm run');
  });

  it('rejects a boolean that is not one, naming the input', () => {
    expect(() => readInputs((name) => (name === 'allow-edited' ? 'maybe' : ''))).toThrow(ConfigError);
    expect(() => readInputs((name) => (name === 'allow-edited' ? 'maybe' : ''))).toThrow('`allow-edited`');
  });

  it('collects every key and token for masking, and nothing else', () => {
    const values: Record<string, string> = {
      'anthropic-api-key': 'sk-ant-1',
      'openai-api-key': '',
      'litellm-api-key': 'll-key',
      'github-token': 'ghs_x',
      task: 'not a secret',
    };
    expect(secretValues(readInputs((name) => values[name] ?? ''))).toEqual(['sk-ant-1', 'll-key', 'ghs_x']);
    // Keys handed over in the step's environment count too (each value once).
    const env = { OPENAI_API_KEY: 'sk-env-key', GITHUB_TOKEN: 'ghs_x', HOME: '/root' };
    expect(
      secretValues(
        readInputs((name) => values[name] ?? ''),
        env,
      ),
    ).toEqual(['sk-ant-1', 'll-key', 'ghs_x', 'sk-env-key']);
  });
});
