/**
 * The library entry point: `new RLM(options?)`, then `completion()`,
 * `completionStream()` (text as it is generated) or `events()` (typed events).
 * Settings are resolved once in the constructor, as the CLI resolves them
 * (src/library-settings.ts). It wires the ports (model client, sandbox,
 * trajectory writer, redactor, prices) and hands them to the engine; the loop
 * itself lives in src/core/.
 */
import path from 'node:path';

import { ConfigError, exitCodeOf, RlmError } from './errors.js';
import { runEngine } from './core/engine.js';
import { EventChannel } from './core/event-channel.js';
import type { Settings } from './config/settings.js';
import { resolveModelRequestSettings, runSettings, type EngineSettings } from './core/settings.js';
import { resolveRLMOptions, type ResolvedRLMOptions } from './library-settings.js';
import { TextStream } from './text-stream.js';
import { ToolRegistry } from './core/tool-registry.js';
import { createModelClient } from './models/factory.js';
import type { ModelClientOptions, ScriptSource } from './models/options.js';
import { costOf } from './models/pricing.js';
import type { ModelClient, TokenUsage } from './models/types.js';
import type {
  CompletionOverrides,
  RLMOptions,
  RLMResult,
  RunEvent,
  ToolFunction,
  ToolSchema,
} from './rlm-options.js';
import { createSandbox } from './sandbox/index.js';
import { defaultSandboxOptions, type SandboxOptions } from './sandbox/options.js';
import { readTrajectories, readTrajectory } from './trajectory/reader.js';
import { Redactor } from './trajectory/redactor.js';
import type { Trajectory } from './trajectory/types.js';
import { TrajectoryWriter } from './trajectory/writer.js';

export class RLM {
  private readonly tools = new ToolRegistry();
  private readonly options: ResolvedRLMOptions;

  /** Throws a ConfigError (exit code 5) for a bad option, environment value or config file. */
  constructor(options: RLMOptions = {}) {
    this.options = resolveRLMOptions(options);
    // Fail fast on bad limits: a ConfigError here (exit code 5) beats one at the first completion.
    runSettings(this.options, undefined, this.options.model ?? 'default');
    resolveModelRequestSettings(this.options, undefined);
  }

  /** The settings this instance runs with (frozen): where each value came from is in `sources`. */
  get settings(): Readonly<Settings> {
    return this.options.settings;
  }

  /** Makes `fn` callable from REPL code as `schema.name(**kwargs)`; it runs on the host. */
  registerTool(fn: ToolFunction, schema: ToolSchema): this {
    this.tools.register(fn, schema);
    return this;
  }

  /** Runs the task to the end. Never throws for run failures: they come back as `success: false` and an exitCode. */
  async completion(prompt: string, overrides?: CompletionOverrides): Promise<RLMResult> {
    let final: RLMResult | null = null;
    for await (const event of this.events(prompt, overrides)) {
      if (event.type === 'final') final = event.result;
    }
    if (final === null) throw new Error('the run ended without a final event');
    return final;
  }

  /**
   * The same run as text chunks, as they are generated: the root model's streamed text, then the final
   * answer (after a blank line). `await stream.result` gives the RLMResult once the stream has ended.
   */
  completionStream(prompt: string, overrides?: CompletionOverrides): TextStream {
    return new TextStream(this.events(prompt, overrides));
  }

  /** The same run as completion(), as typed events; the last one is `final` with the result. */
  events(prompt: string, overrides?: CompletionOverrides): AsyncIterable<RunEvent> {
    // Leaving the for-await loop early cancels the run (and so closes its sandbox) instead of leaving it behind.
    const abandon = new AbortController();
    const channel = new EventChannel<RunEvent>(() => abandon.abort());
    const signal =
      overrides?.signal === undefined ? abandon.signal : AbortSignal.any([overrides.signal, abandon.signal]);
    const listeners = [this.options.onEvent, overrides?.onEvent].filter(
      (listener): listener is (event: RunEvent) => void => listener !== undefined,
    );
    const emit = (event: RunEvent): void => {
      channel.push(event);
      for (const listener of listeners) {
        try {
          listener(event);
        } catch {
          // A listener's bug must not end the run it is watching.
        }
      }
    };
    this.run(prompt, { ...overrides, signal }, emit).then(
      () => channel.close(),
      (error: unknown) => channel.fail(error),
    );
    return channel;
  }

  async getTrajectories(options: { limit?: number } = {}): Promise<Trajectory[]> {
    return readTrajectories(this.logDir, options);
  }

  async getTrajectory(id: string): Promise<Trajectory | undefined> {
    return (await readTrajectory(this.logDir, id)) ?? undefined;
  }

