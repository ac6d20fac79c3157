/**
 * The trajectory artifact: the files written (names, redaction, the trajectory still valid), and the real
 * @actions/artifact client uploading them to a local stand-in of the Actions artifact service.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { promisify } from 'node:util';
import { ActionsArtifactUploader, prepareArtifactFiles } from '../../src/action/reporting/artifact.js';
import { trajectoryAccess } from '../../src/action/reporting/trajectory-access.js';
import { Redactor } from '../../src/trajectory/redactor.js';
import { validateTrajectory } from '../../src/trajectory/validate.js';
import { FakeArtifactService, runtimeToken } from '../support/github-api/artifact-service.js';
import { fakeResult, fakeTrajectory } from './support/fakes.js';

const exec = promisify(execFile);

const API_KEY = 'sk-ant-api03-ARTIFACTTESTKEY-0123456789abcd';
const TOKEN = 'ghs_ARTIFACTTOKEN0123456789abcdefABCDEF';
/** Never registered: caught by the redactor's token shapes. */
const STRAY_PAT = 'ghp_StrayPersonalAccessToken0123456789';

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rlm-artifact-'));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function prepare() {
  const trajectory = fakeTrajectory(fakeResult(), {
    prompt: `context mentions ${API_KEY}`,
    response: `printing the token ${TOKEN} and ${STRAY_PAT}`,
  });
  // The renderers come with the trajectory module, which load() imports (an unknown id just finds nothing).
  expect(await trajectoryAccess.load(dir, 'no-such-trajectory')).toBeUndefined();
  return prepareArtifactFiles(
    trajectory,
    join(dir, 'artifact'),
    new Redactor([API_KEY, TOKEN]),
    trajectoryAccess,
  );
}

describe('artifact files', () => {
  it('writes the redacted trajectory (still a valid trajectory) and its Markdown and HTML renderings', async () => {
    const prepared = await prepare();
    expect(prepared.files.map((file) => basename(file))).toEqual([
      'trajectory.jsonl',
      'trajectory.md',
      'trajectory.html',
    ]);
    for (const file of prepared.files) {
      const text = await readFile(file, 'utf8');
      expect(text).toContain('[REDACTED]');
      for (const secret of [API_KEY, TOKEN, STRAY_PAT]) expect(text).not.toContain(secret);
    }
    const jsonl = await readFile(prepared.files[0] ?? '', 'utf8');
    expect(jsonl.trimEnd().split('\n')).toHaveLength(1);
    const trajectory: unknown = JSON.parse(jsonl);
    expect(validateTrajectory(trajectory)).toMatchObject({ valid: true });
    expect(await readFile(prepared.files[2] ?? '', 'utf8')).toMatch(/^<!doctype html>/i);
  });
});

describe('ActionsArtifactUploader (@actions/artifact against a local artifact service)', () => {
  const saved = { ...process.env };
  let service: FakeArtifactService;

  beforeEach(async () => {
    service = new FakeArtifactService();
    process.env.ACTIONS_RESULTS_URL = `${await service.start()}/`;
    process.env.ACTIONS_RUNTIME_TOKEN = runtimeToken();
    process.env.GITHUB_SERVER_URL = 'https://github.com';
  });

  afterEach(async () => {
    process.env = { ...saved };
    await service.stop();
  });

  it('uploads the three files as one zip under the artifact name and links to it on the run page', async () => {
    const prepared = await prepare();
    const uploader = new ActionsArtifactUploader('https://github.com/o/r/actions/runs/4242');
    const uploaded = await uploader.upload('rlm-trajectory', prepared.files, prepared.directory);
    expect(uploaded).toEqual({ id: 1001, url: 'https://github.com/o/r/actions/runs/4242/artifacts/1001' });
    expect(service.calls[0]).toBe('POST /twirp/github.actions.results.api.v1.ArtifactService/CreateArtifact');
    expect(service.calls.at(-1)).toBe(
      'POST /twirp/github.actions.results.api.v1.ArtifactService/FinalizeArtifact',
    );
    const artifact = service.artifacts[0];
    expect(artifact?.name).toBe('rlm-trajectory');
    expect(artifact?.hash).toBe(
      `sha256:${createHash('sha256')
        .update(artifact?.zip ?? '')
        .digest('hex')}`,
    );
    const zipPath = join(dir, 'uploaded.zip');
    await writeFile(zipPath, artifact?.zip ?? Buffer.alloc(0));
    const listing = (await exec('unzip', ['-Z1', zipPath])).stdout.trim().split('\n').sort();
    expect(listing).toEqual(['trajectory.html', 'trajectory.jsonl', 'trajectory.md']);
    for (const file of prepared.files) {
      const inZip = (await exec('unzip', ['-p', zipPath, basename(file)], { maxBuffer: 1 << 26 })).stdout;
      expect(inZip).toBe(await readFile(file, 'utf8'));
      expect(inZip).not.toContain(API_KEY);
    }
  });
});
