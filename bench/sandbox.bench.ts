/**
 * `npm run bench:sandbox`: the Docker sandbox against its baselines, same image,
 * same run, under runc and (a second column) under gVisor's runsc. Prints a table,
 * then (last line) one JSON object with the keys exec_p50_ms, docker_exec_p50_ms,
 * docker_run_p50_ms, host_call_p50_ms, startup_p50_ms, context_100mb_s (runc) and
 * runsc_exec_p50_ms, runsc_host_call_p50_ms, runsc_startup_p50_ms,
 * runsc_context_100mb_s. runsc must be registered with Docker (scripts/setup-gvisor.sh).
 *
 * Baselines: `docker exec` goes through the Engine API (dockerode exec create +
 * start + wait for the output to end), the cheapest way to run code in a
 * running container; the `docker exec` CLI is shown too. `docker run --rm`
 * goes through the CLI, as a user would type it.
 *
 * Iterations default to >= 200 per measure; BENCH_QUICK=1 runs a short version
 * (fewer iterations, shown in the table) for a smoke check.
 */
import Docker from 'dockerode';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { Duplex } from 'node:stream';
import { RUN_ID_LABEL } from '../src/sandbox/docker/container-spec.js';
import { DockerLauncher } from '../src/sandbox/docker/docker-launcher.js';
import { createSandbox } from '../src/sandbox/index.js';
import { DEFAULT_IMAGE } from '../src/sandbox/default-image.js';
import { defaultSandboxOptions, type ContainerRuntime, type SandboxOptions } from '../src/sandbox/options.js';
import type { Sandbox } from '../src/sandbox/types.js';

const run = promisify(execFile);
const docker = new Docker();
const quick = process.env.BENCH_QUICK === '1';
const IMAGE = process.env.RLM_BENCH_IMAGE ?? process.env.RLM_TEST_IMAGE ?? DEFAULT_IMAGE;
const CODE = 'print(1)';
const ITERATIONS = {
  exec: quick ? 200 : 1000,
  hostCall: quick ? 200 : 1000,
  startup: quick ? 20 : 200,
  // gVisor starts a container in ≈ 2 s: fewer runs keep the full benchmark under half an hour.
  runscStartup: quick ? 10 : 50,
  dockerExec: quick ? 30 : 200,
  dockerExecCli: quick ? 20 : 200,
  dockerRun: quick ? 10 : 200,
  context: 3,
};
const WARMUP = 20;
const CONTEXT_BYTES = 100 * 1024 * 1024;

function options(runtime: ContainerRuntime = 'runc'): SandboxOptions {
  const base = defaultSandboxOptions();
  return { ...base, docker: { ...base.docker, image: IMAGE, runtime, pull: false } };
}

function median(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1
    ? (sorted[mid] ?? NaN)
    : ((sorted[mid - 1] ?? NaN) + (sorted[mid] ?? NaN)) / 2;
}

async function timeEach(times: number, action: () => Promise<void>): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < times; i++) {
    const start = performance.now();
    await action();
    samples.push(performance.now() - start);
  }
  return samples;
}

function progress(message: string): void {
  process.stderr.write(`bench:sandbox: ${message}\n`);
}

async function expectOk(sandbox: Sandbox, code: string): Promise<string> {
  const result = await sandbox.exec(code);
  if (result.status !== 'ok') throw new Error(`${code} → ${result.status}: ${result.error ?? ''}`);
  return result.stdout.text;
}

async function measureWarmExec(sandbox: Sandbox): Promise<number[]> {
  for (let i = 0; i < WARMUP; i++) await expectOk(sandbox, CODE);
  return timeEach(ITERATIONS.exec, async () => {
    const out = await expectOk(sandbox, CODE);
    if (out !== '1\n') throw new Error(`unexpected output ${JSON.stringify(out)}`);
  });
}

/** Timed inside Python: the round trip a model's code sees for one no-op host call. */
async function measureHostCall(sandbox: Sandbox): Promise<number> {
  sandbox.setHostCallHandler(() => Promise.resolve(null));
  const out = await expectOk(
    sandbox,
    [
      'import time, statistics',
      `for _ in range(${WARMUP}): __rlm_host__.call("noop")`,
      'samples = []',
      `for _ in range(${ITERATIONS.hostCall}):`,
      '    start = time.perf_counter()',
      '    __rlm_host__.call("noop")',
      '    samples.append((time.perf_counter() - start) * 1000)',
      'print(statistics.median(samples))',
    ].join('\n'),
  );
  return Number(out.trim());
}

