/**
 * `rlm run "task"`: settings → engine → result on stdout, progress on stderr.
 * The exit code is the result's (0 success, 1 execution error or limit, 2
 * timeout, 3 Docker, 4 model API, 5 config), or 130/143 after a signal.
 */
import { userPath } from '../user-path.js';
import { readApiKey } from '../../config/api-key.js';
import { toRLMOptions } from '../../config/to-rlm-options.js';
import { ConfigError, exitCodeOf } from '../../errors.js';
import type { Cancellation } from '../cancellation.js';
import { contextFromFlags, type ContextFlags } from '../context-input.js';
import type { Engine } from '../../engine-port.js';
import { readOutputSchemaFlag } from '../output-schema-flag.js';
import { describeFailure, describeResultError, messageOf } from '../error-report.js';
import type { CliIo } from '../io.js';
import { loadSettings } from '../load-settings.js';
import { ProgressReporter } from '../progress.js';
import { failureToJson, renderResultText, resultToJson } from '../result-output.js';
import { flagsToRawSettings } from '../run-flags.js';

export interface RunCommandInput {
  task: string;
  /** Commander's parsed options of `rlm run`. */
  options: Record<string, unknown> & ContextFlags;
  configFlag: string | undefined;
}

export interface RunDependencies {
  engine: Engine;
  cancellation: Cancellation;
}

export async function runCommand(input: RunCommandInput, io: CliIo, deps: RunDependencies): Promise<number> {
  const json = input.options.json === true;
  let verbose = input.options.verbose === true;
  try {
    if (input.task.trim() === '') {
      throw new ConfigError('the task is empty', {
        fix: 'Pass the task as the argument: rlm run "what to do".',
      });
    }
    const settings = loadSettings(io, flagsToRawSettings(input.options), input.configFlag);
    verbose = settings.verbose;
    const context = contextFromFlags(input.options, io.cwd);
    const progress = new ProgressReporter(io.stderr, verbose);
    const options = toRLMOptions(
      settings,
      { apiKey: readApiKey(settings, io.env) },
      { workspaceDir: io.cwd },
    );
    // Relative paths in settings mean "relative to where rlm was started".
    options.logDir = userPath(io, settings.logDir);
    if (settings.script !== null) options.script = userPath(io, settings.script);
    options.onProgress = (message) => io.stderr.write(`rlm: ${message}\n`);
    const outputSchema = readOutputSchemaFlag(io, input.options.outputSchema);
    if (outputSchema !== undefined) options.outputSchema = outputSchema;

    const result = await deps.engine.run({
      task: input.task,
      options,
      ...(context !== undefined ? { context } : {}),
      signal: deps.cancellation.signal,
      onEvent: (event) => progress.handle(event),
    });
    // A run that failed before it started (no key, bad script) has no answer, trajectory or costs to show.
    const started = result.trajectoryId !== '';
    if (json) io.stdout.write(`${JSON.stringify(resultToJson(result))}\n`);
    else if (started) io.stdout.write(renderResultText(result));
    for (const warning of result.warnings) io.stderr.write(`rlm: warning: ${warning}\n`);
    if (!result.success && result.error) io.stderr.write(describeResultError(result.error));
    return deps.cancellation.exitCode() ?? result.exitCode;
  } catch (error) {
    const exitCode = deps.cancellation.exitCode() ?? exitCodeOf(error);
    io.stderr.write(describeFailure(error, verbose));
    if (json) io.stdout.write(`${JSON.stringify(failureToJson(messageOf(error), exitCode))}\n`);
    return exitCode;
  }
}
