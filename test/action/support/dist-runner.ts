/**
 * Runs the bundled action the way the GitHub runner does: `node dist/index.js` with inputs as INPUT_<NAME>
 * environment variables (upper-cased, spaces → '_', dashes kept), the event in GITHUB_EVENT_PATH, and
 * GITHUB_OUTPUT / GITHUB_STEP_SUMMARY files the step writes to.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export const REPO_ROOT = resolve(import.meta.dirname, '..', '..', '..');

/** Bundles the current sources (scripts/bundle.mjs) into a fresh directory; returns it. */
export async function bundleAction(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'rlm-dist-'));
  await run(process.execPath, [join(REPO_ROOT, 'scripts', 'bundle.mjs'), dir], {
    cwd: REPO_ROOT,
    maxBuffer: 64 * 1024 * 1024,
  });
  return dir;
}

export function inputEnvName(name: string): string {
  return `INPUT_${name.replace(/ /g, '_').toUpperCase()}`;
}

export interface StepFiles {
  dir: string;
  workspace: string;
  runnerTemp: string;
  outputFile: string;
  summaryFile: string;
  /** GITHUB_STATE: what the main step saves for its post step (core.saveState). */
  stateFile: string;
  eventFile: string;
}

export async function stepFiles(): Promise<StepFiles> {
  const dir = await mkdtemp(join(tmpdir(), 'rlm-step-'));
  const workspace = join(dir, 'workspace');
  const runnerTemp = join(dir, 'runner-temp');
  const { mkdir } = await import('node:fs/promises');
  await mkdir(workspace);
  await mkdir(runnerTemp);
  const outputFile = join(dir, 'output');
  const summaryFile = join(dir, 'summary');
  const stateFile = join(dir, 'state');
  await writeFile(outputFile, '');
  await writeFile(summaryFile, '');
  await writeFile(stateFile, '');
  return {
    dir,
    workspace,
    runnerTemp,
    outputFile,
    summaryFile,
    stateFile,
    eventFile: join(dir, 'event.json'),
  };
}

export interface StepSpec {
  bundle: string;
  files: StepFiles;
  eventName: string;
  payload: unknown;
  inputs: Record<string, string>;
  apiUrl: string;
  extraEnv?: Record<string, string>;
}

export async function startStep(spec: StepSpec): Promise<ChildProcess> {
  await writeFile(spec.files.eventFile, JSON.stringify(spec.payload));
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? spec.files.dir,
    GITHUB_ACTIONS: 'true',
    GITHUB_EVENT_NAME: spec.eventName,
    GITHUB_EVENT_PATH: spec.files.eventFile,
    GITHUB_OUTPUT: spec.files.outputFile,
    GITHUB_STEP_SUMMARY: spec.files.summaryFile,
    GITHUB_STATE: spec.files.stateFile,
    GITHUB_REPOSITORY: 'Codertocat/Hello-World',
    GITHUB_RUN_ID: '4242',
    GITHUB_RUN_ATTEMPT: '1',
    GITHUB_JOB: `job-${Date.now()}-${Math.floor(Math.random() * 1e6)}`,
    GITHUB_WORKFLOW: 'rlm',
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_API_URL: spec.apiUrl,
    GITHUB_WORKSPACE: spec.files.workspace,
    RUNNER_TEMP: spec.files.runnerTemp,
    ...(process.env.DOCKER_HOST ? { DOCKER_HOST: process.env.DOCKER_HOST } : {}),
    ...spec.extraEnv,
  };
  for (const [name, value] of Object.entries(spec.inputs)) env[inputEnvName(name)] = value;
  return spawn(process.execPath, [join(spec.bundle, 'index.js')], {
    cwd: spec.files.workspace,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

export interface StepResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  /** Saved with core.saveState, for the post step (which reads it as STATE_<name>). */
  state: Record<string, string>;
  summary: string;
}

/** GITHUB_OUTPUT as @actions/core writes it: `name<<delimiter\nvalue\ndelimiter`. */
export function parseOutputFile(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const lines = text.split('\n');
  for (let index = 0; index < lines.length; index += 1) {
    const match = /^([^<]+)<<(.+)$/.exec(lines[index] ?? '');
    if (!match) continue;
    const [, name = '', delimiter] = match;
    const value: string[] = [];
    for (index += 1; index < lines.length && lines[index] !== delimiter; index += 1)
      value.push(lines[index] ?? '');
    outputs[name] = value.join('\n');
  }
  return outputs;
}

export async function finishStep(child: ChildProcess, files: StepFiles): Promise<StepResult> {
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolveExit) =>
    child.on('exit', (exitCode, exitSignal) => resolveExit([exitCode, exitSignal])),
  );
  return {
    code,
    signal,
    stdout,
    stderr,
    outputs: parseOutputFile(await readFile(files.outputFile, 'utf8')),
    state: parseOutputFile(await readFile(files.stateFile, 'utf8')),
    summary: await readFile(files.summaryFile, 'utf8'),
  };
}
