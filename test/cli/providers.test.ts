/**
 * `rlm run` against real provider SDKs talking to the local fake provider:
 * an OpenAI-compatible server with a model missing from the price table
 * (cost reported as unknown, never $0), and Anthropic refusing the key (exit 4).
 */
import { startFakeProvider, type FakeProvider } from '../support/fake-provider/server.js';
import { ensureBuilt, makeTempDir, runRlm } from './support/cli-process.js';

let fake: FakeProvider;

beforeAll(async () => {
  ensureBuilt();
  fake = await startFakeProvider();
});
afterAll(() => fake.close());

describe('an OpenAI-compatible endpoint (base_url) with an unpriced model', () => {
  it('answers, and shows the cost as unknown in the table and null in --json', async () => {
    const reply = '```repl\nanswer["content"] = "sum=" + str(sum(range(10)))\nanswer["ready"] = True\n```';
    const args = [
      'run',
      'add',
      '--env',
      'repl',
      '--backend',
      'openai',
      '--model',
      'local-llama',
      '--base-url',
      fake.openaiBaseUrl,
    ];
    const env = { OPENAI_API_KEY: 'sk-local-anything-123456' };

    fake.enqueue({ type: 'reply', text: reply, usage: { input: 120, output: 30 } });
    const text = await runRlm(args, { cwd: makeTempDir('prov'), env });
    expect(text.code).toBe(0);
    expect(text.stdout.startsWith('sum=45\n')).toBe(true);
    expect(text.stdout).toMatch(/\nlocal-llama\s+1\s+120\s+30\s+0\s+0\s+unknown\n/);

    fake.enqueue({ type: 'reply', text: reply, usage: { input: 120, output: 30 } });
    const json = await runRlm([...args, '--json'], { cwd: makeTempDir('prov'), env });
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toMatchObject({ response: 'sum=45', cost_usd: null, tokens: 150 });
    expect(fake.requests.at(-1)?.model).toBe('local-llama');
  });
});

describe('Anthropic refusing the key', () => {
  it('exits 4 with the provider and status named, without printing the key', async () => {
    const key = 'sk-ant-never-print-me-98765';
    fake.enqueue({ type: 'error', status: 401, message: 'invalid x-api-key' });
    const run = await runRlm(
      ['run', 'hi', '--env', 'repl', '--backend', 'anthropic', '--base-url', fake.anthropicBaseUrl],
      {
        cwd: makeTempDir('prov'),
        env: { ANTHROPIC_API_KEY: key },
      },
    );
    expect(run.code).toBe(4);
    expect(run.stderr).toMatch(/anthropic/i);
    expect(run.stderr).toContain('401');
    expect(run.stdout + run.stderr).not.toContain(key);
  });
});
