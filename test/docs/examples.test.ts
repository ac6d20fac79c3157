/**
 * Docs that cannot drift: every TypeScript and shell example in README.md and docs/*.md is extracted
 * and run. TypeScript runs with tsx in a scratch project where `rlm-runtime-action` is this package
 * (built lib/) and `./src/...`, `./test/...` imports point into this repository; shell runs with bash,
 * `rlm` being this package's bin. Models are the real SDKs against the local wire-format server (one
 * URL for Anthropic and OpenAI through RLM_BASE_URL), code runs in the real Docker sandbox. A block
 * that cannot run here must say why in `<!-- example not run by test/docs: REASON -->` just above it.
 */
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startFakeProvider, type FakeProvider } from '../support/fake-provider/server.js';
import { TEST_IMAGE } from '../support/docker-image.js';
import { ensureBuilt, makeTempDir, REPO_ROOT, RLM_BIN } from '../cli/support/cli-process.js';

interface Example {
  file: string;
  line: number;
  lang: 'ts' | 'shell';
  code: string;
  notRunBecause: string | null;
}

const SKIP_MARK = /^<!-- example not run by test\/docs: (.+) -->$/;

function examplesOf(file: string): Example[] {
  const lines = readFileSync(join(REPO_ROOT, file), 'utf8').split('\n');
  const found: Example[] = [];
  for (let i = 0; i < lines.length; i += 1) {
    const fence = /^```(ts|typescript|bash|sh|shell)$/.exec(lines[i] ?? '');
    if (!fence) continue;
    const end = lines.findIndex((line, index) => index > i && line.startsWith('```'));
    let above = i - 1;
    while (above > 0 && lines[above]?.trim() === '') above -= 1;
    const reason = SKIP_MARK.exec(lines[above] ?? '')?.[1] ?? null;
    found.push({
      file,
      line: i + 1,
      lang: fence[1] === 'ts' || fence[1] === 'typescript' ? 'ts' : 'shell',
      code: lines.slice(i + 1, end).join('\n'),
      notRunBecause: reason,
    });
    i = end;
  }
  return found;
}

const FILES = [
  'README.md',
  ...readdirSync(join(REPO_ROOT, 'docs'))
    .filter((name) => name.endsWith('.md'))
    .map((name) => `docs/${name}`),
];
const EXAMPLES = FILES.flatMap(examplesOf);
const RUN = EXAMPLES.filter((example) => example.notRunBecause === null);

// Every model reply: code that runs in the sandbox, then the answer.
const REPLY = '```repl\nprint("working on it")\nFINAL("done")\n```';

let fake: FakeProvider;
let project: string;
let shims: string;
/** A real trajectory file, for examples that import or read one (`path/to/trajectories.jsonl`). */
let sampleTrajectory: string;

beforeAll(async () => {
  ensureBuilt();
  fake = await startFakeProvider({ responder: () => ({ type: 'reply', text: REPLY }) });
  // A scratch project that depends on this package, as a user's would.
  project = makeTempDir('docs-project');
  mkdirSync(join(project, 'node_modules'));
  symlinkSync(REPO_ROOT, join(project, 'node_modules', 'rlm-runtime-action'));
  shims = makeTempDir('docs-bin');
  writeFileSync(join(shims, 'rlm'), `#!/bin/sh\nexec "${process.execPath}" "${RLM_BIN}" "$@"\n`, {
    mode: 0o755,
  });
  const sample = makeTempDir('docs-sample');
  writeFileSync(join(sample, 'demo.yaml'), `responses:\n  - ${JSON.stringify(REPLY)}\n`);
  const made = spawnSync(
    process.execPath,
    [
      RLM_BIN,
      'run',
      'a sample run',
      '--env',
      'repl',
      '--backend',
      'scripted',
      '--script',
      'demo.yaml',
      '--json',
    ],
    { cwd: sample, encoding: 'utf8', env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: sample } },
  );
  sampleTrajectory = (JSON.parse(made.stdout) as { trajectory_path: string }).trajectory_path;
});
afterAll(() => fake.close());

function run(command: string, args: string[], cwd: string): Promise<{ code: number | null; output: string }> {
  const child = spawn(command, args, {
    cwd,
    env: {
      PATH: `${shims}:${process.env.PATH ?? '/usr/bin:/bin'}`,
      HOME: makeTempDir('docs-home'),
      RLM_BASE_URL: fake.url,
      ANTHROPIC_API_KEY: 'sk-ant-docs-example-123456',
      OPENAI_API_KEY: 'sk-docs-example-123456',
      RLM_DOCKER_IMAGE: TEST_IMAGE,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, output })));
}

/** A working directory with what the shell examples refer to: logs to read, a diff, a scripted-model script. */
function workDir(): string {
  const cwd = makeTempDir('docs-cwd');
  mkdirSync(join(cwd, 'logs'));
  writeFileSync(join(cwd, 'logs', 'app.log'), '2026-01-29T12:00:00Z ERROR api timeout\n');
  writeFileSync(join(cwd, 'pr.diff'), '--- a/x\n+++ b/x\n@@ -1 +1 @@\n-a\n+b\n');
  writeFileSync(join(cwd, 'demo.yaml'), `responses:\n  - ${JSON.stringify(REPLY)}\n`);
  mkdirSync(join(cwd, 'path', 'to'), { recursive: true });
  copyFileSync(sampleTrajectory, join(cwd, 'path', 'to', 'trajectories.jsonl'));
  return cwd;
}

// `rlm visualize` serves until Ctrl-C: a person presses it after looking at the page; here it comes
// once the dashboard has printed its URL, and the example goes on with rlm's own exit status.
const SHELL_PRELUDE = `set -euo pipefail
rlm() {
  if [ "\${1:-}" != visualize ]; then command rlm "$@"; return; fi
  local out; out="$(mktemp)"
  command rlm "$@" >"$out" &
  local pid=$!
  for _ in $(seq 1 600); do grep -q '^http' "$out" && break; kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  cat "$out"
  kill -INT "$pid" 2>/dev/null || true
  wait "$pid"
}
`;

describe('examples in README.md and docs/', () => {
  it('are found, and every one left out says why', () => {
    expect(RUN.length).toBeGreaterThan(10);
    for (const example of EXAMPLES) {
      if (example.notRunBecause !== null) expect(example.notRunBecause.length).toBeGreaterThan(20);
    }
  });

  it.each(RUN.map((example) => [`${example.file}:${example.line} (${example.lang})`, example] as const))(
    '%s runs',
    async (_, example) => {
      const cwd = workDir();
      let result: { code: number | null; output: string };
      if (example.lang === 'ts') {
        const code = example.code.replace(/from '\.\/(src|test)\//g, `from '${REPO_ROOT}$1/`);
        const file = join(project, `example-${example.line}.mts`);
        writeFileSync(file, code);
        result = await run(
          process.execPath,
          [join(REPO_ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs'), file],
          cwd,
        );
      } else {
        result = await run('bash', ['-c', SHELL_PRELUDE + example.code], cwd);
      }
      if (result.code !== 0)
        throw new Error(`${example.file}:${example.line} exited ${result.code}:\n${result.output}`);
      expect(result.code).toBe(0);
      // Examples print what they got: a run that failed would say so even with exit code 0.
      expect(result.output).not.toMatch(/Success: false|^false\b|Failed!|Unexpected error|rlm: error:/m);
    },
    120_000,
  );
});
