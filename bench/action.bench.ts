/**
 * npm run bench:action — how fast the bundled action starts, against a bare `node -e 0` measured in the
 * same run. Prints a table, then one JSON line:
 *   main_import_ratio  median wall time of `node dist/index.js` ÷ `node -e 0` (target ≤ 4)
 *   post_import_ratio  median wall time of `node dist/post.js` ÷ `node -e 0` (target ≤ 2)
 *   main_bundle_mb     dist/index.js plus every chunk it loads at start-up, MB (target ≤ 3)
 *   post_bundle_mb     dist/post.js plus every chunk it loads at start-up, MB (target ≤ 0.5)
 *
 * Each entry runs as the runner starts it, with an environment that makes it stop right after start-up
 * (main: no github-token input, so it fails at input validation; post: no saved state, nothing to clean),
 * so what is timed is loading and evaluating the bundle. "Loaded at start-up" is not guessed from file
 * names: a module hook records every file of the bundle that Node actually loads during that run.
 *
 * Usage: npm run bench:action [-- DIST_DIR]   (default: bundle the current sources into a temp dir)
 */
import { execFile, spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, '..');
const RUNS = 15;
const WARMUP = 2;

/** Registered with --import: appends the URL of every bundle file Node loads to RLM_BENCH_LOADED. */
const RECORDER = `
import { registerHooks } from 'node:module';
import { appendFileSync } from 'node:fs';
const prefix = process.env.RLM_BENCH_DIST_URL;
registerHooks({
  load(url, context, next) {
    if (url.startsWith(prefix)) appendFileSync(process.env.RLM_BENCH_LOADED, url + '\\n');
    return next(url, context);
  },
});
`;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

function baseEnv(scratch: string): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '',
    HOME: scratch,
    GITHUB_ACTIONS: 'true',
    GITHUB_OUTPUT: path.join(scratch, 'output'),
    GITHUB_STATE: path.join(scratch, 'state'),
    GITHUB_STEP_SUMMARY: path.join(scratch, 'summary'),
    RUNNER_TEMP: scratch,
  };
}

function wallMs(args: string[], env: Record<string, string>): number {
  const started = process.hrtime.bigint();
  const result = spawnSync(process.execPath, args, { env, stdio: 'ignore' });
  if (result.error) throw result.error;
  return Number(process.hrtime.bigint() - started) / 1e6;
}

/**
 * Median wall time (ms) of each command. The commands take turns within every round, so a machine that is
 * busier at one moment slows the baseline as much as the bundles it is compared with.
 */
function timeInterleaved(commands: Array<{ args: string[]; env: Record<string, string> }>): number[] {
  const times = commands.map((): number[] => []);
  for (let round = 0; round < WARMUP + RUNS; round += 1) {
    commands.forEach((command, index) => {
      const elapsed = wallMs(command.args, command.env);
      if (round >= WARMUP) times[index]?.push(elapsed);
    });
  }
  return times.map(median);
}

/** Bytes of the bundle files a start-up run of `entry` loads (the entry and its eager chunks). */
async function loadedBytes(dist: string, entry: string, env: Record<string, string>, scratch: string) {
  const recorder = path.join(scratch, 'recorder.mjs');
  const log = path.join(scratch, `loaded-${entry}.txt`);
  await writeFile(recorder, RECORDER);
  await writeFile(log, '');
  spawnSync(process.execPath, ['--import', pathToFileURL(recorder).href, path.join(dist, entry)], {
    env: { ...env, RLM_BENCH_DIST_URL: pathToFileURL(dist).href + '/', RLM_BENCH_LOADED: log },
    stdio: 'ignore',
  });
  const urls = [...new Set((await readFile(log, 'utf8')).split('\n').filter(Boolean))];
  const files = urls.map((url) => new URL(url).pathname);
  const sizes = await Promise.all(files.map(async (file) => (await stat(file)).size));
  return { files: files.map((file) => path.relative(dist, file)), bytes: sizes.reduce((a, b) => a + b, 0) };
}

const MB = 1024 * 1024;

async function main(): Promise<void> {
  const given = process.argv[2];
  const scratch = await mkdtemp(path.join(tmpdir(), 'rlm-bench-action-'));
  const dist = given ? path.resolve(given) : path.join(scratch, 'dist');
  try {
    if (!given) {
      process.stderr.write(`bundling the current sources into ${dist} ...\n`);
      await run(process.execPath, [path.join(ROOT, 'scripts', 'bundle.mjs'), dist], { cwd: ROOT });
    }
    for (const name of ['output', 'state', 'summary']) await writeFile(path.join(scratch, name), '');
    const env = baseEnv(scratch);
    const mainEnv = { ...env, GITHUB_REPOSITORY: 'octo/bench', GITHUB_EVENT_NAME: 'workflow_dispatch' };

    const [bare = 0, mainMs = 0, postMs = 0] = timeInterleaved([
      { args: ['-e', '0'], env },
      { args: [path.join(dist, 'index.js')], env: mainEnv },
      { args: [path.join(dist, 'post.js')], env },
    ]);
    const mainLoaded = await loadedBytes(dist, 'index.js', mainEnv, scratch);
    const postLoaded = await loadedBytes(dist, 'post.js', env, scratch);

    const result = {
      main_import_ratio: Number((mainMs / bare).toFixed(2)),
      post_import_ratio: Number((postMs / bare).toFixed(2)),
      main_bundle_mb: Number((mainLoaded.bytes / MB).toFixed(3)),
      post_bundle_mb: Number((postLoaded.bytes / MB).toFixed(3)),
    };
    const rows = [
      ['node -e 0 (baseline)', `${bare.toFixed(1)} ms`, '', ''],
      ['node dist/index.js', `${mainMs.toFixed(1)} ms`, `${result.main_import_ratio}×`, '≤ 4×'],
      ['node dist/post.js', `${postMs.toFixed(1)} ms`, `${result.post_import_ratio}×`, '≤ 2×'],
      [`main at start-up: ${mainLoaded.files.join(' + ')}`, `${result.main_bundle_mb} MB`, '', '≤ 3 MB'],
      [`post at start-up: ${postLoaded.files.join(' + ')}`, `${result.post_bundle_mb} MB`, '', '≤ 0.5 MB'],
    ];
    process.stdout.write(
      `bench:action, median of ${RUNS} interleaved runs each (after ${WARMUP} warm-up rounds)\n`,
    );
    for (const [what, value, ratio, target] of rows) {
      process.stdout.write(
        `${(what ?? '').padEnd(58)} ${(value ?? '').padStart(11)} ${(ratio ?? '').padStart(7)}  ${target}\n`,
      );
    }
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

await main();
