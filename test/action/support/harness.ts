/**
 * The action's whole flow in-process, for the tests of test/action: the real Octokit adapter against the
 * local GitHub stand-in (tiny retry waits), a fake engine, recording sink, log and uploader.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseEvent } from '../../../src/action/triggers/event.js';
import { readInputs, secretValues } from '../../../src/action/run/inputs.js';
import { runAction, type ActionOutcome, type RunContext } from '../../../src/action/run/run-action.js';
import type { RLMResult } from '../../../src/rlm-options.js';
import { Redactor } from '../../../src/trajectory/redactor.js';
import { FakeGitHub, type FakeGitHubOptions } from '../../support/github-api/server.js';
import {
  FakeEngine,
  ManualClock,
  RecordingLog,
  RecordingSink,
  RecordingUploader,
  fakeResult,
  fakeTrajectory,
  trajectoryAccessFor,
} from './fakes.js';
import { testGitHub } from './rest.js';

export const REPO = 'Codertocat/Hello-World';
export const BASE = `/repos/${REPO}`;
export const TOKEN = 'ghs_0123456789abcdefghijABCDEFGHIJ012345';
export const API_KEY = 'sk-ant-api03-THISISAFAKEKEYFORTESTS0123456789';

export const COLLABORATORS = {
  Codertocat: { permission: 'admin', role_name: 'admin' },
  reader: { permission: 'read', role_name: 'read' },
};

/** A fresh workspace and runner temp directory per test (call in the test file's top level). */
export function useDirectories(): { readonly workspace: string; readonly runnerTemp: string } {
  const dirs = { workspace: '', runnerTemp: '' };
  beforeEach(async () => {
    dirs.workspace = await mkdtemp(join(tmpdir(), 'rlm-ws-'));
    dirs.runnerTemp = await mkdtemp(join(tmpdir(), 'rlm-temp-'));
  });
  afterEach(async () => {
    await rm(dirs.workspace, { recursive: true, force: true });
    await rm(dirs.runnerTemp, { recursive: true, force: true });
  });
  return dirs;
}

export interface Scenario {
  eventName: string;
  payload: unknown;
  inputs?: Record<string, string>;
  github?: Partial<FakeGitHubOptions>;
  result?: RLMResult;
  engine?: FakeEngine;
  clock?: ManualClock;
  fake?: FakeGitHub;
  env?: Record<string, string>;
  run?: Partial<RunContext>;
}

export async function runScenario(
  dirs: { readonly workspace: string; readonly runnerTemp: string },
  scenario: Scenario,
) {
  const { workspace, runnerTemp } = dirs;
  const fake =
    scenario.fake ??
    new FakeGitHub({
      owner: 'Codertocat',
      repo: 'Hello-World',
      collaborators: COLLABORATORS,
      ...scenario.github,
    });
  if (!fake.url) await fake.start();
  const values: Record<string, string> = {
    backend: 'scripted',
    script: 'script.yaml',
    'github-token': TOKEN,
    'anthropic-api-key': API_KEY,
    'progress-interval': '15',
    ...scenario.inputs,
  };
  const inputs = readInputs((name) => values[name] ?? '');
  const secrets = secretValues(inputs);
  const result = scenario.result ?? fakeResult();
  const engine = scenario.engine ?? new FakeEngine(result);
  const sink = new RecordingSink();
  const log = new RecordingLog();
  const uploader = new RecordingUploader();
  try {
    const outcome: ActionOutcome = await runAction({
      inputs,
      event: parseEvent(scenario.eventName, scenario.payload, REPO),
      run: {
        workspace,
        runnerTemp,
        env: scenario.env ?? {},
        containerLabels: { 'dev.rlm-runtime.github-job': '1-1-test' },
        serverUrl: 'https://github.com',
        runId: '4242',
        jobKey: 'audit/job',
        ...scenario.run,
      },
      github: testGitHub(fake.url),
      engine,
      uploader,
      trajectories: trajectoryAccessFor(fakeTrajectory(result, { response: `leaked ${API_KEY}` })),
      log,
      sink,
      redactor: new Redactor(secrets),
      secrets,
      signal: new AbortController().signal,
      ...(scenario.clock ? { clock: scenario.clock } : {}),
    });
    return { outcome, fake, sink, log, engine, uploader };
  } finally {
    if (!scenario.fake) await fake.stop();
  }
}
