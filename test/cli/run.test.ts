/**
 * `rlm run` as a process on the scripted backend: --json, text output, progress
 * on stderr, precedence reaching the engine, and exit codes 0, 1, 2 and 4.
 * These use the local `repl` sandbox for speed; docker.test.ts covers Docker.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { ensureBuilt, makeTempDir, runRlm } from './support/cli-process.js';
import { repl, scriptedReplRun, writeScript } from './support/scripts.js';

beforeAll(() => ensureBuilt());

const ANSWER_LENGTH = repl('answer["content"] = "length=" + str(len(context))\nanswer["ready"] = True');

function parseOnlyJsonLine(stdout: string): Record<string, unknown> {
  const lines = stdout.split('\n').filter((line) => line !== '');
  expect(lines).toHaveLength(1);
  return JSON.parse(lines[0] ?? '') as Record<string, unknown>;
}

describe('rlm run --json', () => {
  it('prints exactly one JSON object on stdout, progress on stderr, and exits 0', async () => {
    const cwd = makeTempDir('run');
    writeScript(cwd, [ANSWER_LENGTH]);
    const run = await runRlm(
      scriptedReplRun('measure the context').concat(['--context-text', 'hello world']),
      { cwd },
    );
    expect(run.code).toBe(0);
    const json = parseOnlyJsonLine(run.stdout);
    expect(json).toMatchObject({
      response: 'length=11',
      success: true,
      error: null,
      exit_code: 0,
      limits_hit: [],
    });
    for (const key of ['trajectory_id', 'trajectory_path', 'tokens', 'cost_usd'])
      expect(json).toHaveProperty(key);
    expect(typeof json.trajectory_id).toBe('string');
    expect(json.tokens).toBeGreaterThan(0);
    const path = String(json.trajectory_path);
    expect(path.startsWith(join(cwd, 'logs'))).toBe(true);
    expect(readFileSync(path, 'utf8')).toContain(String(json.trajectory_id));
    expect(run.stderr).toContain('[iteration 1 · depth 0 · node root]');
    expect(run.stderr).toContain('code block 1: ok');
    expect(run.stderr).toMatch(/so far [\d,]+ tokens/);
  });

  it('counts sub-calls in progress and reports them in the JSON', async () => {
    const cwd = makeTempDir('run');
    const code = [
      'parts = [context[i:i + 4] for i in range(0, len(context), 4)]',
      'replies = llm_query_batched(["chunk: " + p for p in parts])',
      'answer["content"] = "|".join(replies)',
      'answer["ready"] = True',
    ].join('\n');
    writeScript(cwd, [repl(code)], { default_sub_response: 'saw {{prompt_chars}}' });
    const run = await runRlm(scriptedReplRun('chunks').concat(['--context-text', 'abcdefghij']), { cwd });
    expect(run.code).toBe(0);
    const json = parseOnlyJsonLine(run.stdout);
    // Chunks "abcd", "efgh", "ij" with the 7-character "chunk: " prefix.
    expect(json.response).toBe('saw 11|saw 11|saw 9');
    expect(json.sub_calls).toBe(3);
    expect(run.stderr).toContain('3 sub-calls');
  });
});

describe('rlm run text output', () => {
  it('prints the answer, a cost table and the trajectory path', async () => {
    const cwd = makeTempDir('run');
    writeScript(cwd, [ANSWER_LENGTH]);
    writeFileSync(join(cwd, 'notes.txt'), 'twelve chars');
    const run = await runRlm(
      [
        'run',
        'measure',
        '--env',
        'repl',
        '--backend',
        'scripted',
        '--script',
        'script.yaml',
        '--context-file',
        'notes.txt',
      ],
      { cwd },
    );
    expect(run.code).toBe(0);
    // A files context is a dict {path: text}: one file → length 1.
    expect(run.stdout.startsWith('length=1\n')).toBe(true);
    expect(run.stdout).toMatch(
      /Model\s+Calls\s+Tokens in\s+Tokens out\s+Cache read\s+Cache write\s+Cost \(USD\)/,
    );
    expect(run.stdout).toMatch(/\nTotal\s+1\s/);
    expect(run.stdout).toMatch(/Trajectory: .*logs\/trajectories_.*\.jsonl {2}\(id [0-9a-f-]+\)/);
    expect(run.stderr).not.toContain('length=1');
  });

  it('--verbose shows the code and what it printed on stderr', async () => {
    const cwd = makeTempDir('run');
    writeScript(cwd, [repl('print("inspecting", 6 * 7)\nFINAL("done")')]);
    const run = await runRlm(
      ['run', 'go', '--verbose', '--env', 'repl', '--backend', 'scripted', '--script', 'script.yaml'],
      {
        cwd,
      },
    );
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('print("inspecting", 6 * 7)');
    expect(run.stderr).toContain('inspecting 42');
    expect(run.stdout).not.toContain('inspecting');
  });
});

describe('settings reach the engine with flag > env > file precedence', () => {
  it('log_dir from the flag beats the environment, which beats the file', async () => {
    const cwd = makeTempDir('run');
    writeScript(cwd, [ANSWER_LENGTH]);
    const configPath = join(cwd, 'config.yaml');
    writeFileSync(
      configPath,
      'backend: scripted\nscript: script.yaml\nenvironment: repl\nlog_dir: file-logs\n',
    );
    const env = { RLM_CONFIG: configPath, RLM_LOG_DIR: 'env-logs' };

    const fromFlag = parseOnlyJsonLine(
      (await runRlm(['run', 't', '--json', '--log-dir', 'flag-logs'], { cwd, env })).stdout,
    );
    expect(String(fromFlag.trajectory_path).startsWith(join(cwd, 'flag-logs'))).toBe(true);

    const fromEnv = parseOnlyJsonLine((await runRlm(['run', 't', '--json'], { cwd, env })).stdout);
    expect(String(fromEnv.trajectory_path).startsWith(join(cwd, 'env-logs'))).toBe(true);

    const fromFile = parseOnlyJsonLine(
      (await runRlm(['run', 't', '--json'], { cwd, env: { RLM_CONFIG: configPath } })).stdout,
    );
    expect(String(fromFile.trajectory_path).startsWith(join(cwd, 'file-logs'))).toBe(true);
  });
});

describe('exit codes of rlm run', () => {
  it('1 when a limit stops the run, with the best partial answer', async () => {
    const cwd = makeTempDir('run');
    const step = repl('answer["content"] = "partial"\nprint("still working")');
    writeScript(cwd, [step, step, step]);
    const run = await runRlm(scriptedReplRun('never ends', '--max-iterations', '2'), { cwd });
    expect(run.code).toBe(1);
    const json = parseOnlyJsonLine(run.stdout);
    expect(json).toMatchObject({ success: false, exit_code: 1, response: 'partial' });
    expect(json.limits_hit).toContain('max_iterations');
    expect(run.stderr).toContain('limit hit: max_iterations');
  });

  it('1 when the model code keeps raising', async () => {
    const cwd = makeTempDir('run');
    const failing = repl('raise ValueError("bad data")');
    writeScript(cwd, [failing, failing, failing, failing]);
    const run = await runRlm(scriptedReplRun('fail'), {
      cwd,
    });
    expect(run.code).toBe(1);
    expect(parseOnlyJsonLine(run.stdout).limits_hit).toContain('max_consecutive_errors');
  });

  it('2 when the wall-clock timeout fires', async () => {
    const cwd = makeTempDir('run');
    writeScript(cwd, [repl('import time\ntime.sleep(30)'), ANSWER_LENGTH]);
    const run = await runRlm(scriptedReplRun('slow', '--timeout', '2'), { cwd });
    expect(run.code).toBe(2);
    const json = parseOnlyJsonLine(run.stdout);
    expect(json).toMatchObject({ success: false, exit_code: 2 });
    expect(json.limits_hit).toContain('timeout');
  });

  describe('4 when the model API refuses the key', () => {
    let server: Server;
    let baseUrl: string;
    const requests: string[] = [];
    beforeAll(async () => {
      server = createServer((request, response) => {
        requests.push(`${request.method} ${request.url}`);
        response.writeHead(401, { 'content-type': 'application/json' });
        response.end(
          JSON.stringify({
            error: {
              message: 'Incorrect API key provided',
              type: 'invalid_request_error',
              code: 'invalid_api_key',
            },
          }),
        );
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
    });
    afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

    it('exits 4, names the provider and status, and never prints the key', async () => {
      const key = 'sk-test-do-not-print-4f9a2b7c';
      const cwd = makeTempDir('run');
      const run = await runRlm(
        [
          'run',
          'hello',
          '--json',
          '--env',
          'repl',
          '--backend',
          'openai',
          '--model',
          'gpt-4o-mini',
          '--base-url',
          baseUrl,
        ],
        { cwd, env: { OPENAI_API_KEY: key } },
      );
      expect(run.code).toBe(4);
      expect(requests.some((line) => line.startsWith('POST /v1/chat/completions'))).toBe(true);
      const json = parseOnlyJsonLine(run.stdout);
      expect(json).toMatchObject({ success: false, exit_code: 4 });
      expect(String(json.error)).toMatch(/401/);
      expect(run.stdout + run.stderr).not.toContain(key);
      const trajectory = readFileSync(String(json.trajectory_path), 'utf8');
      expect(trajectory).not.toContain(key);
    });
  });
});

describe('signals during rlm run', () => {
  async function interrupted(signal: 'SIGINT' | 'SIGTERM') {
    const cwd = makeTempDir('run');
    writeScript(cwd, [repl('import time\nprint("started", flush=True)\ntime.sleep(60)'), ANSWER_LENGTH]);
    const run = await runRlm(scriptedReplRun('long'), {
      cwd,
      onSpawn: (child, stderrSoFar) => {
        const poll = setInterval(() => {
          // Signal once the code block is running, so the run is really mid-flight.
          if (stderrSoFar().includes('[iteration 1')) {
            clearInterval(poll);
            setTimeout(() => child.kill(signal), 500);
          }
        }, 50);
        child.on('exit', () => clearInterval(poll));
      },
    });
    return { run, cwd };
  }

  it('SIGINT stops the run cleanly: exit 130, one JSON result, trajectory on disk', async () => {
    const { run, cwd } = await interrupted('SIGINT');
    expect(run.code).toBe(130);
    const json = parseOnlyJsonLine(run.stdout);
    expect(json.success).toBe(false);
    const path = String(json.trajectory_path);
    expect(path.startsWith(join(cwd, 'logs'))).toBe(true);
    expect(existsSync(path)).toBe(true);
    expect(readFileSync(path, 'utf8')).toContain(String(json.trajectory_id));
  });

  it('SIGTERM exits 143', async () => {
    const { run } = await interrupted('SIGTERM');
    expect(run.code).toBe(143);
    expect(parseOnlyJsonLine(run.stdout).success).toBe(false);
  });
});

describe('rlm logs', () => {
  it('lists recent trajectories and shows one by id prefix', async () => {
    const cwd = makeTempDir('run');
    writeScript(cwd, [ANSWER_LENGTH]);
    mkdirSync(join(cwd, 'logs'));
    const done = parseOnlyJsonLine(
      (await runRlm(scriptedReplRun('the logged task', '--context-text', 'abc'), { cwd })).stdout,
    );
    const id = String(done.trajectory_id);
    const list = await runRlm(['logs'], { cwd });
    expect(list.code).toBe(0);
    expect(list.stdout).toContain(id);
    expect(list.stdout).toContain('the logged task');

    const one = await runRlm(['logs', id.slice(0, 8)], { cwd });
    expect(one.code).toBe(0);
    expect(one.stdout).toContain(id);
    expect(one.stdout).toContain('length=3');

    const markdown = await runRlm(['logs', id, '--format', 'markdown'], { cwd });
    expect(markdown.stdout.startsWith(`# RLM run \`${id}\``)).toBe(true);
    const html = await runRlm(['logs', id, '--format', 'html'], { cwd });
    expect(html.stdout).toMatch(/^<!doctype html>/i);
    expect(html.stdout).toContain(id);

    const json = await runRlm(['logs', id, '--format', 'json'], { cwd });
    expect((JSON.parse(json.stdout) as { trajectory_id: string }).trajectory_id).toBe(id);

    const missing = await runRlm(['logs', 'no-such-id'], { cwd });
    expect(missing.code).toBe(5);
    expect(missing.stderr).toContain("no trajectory with id (or unique id prefix) 'no-such-id'");
  });
});
