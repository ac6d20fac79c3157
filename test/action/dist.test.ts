/**
 * The bundled action (scripts/bundle.mjs of the current sources) run as a process, exactly as the runner
 * runs it: INPUT_* variables, event file, GITHUB_OUTPUT / GITHUB_STEP_SUMMARY, GitHub REST replaced by the
 * local stand-in through GITHUB_API_URL, the scripted model, and model code in a real Docker sandbox.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { jest } from '@jest/globals';
import Docker from 'dockerode';
import { JOB_LABEL } from '../../src/action/cleanup/job-label.js';
import { commandMarker } from '../../src/action/github/markers.js';
import { SANDBOX_LABEL } from '../../src/sandbox/options.js';
import { TEST_IMAGE } from '../support/docker-image.js';
import { FakeArtifactService, runtimeToken } from '../support/github-api/artifact-service.js';
import { startFakeProvider } from '../support/fake-provider/server.js';
import { FakeGitHub } from '../support/github-api/server.js';
import { startSniparaStandIn } from '../support/mcp/snipara-stand-in.js';
import { bundleAction, finishStep, startStep, stepFiles, type StepFiles } from './support/dist-runner.js';
import { commentPayload, labeledPayload } from './support/payloads.js';

jest.setTimeout(240_000);

const BASE = '/repos/Codertocat/Hello-World';
const TOKEN = 'ghs_DISTTESTTOKEN0123456789abcdefABCDEF';
const API_KEY = 'sk-ant-api03-DISTTESTKEY-0123456789abcdefghij';
const KEY_SHA = createHash('sha256').update(API_KEY).digest('hex');
const TOKEN_SHA = createHash('sha256').update(TOKEN).digest('hex');

const DIFF = 'diff --git a/app.py b/app.py\n+import os\n+print(1)\n-print(0)\n';

/** Root replies: inspect the diff in the sandbox, prove no secret is in its environment, answer. */
const SCRIPT = `responses:
  - |
    Let me look at the context and at the sandbox's environment.
    \`\`\`repl
    import hashlib, os
    added = [line for line in context.splitlines() if line.startswith("+") and not line.startswith("+++")]
    digests = {hashlib.sha256(v.encode()).hexdigest() for v in os.environ.values()}
    print("SECRET_IN_SANDBOX", "${KEY_SHA}" in digests or "${TOKEN_SHA}" in digests)
    print("ADDED", len(added))
    \`\`\`
  - |
    \`\`\`repl
    answer["content"] = f"The diff adds {len(added)} lines."
    answer["ready"] = True
    \`\`\`
`;

const SLEEP_SCRIPT = `responses:
  - |
    \`\`\`repl
    import time
    print("sleeping", flush=True)
    time.sleep(600)
    \`\`\`
  - |
    FINAL(never)
`;

let bundle: string;
const docker = new Docker();
const cleanups: string[] = [];

beforeAll(async () => {
  bundle = await bundleAction();
  cleanups.push(bundle);
});

afterAll(async () => {
  for (const dir of cleanups) await rm(dir, { recursive: true, force: true });
});

async function newStep(script: string): Promise<StepFiles> {
  const files = await stepFiles();
  cleanups.push(files.dir);
  await writeFile(join(files.workspace, 'script.yaml'), script);
  return files;
}

function commonInputs(): Record<string, string> {
  return {
    backend: 'scripted',
    script: 'script.yaml',
    image: TEST_IMAGE,
    'github-token': TOKEN,
    'anthropic-api-key': API_KEY,
    'upload-artifact': 'false',
    timeout: '120',
    trigger: '/rlm run',
    comment: 'true',
  };
}

async function artifactText(files: StepFiles): Promise<string> {
  const entries = await readdir(files.runnerTemp);
  const dir = entries.find((name) => name.startsWith('rlm-artifact-'));
  if (!dir) throw new Error(`no artifact directory in ${files.runnerTemp}: ${entries.join(', ')}`);
  const names = (await readdir(join(files.runnerTemp, dir))).sort();
  expect(names).toEqual(['trajectory.html', 'trajectory.jsonl', 'trajectory.md']);
  const texts = await Promise.all(names.map((name) => readFile(join(files.runnerTemp, dir, name), 'utf8')));
  return texts.join('\n');
}

