/**
 * The engine's lifecycle with in-test fakes for the ports: the sandbox starts
 * while the first model call is in flight, and it is closed on every exit path.
 */
import { runEngine } from '../../src/core/engine.js';
import type { EnginePorts } from '../../src/core/run-context.js';
import { runSettings } from '../../src/core/settings.js';
import { ToolRegistry } from '../../src/core/tool-registry.js';
import { DockerError, ModelApiError } from '../../src/errors.js';
import type { CompletionRequest, CompletionResult, ModelClient } from '../../src/models/types.js';
import type { RunEvent } from '../../src/rlm-options.js';
import type { ExecResult, Sandbox } from '../../src/sandbox/types.js';
import type { TrajectoryOutcome, TrajectorySink } from '../../src/trajectory/types.js';

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve = () => {};
  const promise = new Promise<void>((done) => (resolve = done));
  return { promise, resolve };
}

const okExec = (answer?: string): ExecResult => ({
  status: 'ok',
  stdout: { text: '', totalBytes: 0, truncatedBytes: 0 },
  stderr: { text: '', totalBytes: 0, truncatedBytes: 0 },
  stateLost: false,
  durationMs: 1,
  ...(answer === undefined ? {} : { answer: { content: answer, ready: true } }),
});

class FakeSandbox implements Sandbox {
  readonly kind = 'docker' as const;
  startCalled = deferred();
  closed = 0;
  constructor(
    private readonly startBehaviour: () => Promise<void>,
    private readonly preflightBehaviour: () => Promise<void> = async () => undefined,
  ) {}
  preflight(): Promise<void> {
    return this.preflightBehaviour();
  }
  start(): Promise<void> {
    this.startCalled.resolve();
    return this.startBehaviour();
  }
  createNamespace = async () => undefined;
  dropNamespace = async () => undefined;
  setPrelude = () => undefined;
  setHostCallHandler = () => undefined;
  exec = async (code: string) => okExec(code.includes('done') ? 'the answer' : undefined);
  getVariable = async () => undefined;
  close = async () => {
    this.closed += 1;
  };
}

class FakeModel implements ModelClient {
  readonly backend = 'scripted' as const;
  readonly defaultModel = 'fake';
  firstCallMade = deferred();
  constructor(private readonly reply: (request: CompletionRequest) => Promise<string>) {}
  async complete(request: CompletionRequest): Promise<CompletionResult> {
    this.firstCallMade.resolve();
    const text = await this.reply(request);
    return {
      text,
      model: 'fake',
      usage: { inputTokens: 10, outputTokens: 5, cacheReadTokens: 0, cacheWriteTokens: 0 },
      stopReason: 'end_turn',
      latencyMs: 1,
      attempts: 1,
    };
  }
}

function sink(): TrajectorySink & { outcome: TrajectoryOutcome | null } {
  return {
    outcome: null,
    start: async () => undefined,
    recordCall: async () => undefined,
    addExecution: async () => undefined,
    async finish(outcome) {
      this.outcome = outcome;
      return { path: '/dev/null' };
    },
  };
}

async function run(model: ModelClient, sandbox: Sandbox, trajectory = sink()) {
  const events: RunEvent[] = [];
  const ports: EnginePorts = {
    model,
    sandbox,
    sink: trajectory,
    costOf: () => 0,
    tools: new ToolRegistry(),
    now: () => performance.now(),
    redact: (value) => value,
  };
  const result = await runEngine({
    task: 'Task',
    settings: runSettings({ backend: 'scripted' }, {}, 'fake'),
    ports,
    backend: 'scripted',
    environment: 'docker',
    emit: (event) => events.push(event),
  });
  return { result, events, trajectory };
}

const DONE = '```repl\ndone\n```';

describe('runEngine lifecycle', () => {
  it('starts the sandbox while the first model call is in flight', async () => {
    // Each side waits for the other to have begun: run one after the other, this would never finish.
    const models: FakeModel[] = [];
    const sandbox = new FakeSandbox(async () => {
      await models[0]?.firstCallMade.promise;
    });
    const model = new FakeModel(async () => {
      await sandbox.startCalled.promise;
      return DONE;
    });
    models.push(model);
    const { result } = await run(model, sandbox);
    expect(result).toMatchObject({ success: true, response: 'the answer', exitCode: 0 });
    expect(sandbox.closed).toBe(1);
  });

  it('closes the sandbox and exits 4 when the model API fails', async () => {
    const sandbox = new FakeSandbox(async () => undefined);
    const model = new FakeModel(async () => {
      throw new ModelApiError('401 invalid key', {
        provider: 'anthropic',
        status: 401,
        fix: 'Check the key.',
      });
    });
    const { result, trajectory } = await run(model, sandbox);
    expect(result).toMatchObject({ success: false, exitCode: 4 });
    expect(result.error).toBe('401 invalid key\nFix: Check the key.');
    expect(trajectory.outcome?.error).toBe(result.error);
    expect(sandbox.closed).toBe(1);
  });

  it('cancels the first model call and exits 3 when the sandbox cannot start', async () => {
    const sandbox = new FakeSandbox(async () => {
      throw new DockerError('Docker is not reachable', { fix: 'Start dockerd.' });
    });
    const model = new FakeModel(
      (request) =>
        new Promise((_, reject) =>
          request.signal?.addEventListener('abort', () => reject(new Error('aborted by the engine'))),
        ),
    );
    const { result, events } = await run(model, sandbox);
    expect(result).toMatchObject({ success: false, exitCode: 3 });
    expect(result.error).toContain('Docker is not reachable');
    expect(sandbox.closed).toBe(1);
    expect(events.at(-1)?.type).toBe('final');
  });

  it('makes no model call and exits 3 when the preflight finds Docker down', async () => {
    const down = () => Promise.reject(new DockerError('Docker is not reachable', { fix: 'Start dockerd.' }));
    const sandbox = new FakeSandbox(down, down);
    let calls = 0;
    const model = new FakeModel(async () => {
      calls += 1;
      return DONE;
    });
    const { result } = await run(model, sandbox);
    expect(result).toMatchObject({ success: false, exitCode: 3, iterations: 0, modelCalls: 0 });
    expect(calls).toBe(0);
    expect(sandbox.closed).toBe(1);
  });
});