async function measureContext(sandbox: Sandbox): Promise<number[]> {
  const line = 'x'.repeat(99) + '\n';
  const text = line.repeat(CONTEXT_BYTES / line.length);
  return timeEach(ITERATIONS.context, async () => {
    await sandbox.createNamespace('big', { kind: 'text', text });
    const length = await sandbox.exec('print(len(context))', { namespace: 'big' });
    if (length.stdout.text.trim() !== String(text.length))
      throw new Error(`context length ${length.stdout.text}`);
    await sandbox.dropNamespace('big');
  }).then((samples) => samples.map((ms) => ms / 1000));
}

async function measureStartup(runtime: ContainerRuntime, times: number): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < times; i++) {
    const start = performance.now();
    const sandbox = createSandbox(options(runtime));
    await expectOk(sandbox, CODE);
    samples.push(performance.now() - start);
    await sandbox.close();
  }
  return samples;
}

/** A running container of the same image and hardening, for the `docker exec` baselines. */
async function withRunningContainer<T>(action: (container: Docker.Container) => Promise<T>): Promise<T> {
  const launcher = new DockerLauncher(options().docker);
  try {
    await launcher.launch('import sys\nsys.stdin.read()');
    const [info] = await docker.listContainers({ filters: { label: [`${RUN_ID_LABEL}=${launcher.runId}`] } });
    if (info === undefined) throw new Error('baseline container did not start');
    return await action(docker.getContainer(info.Id));
  } finally {
    await launcher.dispose();
  }
}

async function apiExec(container: Docker.Container): Promise<void> {
  const exec = await container.exec({ Cmd: ['python3', '-c', CODE], AttachStdout: true, AttachStderr: true });
  const stream = (await exec.start({ hijack: true, stdin: false })) as Duplex;
  let bytes = 0;
  stream.on('data', (chunk: Buffer) => (bytes += chunk.length));
  await new Promise<void>((resolve, reject) => {
    stream.once('end', resolve);
    stream.once('close', resolve);
    stream.once('error', reject);
  });
  if (bytes === 0) throw new Error('docker exec produced no output');
}

async function cliExec(container: Docker.Container): Promise<void> {
  const { stdout } = await run('docker', ['exec', container.id, 'python3', '-c', CODE]);
  if (stdout !== '1\n') throw new Error(`docker exec printed ${JSON.stringify(stdout)}`);
}

async function cliRun(): Promise<void> {
  const { stdout } = await run('docker', ['run', '--rm', '--network', 'none', IMAGE, 'python3', '-c', CODE]);
  if (stdout !== '1\n') throw new Error(`docker run printed ${JSON.stringify(stdout)}`);
}

function format(value: number, digits = 2): string {
  return value.toFixed(digits);
}

interface RuntimeFigures {
  execMs: number;
  hostCallMs: number;
  contextS: number;
  startupMs: number;
}

/** The sandbox's own measures under one runtime, with the same image and hardening. */
async function measureRuntime(runtime: ContainerRuntime, startups: number): Promise<RuntimeFigures> {
  const sandbox = createSandbox(options(runtime));
  let execMs: number[];
  let hostCallMs: number;
  let contextS: number[];
  try {
    await sandbox.start();
    progress(`${runtime}: warm exec × ${ITERATIONS.exec}`);
    execMs = await measureWarmExec(sandbox);
    progress(`${runtime}: host call × ${ITERATIONS.hostCall}`);
    hostCallMs = await measureHostCall(sandbox);
    progress(`${runtime}: 100 MB context × ${ITERATIONS.context}`);
    contextS = await measureContext(sandbox);
  } finally {
    await sandbox.close();
  }
  progress(`${runtime}: startup × ${startups}`);
  const startupMs = await measureStartup(runtime, startups);
  return {
    execMs: median(execMs),
    hostCallMs,
    contextS: median(contextS),
    startupMs: median(startupMs),
  };
}