async function containersOf(jobLabel: string): Promise<Docker.ContainerInfo[]> {
  return docker.listContainers({
    all: true,
    filters: { label: [SANDBOX_LABEL, `${JOB_LABEL}=${jobLabel}`] },
  });
}

describe('dist/index.js on a /rlm run comment (issue_comment on a pull request)', () => {
  it('reacts, checks permission, posts ONE comment and edits it, writes outputs and summary, leaks no secret', async () => {
    const github = new FakeGitHub({
      owner: 'Codertocat',
      repo: 'Hello-World',
      collaborators: { Codertocat: { permission: 'admin', role_name: 'admin' } },
      pullRequests: [
        {
          number: 1,
          headRepo: 'Codertocat/Hello-World',
          baseRepo: 'Codertocat/Hello-World',
          headSha: 'a',
          diff: DIFF,
        },
      ],
      files: { '.github/rlm.yml@master': 'max_iterations: 5\n' },
    });
    const apiUrl = await github.start();
    const artifactService = new FakeArtifactService();
    await artifactService.start();
    try {
      const files = await newStep(SCRIPT);
      const payload = commentPayload('issue_comment', 'created', {
        body: '/rlm run count the added lines',
        onPullRequest: true,
      });
      const child = await startStep({
        bundle,
        files,
        eventName: 'issue_comment',
        payload,
        inputs: { ...commonInputs(), 'upload-artifact': 'true', 'artifact-name': 'trajectory-of-comment' },
        apiUrl,
        extraEnv: {
          GITHUB_JOB: 'comment-test',
          ACTIONS_RUNTIME_TOKEN: runtimeToken(),
          ACTIONS_RESULTS_URL: `${artifactService.url}/`,
        },
      });
      const result = await finishStep(child, files);
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);

      expect(github.calls()).toEqual([
        `GET ${BASE}/collaborators/Codertocat/permission`,
        `POST ${BASE}/issues/comments/492700400/reactions`,
        `GET ${BASE}/issues/1/comments`,
        `POST ${BASE}/issues/1/comments`,
        `GET ${BASE}/pulls/1`,
        `GET ${BASE}/pulls/1`,
        `GET ${BASE}/contents/.github/rlm.yml`,
        ...github
          .calls()
          .slice(7, -1)
          .map(() => `PATCH ${BASE}/issues/comments/9000001`),
        `PATCH ${BASE}/issues/comments/9000001`,
      ]);
      expect(github.reactions).toEqual([{ kind: 'issue', commentId: 492700400, content: 'eyes' }]);
      const comments = github.issueComments.get(1) ?? [];
      expect(comments).toHaveLength(1);
      const body = comments[0]?.body ?? '';
      expect(body).toContain(commandMarker(492700400));
      expect(body).toContain('The diff adds 2 lines.');
      expect(body).toContain('✅ **Succeeded**');
      expect(body).toContain('| iterations | 2 |');
      expect(body).toContain('https://github.com/Codertocat/Hello-World/actions/runs/4242');

      expect(result.outputs.response).toBe('The diff adds 2 lines.');
      expect(result.outputs.success).toBe('true');
      expect(result.outputs['trajectory-id']).toMatch(/\S/);
      expect(result.outputs['trajectory-path']).toContain(join(files.runnerTemp, 'rlm-logs'));
      expect(result.outputs['comment-url']).toBe(comments[0]?.html_url);
      expect(Object.keys(result.outputs).sort()).toEqual([
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
      expect(result.summary).toContain('The diff adds 2 lines.');
      expect(result.summary).toContain('Call tree');

      // Keys are masked in the log, and the sandbox never saw them.
      expect(result.stdout).toContain(`::add-mask::${API_KEY}`);
      expect(result.stdout).toContain(`::add-mask::${TOKEN}`);
      expect(result.stdout).toContain('::group::code block 1');
      const artifact = await artifactText(files);
      expect(artifact).toContain('SECRET_IN_SANDBOX False');
      // Uploaded through @actions/artifact to the artifact service stand-in, and linked.
      expect(artifactService.artifacts.map((a) => a.name)).toEqual(['trajectory-of-comment']);
      const artifactUrl = 'https://github.com/Codertocat/Hello-World/actions/runs/4242/artifacts/1001';
      expect(result.outputs['artifact-url']).toBe(artifactUrl);
      expect(body).toContain(artifactUrl);
      expect(artifactService.artifacts[0]?.zip.includes(Buffer.from(API_KEY))).toBe(false);
      const trajectoryFile = await readFile(result.outputs['trajectory-path'] ?? '', 'utf8');
      for (const text of [
        JSON.stringify(github.requests.map((r) => r.body)),
        JSON.stringify(result.outputs),
        result.summary,
        artifact,
        trajectoryFile,
      ]) {
        expect(text).not.toContain(API_KEY);
        expect(text).not.toContain(TOKEN);
      }
      // The sandbox container was removed with the run; its cleanup id was saved for the post step.
      const cleanupId = result.state['cleanup-id'] ?? '';
      expect(cleanupId).toMatch(/^4242-1-comment-test-[0-9a-f-]{12}$/);
      expect(await containersOf(cleanupId)).toEqual([]);
    } finally {
      await artifactService.stop();
      await github.stop();
    }
  });

  it('an outsider gets one reply and the step succeeds without running anything', async () => {
    const github = new FakeGitHub({ owner: 'Codertocat', repo: 'Hello-World' });
    const apiUrl = await github.start();
    try {
      const files = await newStep(SCRIPT);
      const payload = commentPayload('issue_comment', 'created', { body: '/rlm run go', login: 'stranger' });
      const child = await startStep({
        bundle,
        files,
        eventName: 'issue_comment',
        payload,
        inputs: commonInputs(),
        apiUrl,
      });
      const result = await finishStep(child, files);
      expect(result.code).toBe(0);
      expect(github.calls()).toEqual([
        `GET ${BASE}/collaborators/stranger/permission`,
        `GET ${BASE}/issues/1/comments`,
        `POST ${BASE}/issues/1/comments`,
      ]);
      expect(result.outputs).toEqual({});
      expect(await readdir(files.runnerTemp)).toEqual([]);
    } finally {
      await github.stop();
    }
  });
});

describe('dist/index.js misconfigured', () => {
  it('fails the step with the fix, before any request, when github-token is empty', async () => {
    const github = new FakeGitHub({ owner: 'Codertocat', repo: 'Hello-World' });
    const apiUrl = await github.start();
    try {
      const files = await newStep(SCRIPT);
      const inputs = { ...commonInputs(), 'github-token': '', task: 'go' };
      const child = await startStep({
        bundle,
        files,
        eventName: 'workflow_dispatch',
        payload: {},
        inputs,
        apiUrl,
      });
      const result = await finishStep(child, files);
      expect(result.code).toBe(1);
      expect(result.stdout).toContain('::error::input `github-token` is empty');
      expect(github.requests).toEqual([]);
    } finally {
      await github.stop();
    }
  });
});

describe('dist/index.js: what the outside check found broken (issue 11)', () => {
  it('a 500 from the permission API fails the step saying what was being done and the fix, after retries', async () => {
    const github = new FakeGitHub({ owner: 'Codertocat', repo: 'Hello-World' });
    github.fail({ method: 'GET', path: /\/permission$/, status: 500, message: 'Server Error' });
    const apiUrl = await github.start();
    try {
      const files = await newStep(SCRIPT);
      const payload = commentPayload('issue_comment', 'created', { body: '/rlm run go' });
      const child = await startStep({
        bundle,
        files,
        eventName: 'issue_comment',
        payload,
        inputs: commonInputs(),
        apiUrl,
      });
      const result = await finishStep(child, files);
      expect(result.code).toBe(1);
      expect(result.stdout).toContain(
        '::error::GitHub API: checking the repository permission of @Codertocat failed: 500 Server Error%0AFix: GitHub had a server error and the retries did not help',
      );
      // The first try and three retries.
      expect(github.calls()).toEqual(Array(4).fill(`GET ${BASE}/collaborators/Codertocat/permission`));
    } finally {
      await github.stop();
    }
  });

  it('on GitHub Enterprise Server with `context: .` the run succeeds and says where the trajectory is', async () => {
    const github = new FakeGitHub({ owner: 'Codertocat', repo: 'Hello-World', defaultBranch: 'main' });
    const apiUrl = await github.start();
    try {
      const script = `responses:
  - |
    \`\`\`repl
    answer["content"] = "files: " + ",".join(sorted(context))
    answer["ready"] = True
    \`\`\`
`;
      const files = await newStep(script);
      await writeFile(join(files.workspace, 'app.log'), 'ERROR one\n');
      const inputs = { ...commonInputs(), task: 'list', context: '.', 'upload-artifact': 'true' };
      const child = await startStep({
        bundle,
        files,
        eventName: 'workflow_dispatch',
        payload: {},
        inputs,
        apiUrl,
        extraEnv: { GITHUB_SERVER_URL: 'https://ghes.example.com' },
      });
      const result = await finishStep(child, files);
      if (result.code !== 0) throw new Error(`the step failed:\n${result.stdout}\n${result.stderr}`);
      expect(result.outputs.response).toBe('files: app.log,script.yaml');
      const warnings = result.stdout.split('\n').filter((line) => line.startsWith('::warning::'));
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toContain('GitHub Enterprise Server: the trajectory artifact is not uploaded');
      expect(result.summary).toContain(`${files.runnerTemp}/rlm-artifact-`);
      expect(result.outputs['artifact-url']).toBe('');
    } finally {
      await github.stop();
    }
  });
});

describe('dist/index.js: budgets, labels and structured output (issue 11)', () => {
  it('a PR labelled with the trigger whose budget is spent gets one refusal and runs nothing', async () => {
    const spent = `${commandMarker(7)}\ndone\n\n<!-- rlm-runtime-action:spent {"usd":0.6,"runs":2} -->`;
    const github = new FakeGitHub({
      owner: 'Codertocat',
      repo: 'Hello-World',
      collaborators: { Codertocat: { permission: 'admin', role_name: 'admin' } },
      issueComments: {
        2: [
          {
            id: 77,
            body: spent,
            html_url: 'https://github.com/Codertocat/Hello-World/pull/2#issuecomment-77',
            user: { login: 'github-actions[bot]', type: 'Bot' },
          },
        ],
      },
    });
    const apiUrl = await github.start();
    try {
      const files = await newStep(SCRIPT);
      const child = await startStep({
        bundle,
        files,
        eventName: 'pull_request',
        payload: labeledPayload('pull_request', { label: 'rlm' }),
        inputs: { ...commonInputs(), 'label-trigger': 'rlm', 'max-cost-per-pr-usd': '0.5' },
        apiUrl,
      });
      const result = await finishStep(child, files);
      expect(result.code).toBe(0);
      expect(github.calls()).toEqual([
        `GET ${BASE}/collaborators/Codertocat/permission`,
        `GET ${BASE}/issues/2/comments`,
        `GET ${BASE}/pulls/2/comments`,
        `GET ${BASE}/issues/2/comments`,
        `POST ${BASE}/issues/2/comments`,
      ]);
      const reply = github.issueComments.get(2)?.at(-1)?.body ?? '';
      expect(reply).toContain('Pull request #2 has spent $0.60 of its $0.50 budget');
      expect(result.stdout).toContain('::warning::Pull request #2 has spent $0.60');
      expect(result.outputs.success).toBe('false');
      expect(await readdir(files.runnerTemp)).toEqual([]);
    } finally {
      await github.stop();
    }
  });

  it('output-schema: the answer is validated and set as the structured-output output', async () => {
    const github = new FakeGitHub({ owner: 'Codertocat', repo: 'Hello-World', defaultBranch: 'main' });
    const apiUrl = await github.start();
    try {
      const script = `responses:
  - |
    \`\`\`repl
    import json
    answer["content"] = json.dumps({"critical": 0, "notes": ["ok"]})
    answer["ready"] = True
    \`\`\`
`;
      const files = await newStep(script);
      const schema = JSON.stringify({
        type: 'object',
        properties: { critical: { type: 'integer' }, notes: { type: 'array' } },
        required: ['critical'],
      });
      const child = await startStep({
        bundle,
        files,
        eventName: 'workflow_dispatch',
        payload: {},
        inputs: { ...commonInputs(), task: 'audit', 'output-schema': schema },
        apiUrl,
      });
      const result = await finishStep(child, files);
      if (result.code !== 0) throw new Error(`the step failed:\n${result.stdout}\n${result.stderr}`);
      expect(JSON.parse(result.outputs['structured-output'] ?? '')).toEqual({ critical: 0, notes: ['ok'] });
      expect(result.summary).toContain('Valid against `output-schema`');
    } finally {
      await github.stop();
    }
  });
});

describe('dist/index.js on schedule', () => {
  it('creates the audit issue once, then updates it', async () => {
    const github = new FakeGitHub({ owner: 'Codertocat', repo: 'Hello-World', defaultBranch: 'main' });
    const apiUrl = await github.start();
    try {
      const context = 'ERROR one\nok\nERROR two\n';
      const script = `responses:
  - |
    \`\`\`repl
    answer["content"] = f"{context['app.log'].count('ERROR')} errors"
    answer["ready"] = True
    \`\`\`
`;
      for (const round of [1, 2]) {
        const files = await newStep(script);
        await writeFile(join(files.workspace, 'app.log'), context);
        const inputs = {
          ...commonInputs(),
          task: 'count errors',
          context: 'app.log',
          'audit-issue-title': 'Nightly audit',
        };
        const child = await startStep({
          bundle,
          files,
          eventName: 'schedule',
          payload: { schedule: '0 3 * * *' },
          inputs,
          apiUrl,
          // The audit issue is keyed by workflow and job, which stay the same from one scheduled run to the next.
          extraEnv: { GITHUB_WORKFLOW: 'nightly', GITHUB_JOB: 'audit' },
        });
        const result = await finishStep(child, files);
        if (result.code !== 0) throw new Error(`the step failed:\n${result.stdout}\n${result.stderr}`);
        expect(result.outputs.response).toBe('2 errors');
        expect(result.outputs['comment-url']).toBe('https://github.com/Codertocat/Hello-World/issues/1');
        expect(github.calls()).toEqual([
          `GET ${BASE}`,
          `GET ${BASE}/contents/.github/rlm.yml`,
          `GET ${BASE}/issues`,
          round === 1 ? `POST ${BASE}/issues` : `PATCH ${BASE}/issues/1`,
        ]);
        github.requests.length = 0;
      }
      expect(github.issues).toHaveLength(1);
      expect(github.issues[0]?.title).toBe('Nightly audit');
      expect(github.issues[0]?.body).toContain('2 errors');
    } finally {
      await github.stop();
    }
  });
});

describe('cancellation', () => {
  it('SIGINT mid-run stops the engine, leaves no container and keeps the trajectory on disk', async () => {
    const github = new FakeGitHub({
      owner: 'Codertocat',
      repo: 'Hello-World',
      collaborators: { Codertocat: { permission: 'admin', role_name: 'admin' } },
    });
    const apiUrl = await github.start();
    try {
      const files = await newStep(SLEEP_SCRIPT);
      const payload = commentPayload('issue_comment', 'created', { body: '/rlm run sleep' });
      const child = await startStep({
        bundle,
        files,
        eventName: 'issue_comment',
        payload,
        inputs: commonInputs(),
        apiUrl,
      });
      const done = finishStep(child, files);
      // Wait until the sandbox container exists and the long execution has started (the trajectory journal
      // records the model call that carries the code).
      let running: Docker.ContainerInfo[] = [];
      for (;;) {
        running = await docker.listContainers({ all: true, filters: { label: [SANDBOX_LABEL, JOB_LABEL] } });
        const mine = running.filter((c) => c.Labels[JOB_LABEL]?.startsWith('4242-1-job-'));
        const journalDir = join(files.runnerTemp, 'rlm-logs', '.journal');
        const journals = await readdir(journalDir).catch(() => [] as string[]);
        const journaled = await Promise.all(
          journals.map((name) => readFile(join(journalDir, name), 'utf8').catch(() => '')),
        );
        if (mine.length > 0 && journaled.some((text) => text.includes('time.sleep(600)'))) {
          running = mine;
          break;
        }
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      child.kill('SIGINT');
      const result = await done;
      expect(result.code).toBe(1);
      expect(result.stdout).toContain('Received SIGINT');
      // No container of this job is left.
      const label = running[0]?.Labels[JOB_LABEL] ?? '';
      expect(label).not.toBe('');
      expect(await containersOf(label)).toEqual([]);
      // The trajectory is on disk, and the one comment says the run was cancelled.
      const logs = await readdir(join(files.runnerTemp, 'rlm-logs'));
      const trajectoryFiles = logs.filter((name) => name.endsWith('.jsonl'));
      expect(trajectoryFiles).toHaveLength(1);
      const trajectory = await readFile(join(files.runnerTemp, 'rlm-logs', trajectoryFiles[0] ?? ''), 'utf8');
      expect(trajectory).toContain('time.sleep(600)');
      expect(trajectory).toContain('cancelled');
      const comments = github.issueComments.get(1) ?? [];
      expect(comments).toHaveLength(1);
      expect(comments[0]?.body).toContain('⏹️ **Cancelled**');
    } finally {
      await github.stop();
    }
  });
});

describe('dist/post.js', () => {
  it('without a reachable Docker Engine it warns and still succeeds (nothing to clean)', async () => {
    const child = spawn(process.execPath, [join(bundle, 'post.js')], {
      env: {
        PATH: process.env.PATH ?? '',
        DOCKER_HOST: 'unix:///nonexistent/docker.sock',
        GITHUB_RUN_ID: '1',
        'STATE_cleanup-id': '1-1-job-0123456789ab',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code).toBe(0);
    expect(stdout).toContain('::warning::Could not check for leftover sandbox containers');
  });

  /** Runs dist/post.js with what the runner gives it: the main step's saved state as STATE_<name>. */
  async function runPost(state: Record<string, string>) {
    const env: Record<string, string> = {
      PATH: process.env.PATH ?? '',
      GITHUB_RUN_ID: '4242',
      GITHUB_RUN_ATTEMPT: '1',
      GITHUB_JOB: 'matrix-test',
      ...(process.env.DOCKER_HOST ? { DOCKER_HOST: process.env.DOCKER_HOST } : {}),
    };
    for (const [name, value] of Object.entries(state)) env[`STATE_${name}`] = value;
    const child = spawn(process.execPath, [join(bundle, 'post.js')], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    return { code, stdout };
  }

  it("removes its own step's leftover container and leaves a matrix sibling's live one alone", async () => {
    const create = async (cleanupId: string) => {
      const container = await docker.createContainer({
        Image: TEST_IMAGE,
        Cmd: ['sleep', '300'],
        Labels: { [SANDBOX_LABEL]: 'true', [JOB_LABEL]: cleanupId },
        HostConfig: { NetworkMode: 'none' },
      });
      await container.start();
      return container;
    };
    // Two legs of one matrix job: same run id, attempt and GITHUB_JOB; only the saved id tells them apart.
    const legA = `4242-1-matrix-test-${Date.now().toString(16)}a`;
    const legB = `4242-1-matrix-test-${Date.now().toString(16)}b`;
    const mine = await create(legA);
    const sibling = await create(legB);
    try {
      const { code, stdout } = await runPost({ 'cleanup-id': legA });
      expect(code).toBe(0);
      expect(stdout).toContain(`Removed 1 sandbox container(s) left behind: ${mine.id.slice(0, 12)}`);
      expect(await containersOf(legA)).toEqual([]);
      const left = await containersOf(legB);
      expect(left.map((c) => [c.Id, c.State])).toEqual([[sibling.id, 'running']]);
    } finally {
      await sibling.remove({ force: true });
      await mine.remove({ force: true }).catch(() => undefined);
    }
  });

  it('without a saved cleanup id (the main step never started) it removes nothing', async () => {
    const sibling = await docker.createContainer({
      Image: TEST_IMAGE,
      Cmd: ['sleep', '300'],
      Labels: { [SANDBOX_LABEL]: 'true', [JOB_LABEL]: '4242-1-matrix-test' },
      HostConfig: { NetworkMode: 'none' },
    });
    try {
      const { code, stdout } = await runPost({});
      expect(code).toBe(0);
      expect(stdout).toContain('saved no cleanup id');
      expect((await containersOf('4242-1-matrix-test')).map((c) => c.Id)).toEqual([sibling.id]);
    } finally {
      await sibling.remove({ force: true });
    }
  });
});

describe('dist/index.js with a real provider SDK (Anthropic wire format, local server)', () => {
  it('calls the model host-side with the key, prices the run and keeps the key out of the sandbox', async () => {
    const provider = await startFakeProvider();
    provider.enqueue(
      {
        type: 'reply',
        text: [
          'Checking the sandbox environment.',
          '```repl',
          'import hashlib, os',
          'digests = {hashlib.sha256(v.encode()).hexdigest() for v in os.environ.values()}',
          `print("SECRET_IN_SANDBOX", "${KEY_SHA}" in digests)`,
          '```',
        ].join('\n'),
        usage: { input: 1000, output: 200 },
      },
      { type: 'reply', text: 'FINAL(all clear)', usage: { input: 1500, output: 20 } },
    );
    const github = new FakeGitHub({ owner: 'Codertocat', repo: 'Hello-World', defaultBranch: 'main' });
    const apiUrl = await github.start();
    try {
      const files = await newStep('');
      const inputs = {
        ...commonInputs(),
        backend: 'anthropic',
        script: '',
        model: 'claude-sonnet-4-5',
        'base-url': provider.anthropicBaseUrl,
        task: 'is the sandbox clean?',
      };
      const child = await startStep({
        bundle,
        files,
        eventName: 'workflow_dispatch',
        payload: {},
        inputs,
        apiUrl,
      });
      const result = await finishStep(child, files);
      if (result.code !== 0) throw new Error(`the step failed:\n${result.stdout}\n${result.stderr}`);
      expect(result.outputs.response).toBe('all clear');
      expect(result.outputs.tokens).toBe('2720');
      expect(Number(result.outputs['cost-usd'])).toBeGreaterThan(0);
      // The key travels host-side only, in the request to the provider (this SDK sends it as a bearer token).
      expect(provider.requests.map((r) => [r.api, r.model, r.headers.authorization])).toEqual([
        ['anthropic', 'claude-sonnet-4-5', `Bearer ${API_KEY}`],
        ['anthropic', 'claude-sonnet-4-5', `Bearer ${API_KEY}`],
      ]);
      expect(provider.requests[1]?.lastUserText).toContain('SECRET_IN_SANDBOX False');
      expect(result.summary).toContain('| claude-sonnet-4-5 | 2 | 2,500 | 220 |');
      expect(github.calls()).toEqual([`GET ${BASE}`, `GET ${BASE}/contents/.github/rlm.yml`]);
      const artifact = await artifactText(files);
      expect(artifact).not.toContain(API_KEY);
      expect(result.summary).not.toContain(API_KEY);
    } finally {
      await github.stop();
      await provider.close();
    }
  });
});

describe('the bundle', () => {
  it('ships the licences of the bundled packages in licenses.txt', async () => {
    const text = await readFile(join(bundle, 'licenses.txt'), 'utf8');
    for (const name of ['@actions/core', '@octokit/plugin-retry', 'dockerode', 'yaml', 'ajv']) {
      expect(text).toMatch(new RegExp(`(^|\\n)${name.replace('/', '\\/')} \\d+\\.\\d+\\.\\d+\\n\\S+\\n`));
    }
    expect(text).toContain('Permission is hereby granted');
  });
});

/**
 * With an MCP server from the `mcp-config` input: the SDK client works from dist/index.js, model code in
 * the Docker sandbox calls the Snipara stand-in over Streamable HTTP, and the key it references
 * (`${SNIPARA_API_KEY}` in the step's env) is masked and appears nowhere the step writes.
 */
const MCP_TOKEN = 'ghs_DISTMCPTOKEN0123456789abcdefABCDEF';
const SNIPARA_KEY = 'snp-dist-4c0ffee0a1b2c3d4e5f6';

const MCP_SCRIPT = `responses:
  - |
    \`\`\`repl
    ctx = rlm_context_query(query="rate limiting", max_tokens=2000)
    print(sorted(SHOW_TOOLS()))
    FINAL(ctx["sections"][0]["title"] + ": " + ctx["sections"][0]["content"])
    \`\`\`
`;

describe('dist/index.js with mcp-config', () => {
  it('gives model code the allowed tools of the server, and masks the key the config references', async () => {
    const snipara = await startSniparaStandIn(SNIPARA_KEY);
    const github = new FakeGitHub({ owner: 'Codertocat', repo: 'Hello-World', defaultBranch: 'main' });
    const apiUrl = await github.start();
    const files = await stepFiles();
    try {
      await writeFile(join(files.workspace, 'script.yaml'), MCP_SCRIPT);
      const child = await startStep({
        bundle,
        files,
        eventName: 'workflow_dispatch',
        payload: {},
        inputs: {
          task: 'How do we rate limit?',
          backend: 'scripted',
          script: 'script.yaml',
          image: TEST_IMAGE,
          'github-token': MCP_TOKEN,
          'upload-artifact': 'false',
          'github-tools': 'false',
          'mcp-config': JSON.stringify({
            mcpServers: {
              snipara: {
                url: snipara.url,
                headers: { Authorization: 'Bearer ${SNIPARA_API_KEY}' },
                allowed_tools: ['rlm_context_query', 'rlm_recall'],
              },
            },
          }),
        },
        apiUrl,
        extraEnv: { SNIPARA_API_KEY: SNIPARA_KEY },
      });
      const result = await finishStep(child, files);
      if (result.code !== 0) throw new Error(`the step failed:\n${result.stdout}\n${result.stderr}`);
      expect(result.outputs.response).toBe(
        'Rate limiting: Use Redis with a sliding window; key rate_limit:{user_id}:{window}.',
      );
      expect(result.stdout).toContain(`::add-mask::${SNIPARA_KEY}`);
      expect(new Set(snipara.authorizations)).toEqual(new Set([`Bearer ${SNIPARA_KEY}`]));
      expect(snipara.calls.map((call) => call.tool)).toEqual(['rlm_context_query']);

      const logDir = join(files.runnerTemp, 'rlm-logs');
      const entries = await readdir(logDir, { recursive: true, withFileTypes: true });
      const logs = await Promise.all(
        entries
          .filter((entry) => entry.isFile())
          .map((entry) => readFile(join(entry.parentPath, entry.name), 'utf8')),
      );
      expect(logs.join('')).toContain("['rlm_context_query', 'rlm_recall']");
      const stdoutWithoutMask = result.stdout.replace(`::add-mask::${SNIPARA_KEY}`, '');
      for (const text of [
        stdoutWithoutMask,
        result.stderr,
        result.summary,
        JSON.stringify(result.outputs),
        ...logs,
      ]) {
        expect(text).not.toContain(SNIPARA_KEY);
      }
    } finally {
      await snipara.stop();
      await github.stop();
      await rm(files.dir, { recursive: true, force: true });
    }
  });
});
