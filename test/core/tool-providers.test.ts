/**
 * Tool providers in the engine's lifecycle, with in-test fakes for the ports:
 * they start next to the sandbox, their tools reach the prelude and the system
 * prompt, a failing start ends the run (exit 1) before any model call, a
 * cancellation during start is a cancellation (exit 2), and every provider is
 * closed on every path.
 */
import { runEngine } from '../../src/core/engine.js';
import type { EnginePorts } from '../../src/core/run-context.js';
import { runSettings } from '../../src/core/settings.js';
import { ToolRegistry, type RegisteredTool, type ToolProvider } from '../../src/core/tool-registry.js';
import type { CompletionResult, ModelClient } from '../../src/models/types.js';
import type { ExecResult, Sandbox } from '../../src/sandbox/types.js';
import type { TrajectoryHeader, TrajectorySink } from '../../src/trajectory/types.js';
import { McpServerError } from '../../src/tools/mcp-connection.js';

const done: ExecResult = {
  status: 'ok',
  stdout: { text: '', totalBytes: 0, truncatedBytes: 0 },
  stderr: { text: '', totalBytes: 0, truncatedBytes: 0 },
  stateLost: false,
  durationMs: 1,
  answer: { content: 'the answer', ready: true },
};

class FakeSandbox implements Sandbox {
  readonly kind = 'docker' as const;
  closed = 0;
  prelude = '';
  private markStarted: () => void = () => undefined;
  readonly startCalled = new Promise<void>((resolve) => (this.markStarted = resolve));
  start = async () => {
    this.markStarted();
  };
  preflight = async () => undefined;
  createNamespace = async () => undefined;
  dropNamespace = async () => undefined;
  setPrelude = (code: string) => {
    this.prelude = code;
  };
  setHostCallHandler = () => undefined;
  exec = async () => done;
  getVariable = async () => undefined;
  close = async () => {
    this.closed += 1;
  };
}

class CountingModel implements ModelClient {
  readonly backend = 'scripted' as const;
  readonly defaultModel = 'fake';
  calls = 0;
  async complete(): Promise<CompletionResult> {
    this.calls += 1;
    return {
      text: '```repl\nFINAL("x")\n```',
      model: 'fake',
      usage: { inputTokens: 1, outputTokens: 1, cacheReadTokens: 0, cacheWriteTokens: 0 },
      stopReason: 'end_turn',
      latencyMs: 1,
      attempts: 1,
    };
  }
}

function tool(name: string, server: string): RegisteredTool {
  return {
    schema: { name, description: `${name} of ${server}` },
    fn: () => 1,
    failure: 'text',
    origin: { server, tool: name },
  };
}

class FakeProvider implements ToolProvider {
  closed = 0;
  constructor(
    private readonly starting: (taken: readonly string[], signal: AbortSignal) => Promise<RegisteredTool[]>,
  ) {}
  start(taken: readonly string[], signal: AbortSignal): Promise<RegisteredTool[]> {
    return this.starting(taken, signal);
  }
  close = async () => {
    this.closed += 1;
  };
}

async function run(providers: ToolProvider[], sandbox = new FakeSandbox(), signal?: AbortSignal) {
  const model = new CountingModel();
  let header: TrajectoryHeader | null = null;
  const sink: TrajectorySink = {
    start: async (value) => {
      header = value;
    },
    recordCall: async () => undefined,
    addExecution: async () => undefined,
    finish: async () => ({ path: '/dev/null' }),
  };
  const registry = new ToolRegistry();
  registry.register(() => 1, { name: 'registered' });
  const ports: EnginePorts = {
    model,
    sandbox,
    sink,
    costOf: () => 0,
    tools: registry,
    toolProviders: providers,
    now: () => performance.now(),
    redact: (value) => value,
  };
  const result = await runEngine({
    task: 'Task',
    settings: runSettings({ backend: 'scripted' }, {}, 'fake'),
    ports,
    backend: 'scripted',
    environment: 'docker',
    emit: () => undefined,
    ...(signal === undefined ? {} : { signal }),
  });
  return { result, model, sandbox, header: header as TrajectoryHeader | null, registry };
}

describe('tool providers in a run', () => {
  it('start while the sandbox starts, and their tools reach the prelude and the system prompt', async () => {
    const sandbox = new FakeSandbox();
    const seen: string[][] = [];
    // Resolves only once the sandbox start has begun: a provider started after it would never see this.
    const first = new FakeProvider(async (taken) => {
      seen.push([...taken]);
      await sandbox.startCalled;
      return [tool('search', 'docs'), tool('fetch', 'docs')];
    });
    const second = new FakeProvider(async () => [tool('search', 'code'), tool('registered', 'code')]);
    const { result, header, registry } = await run([first, second], sandbox);
    expect(result.exitCode).toBe(0);
    expect(seen[0]).toEqual(expect.arrayContaining(['llm_query', 'SHOW_TOOLS', 'registered']));
    expect(sandbox.prelude).toContain('def search(*args, **kwargs)');
    expect(sandbox.prelude).toContain('def code__search(*args, **kwargs)');
    expect(sandbox.prelude).toContain('def code__registered(*args, **kwargs)');
    expect(header?.system_prompt).toContain('`fetch()`: fetch of docs');
    // The run's tools never leak into the registry the caller owns.
    expect(registry.names).toEqual(['registered']);
    expect([first.closed, second.closed, sandbox.closed]).toEqual([1, 1, 1]);
  });

  it('a provider that cannot start ends the run with its exit code before any model call, and all are closed', async () => {
    const broken = new FakeProvider(async () => {
      throw new McpServerError(
        'MCP server "docs" (command docs-server) failed to start: exit 3\nfatal: no index',
      );
    });
    const fine = new FakeProvider(async () => [tool('fetch', 'web')]);
    const { result, model, sandbox } = await run([fine, broken]);
    expect(result.exitCode).toBe(1);
    expect(result.error).toContain('fatal: no index');
    expect(model.calls).toBe(0);
    expect([fine.closed, broken.closed, sandbox.closed]).toEqual([1, 1, 1]);
  });

  it('a cancellation while servers start is a cancellation (exit 2), not their failure', async () => {
    const controller = new AbortController();
    const slow = new FakeProvider(
      (_taken, signal) =>
        new Promise((_resolve, reject) => {
          signal.addEventListener('abort', () => reject(new Error('aborted while connecting')), {
            once: true,
          });
          controller.abort();
        }),
    );
    const { result, model } = await run([slow], new FakeSandbox(), controller.signal);
    expect(result.exitCode).toBe(2);
    expect(result.limitsHit).toEqual(['cancelled']);
    expect(model.calls).toBe(0);
    expect(slow.closed).toBe(1);
  });
});