async function main(): Promise<void> {
  progress(`image ${IMAGE}${quick ? ' (BENCH_QUICK: short run)' : ''}`);
  const runc = await measureRuntime('runc', ITERATIONS.startup);
  const runsc = await measureRuntime('runsc', ITERATIONS.runscStartup);
  progress(`docker exec (API) × ${ITERATIONS.dockerExec}, docker exec (CLI) × ${ITERATIONS.dockerExecCli}`);
  const [dockerExecMs, dockerExecCliMs] = await withRunningContainer(async (container) => {
    for (let i = 0; i < 3; i++) await apiExec(container);
    const api = await timeEach(ITERATIONS.dockerExec, () => apiExec(container));
    const cli = await timeEach(ITERATIONS.dockerExecCli, () => cliExec(container));
    return [api, cli] as const;
  });
  progress(`docker run --rm × ${ITERATIONS.dockerRun}`);
  await cliRun();
  const dockerRunMs = await timeEach(ITERATIONS.dockerRun, cliRun);

  const exec = runc.execMs;
  const result = {
    exec_p50_ms: Number(format(exec, 3)),
    docker_exec_p50_ms: Number(format(median(dockerExecMs))),
    docker_run_p50_ms: Number(format(median(dockerRunMs))),
    host_call_p50_ms: Number(format(runc.hostCallMs, 3)),
    startup_p50_ms: Number(format(runc.startupMs)),
    context_100mb_s: Number(format(runc.contextS, 3)),
    runsc_exec_p50_ms: Number(format(runsc.execMs, 3)),
    runsc_host_call_p50_ms: Number(format(runsc.hostCallMs, 3)),
    runsc_startup_p50_ms: Number(format(runsc.startupMs)),
    runsc_context_100mb_s: Number(format(runsc.contextS, 3)),
  };
  const ms = (value: number, digits = 2): string => `${format(value, digits)} ms`;
  const rows: Array<[string, string, string, string, string]> = [
    ['exec print(1), warm sandbox', `${ITERATIONS.exec}`, ms(exec, 3), ms(runsc.execMs, 3), '≤ 1 / 3 ms'],
    [
      'host call (no-op), from Python',
      `${ITERATIONS.hostCall}`,
      ms(runc.hostCallMs, 3),
      ms(runsc.hostCallMs, 3),
      '≤ 1 ms',
    ],
    [
      'startup: container start → first result',
      `${ITERATIONS.startup}/${ITERATIONS.runscStartup}`,
      ms(runc.startupMs),
      ms(runsc.startupMs),
      '≤ 1 / 3 s',
    ],
    [
      '100 MB context as a variable',
      `${ITERATIONS.context}`,
      `${format(runc.contextS, 3)} s`,
      `${format(runsc.contextS, 3)} s`,
      '≤ 1 s',
    ],
    ['docker exec (Engine API), baseline', `${ITERATIONS.dockerExec}`, ms(median(dockerExecMs)), '', ''],
    ['docker exec (CLI), baseline', `${ITERATIONS.dockerExecCli}`, ms(median(dockerExecCliMs)), '', ''],
    ['docker run --rm (CLI), baseline', `${ITERATIONS.dockerRun}`, ms(median(dockerRunMs)), '', ''],
    ['ratio docker exec (API) / exec', '', `${format(median(dockerExecMs) / exec, 1)}×`, '', '≥ 15×'],
    ['ratio docker exec (CLI) / exec', '', `${format(median(dockerExecCliMs) / exec, 1)}×`, '', ''],
    ['ratio docker run / exec', '', `${format(median(dockerRunMs) / exec, 1)}×`, '', '≥ 50×'],
    ['ratio runsc / runc exec', '', `${format(runsc.execMs / exec, 1)}×`, '', ''],
  ];
  const width = Math.max(...rows.map(([name]) => name.length));
  console.log(
    `| ${'measure'.padEnd(width)} | runs    | runc         | runsc        | target (runc / runsc) |`,
  );
  console.log(`| ${'-'.repeat(width)} | ------- | ------------ | ------------ | --------------------- |`);
  for (const [name, runs, runcValue, runscValue, target] of rows) {
    console.log(
      `| ${name.padEnd(width)} | ${runs.padStart(7)} | ${runcValue.padStart(12)} | ${runscValue.padStart(12)} | ${target.padEnd(21)} |`,
    );
  }
  console.log(JSON.stringify(result));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