  private get logDir(): string {
    return this.options.logDir ?? this.options.settings.logDir;
  }

  private async run(
    prompt: string,
    overrides: CompletionOverrides | undefined,
    emit: (event: RunEvent) => void,
  ): Promise<void> {
    const started = Date.now();
    let model: ModelClient;
    let settings: EngineSettings;
    try {
      // A fresh client per run: a scripted backend replays its script from the start each time.
      model = this.options.modelClient ?? createModelClient(this.modelClientOptions(overrides));
      settings = runSettings(this.options, overrides, model.defaultModel);
    } catch (error) {
      emit(setupFailure(error, Date.now() - started));
      return;
    }
    const redactor = new Redactor([this.options.apiKey ?? '', ...(this.options.secrets ?? [])]);
    const environment = overrides?.environment ?? this.options.environment ?? 'docker';
    const logDir = path.resolve(overrides?.logDir ?? this.logDir);
    const sandboxOptions = this.sandboxOptions(environment, settings, logDir);
    const sandbox = createSandbox(
      sandboxOptions,
      this.options.onProgress === undefined ? {} : { onProgress: this.options.onProgress },
    );
    const prices = this.options.prices;
    await runEngine({
      task: prompt,
      settings,
      backend: this.options.backend,
      environment,
      emit,
      signal: overrides?.signal,
      ports: {
        model,
        sandbox,
        sink: new TrajectoryWriter({
          logDir,
          // The sandbox may write the workspace: below it, the writer trusts no symlink.
          untrustedRoot: sandboxOptions.docker.workspaceDir,
          format: overrides?.trajectoryFormat ?? this.options.trajectoryFormat ?? 'jsonl',
          redactor,
        }),
        costOf: (name: string, usage: TokenUsage) => costOf(name, usage, prices),
        tools: this.tools,
        now: () => performance.now(),
        redact: (value) => redactor.redactDeep(value),
      },
    });
  }

  private modelClientOptions(overrides: CompletionOverrides | undefined): ModelClientOptions {
    const script: ScriptSource | undefined =
      typeof this.options.script === 'string' ? { file: this.options.script } : this.options.script;
    const { timeoutMs, maxRetries } = resolveModelRequestSettings(this.options, overrides);
    return {
      backend: this.options.backend,
      model: this.options.model ?? '',
      ...(this.options.baseUrl === undefined ? {} : { baseUrl: this.options.baseUrl }),
      ...(this.options.apiKey === undefined ? {} : { apiKey: this.options.apiKey }),
      ...(script === undefined ? {} : { script }),
      ...(timeoutMs === undefined ? {} : { timeoutMs }),
      ...(maxRetries === undefined ? {} : { maxRetries }),
    };
  }

  private sandboxOptions(
    environment: 'docker' | 'repl',
    settings: EngineSettings,
    logDir: string,
  ): SandboxOptions {
    const defaults = defaultSandboxOptions();
    const { docker, ...rest } = this.options.sandbox ?? {};
    const hiddenPaths = [...(docker?.hiddenPaths ?? []), logDir];
    return {
      ...defaults,
      ...rest,
      environment,
      execTimeoutMs: settings.execTimeoutMs,
      // No execution outlives the run: the run's timeout is the natural wall-clock cap.
      execWallCapMs: rest.execWallCapMs ?? settings.timeoutMs ?? defaults.execWallCapMs,
      docker: {
        ...defaults.docker,
        ...(settings.timeoutMs === undefined ? {} : { maxLifetimeMs: settings.timeoutMs + 60_000 }),
        ...docker,
        // The log dir is never visible in the sandbox, even when it lies inside the mounted workspace.
        hiddenPaths,
      },
    };
  }
}

/** A run that could not start (bad options, no script, no key): one final event, exit code from the error. */
function setupFailure(error: unknown, durationMs: number): RunEvent {
  const message = error instanceof RlmError ? error.describe() : String(error);
  const zero = { inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0 };
  return {
    type: 'final',
    trajectoryId: '',
    elapsedMs: durationMs,
    result: {
      response: '',
      success: false,
      error: message,
      trajectoryId: '',
      trajectoryPath: null,
      tokens: 0,
      usage: zero,
      costUsd: 0,
      usageByModel: {},
      limitsHit: [],
      iterations: 0,
      warnings: [],
      modelCalls: 0,
      subCalls: 0,
      maxDepthReached: 0,
      durationMs,
      exitCode: error instanceof ConfigError ? error.exitCode : exitCodeOf(error),
      outputs: [],
      outputsDir: null,
    },
  };
}
