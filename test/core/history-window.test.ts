/**
 * A node's history budget follows the context window (contextWindow option here): a long run is cut in
 * large steps, the task message never changes, and the note rides on the first kept turn.
 */
import { omittedNote } from '../../src/core/conversation.js';
import { runEngine } from '../../src/core/engine.js';
import type { EnginePorts } from '../../src/core/run-context.js';
import { runSettings } from '../../src/core/settings.js';
import { ToolRegistry } from '../../src/core/tool-registry.js';
import type {
  ChatMessage,
  CompletionRequest,
  CompletionResult,
  ModelClient,
} from '../../src/models/types.js';
import type { ExecResult, Sandbox } from '../../src/sandbox/types.js';
import type { TrajectorySink } from '../../src/trajectory/types.js';

const TURNS = 24;

class RecordingModel implements ModelClient {
  readonly backend = 'scripted' as const;
  readonly defaultModel = 'fake';
  readonly sent: ChatMessage[][] = [];
  async complete(request: CompletionRequest): Promise<CompletionResult> {
    this.sent.push(request.messages);
    const turn = this.sent.length;
    return {
      text: turn >= TURNS ? '```repl\ndone\n```' : `\`\`\`repl\nprint(${turn})\n\`\`\``,
      model: 'fake',
      usage: { inputTokens: 1, outputTokens: 1, cacheReadTokens: 0, cacheWriteTokens: 0 },
      stopReason: 'end_turn',
      latencyMs: 0,
      attempts: 1,
    };
  }
}

const output = (text: string) => ({ text, totalBytes: text.length, truncatedBytes: 0 });

const sandbox: Sandbox = {
  kind: 'docker',
  preflight: async () => undefined,
  start: async () => undefined,
  createNamespace: async () => undefined,
  dropNamespace: async () => undefined,
  setPrelude: () => undefined,
  setHostCallHandler: () => undefined,
  exec: async (code: string): Promise<ExecResult> => ({
    status: 'ok',
    stdout: output(code.includes('done') ? '' : `${code} `.padEnd(3000, 'x')),
    stderr: output(''),
    stateLost: false,
    durationMs: 1,
    ...(code.includes('done') ? { answer: { content: 'the answer', ready: true } } : {}),
  }),
  getVariable: async () => undefined,
  close: async () => undefined,
};

const sink: TrajectorySink = {
  start: async () => undefined,
  recordCall: async () => undefined,
  addExecution: async () => undefined,
  finish: async () => ({ path: '/dev/null' }),
};

it('cuts a long history in large steps within the context window, keeping the task message as it was', async () => {
  const model = new RecordingModel();
  const ports: EnginePorts = {
    model,
    sandbox,
    sink,
    costOf: () => 0,
    tools: new ToolRegistry(),
    now: () => performance.now(),
    redact: (value) => value,
  };
  const result = await runEngine({
    task: 'Task',
    settings: runSettings(
      { backend: 'scripted' },
      { contextWindow: 12_000, maxOutputTokens: 1024, maxIterations: TURNS + 1 },
      'fake',
    ),
    ports,
    backend: 'scripted',
    environment: 'docker',
    emit: () => undefined,
  });

  expect(result.success).toBe(true);
  const lengths = model.sent.map((messages) => messages.length);
  const cuts = lengths.filter((length, turn) => turn > 0 && length < (lengths[turn - 1] ?? 0)).length;
  expect(cuts).toBeGreaterThanOrEqual(2);
  // Between cuts every turn extends the previous prompt: far fewer cuts than turns.
  expect(cuts).toBeLessThanOrEqual(TURNS / 4);
  const task = model.sent[0]?.[0];
  for (const messages of model.sent) expect(messages[0]).toEqual(task);
  const last = model.sent[model.sent.length - 1] ?? [];
  const omitted = Number(/^\[(\d+) earlier turns/.exec(last[2]?.content ?? '')?.[1]);
  expect(last[2]?.content.startsWith(`${omittedNote(omitted)}\n\n`)).toBe(true);
  expect(last).toHaveLength(2 * (TURNS - 1 - omitted) + 1);
});
