/**
 * The `rlm` command line: parses argv with commander and dispatches to one
 * command. Returns the process exit code; usage errors (unknown flag, missing
 * task) are configuration errors, exit 5.
 */
import { Command, CommanderError, Option } from 'commander';
import { ExitCode, exitCodeOf } from '../errors.js';
import type { Cancellation } from './cancellation.js';
import { configCommand } from './commands/config.js';
import { IMAGE_RECIPES, imageBuildCommand, type ImageRecipe } from './commands/image.js';
import { initCommand } from './commands/init.js';
import { compareCommand } from './commands/compare.js';
import { logsCommand, logsImportCommand } from './commands/logs.js';
import { runCommand } from './commands/run.js';
import { visualizeCommand } from './commands/visualize.js';
import type { Engine } from '../engine-port.js';
import { describeFailure } from './error-report.js';
import type { CliIo } from './io.js';
import { failureToJson } from './result-output.js';
import { SETTING_FLAGS, SETTING_SWITCHES } from './run-flags.js';
import { packageVersion } from './version.js';

export interface CliDependencies {
  engine: Engine;
  /** Installs the signal handlers; only `rlm run` needs them. */
  cancelOnSignals: () => Cancellation;
  /** Resolves on the first SIGINT / SIGTERM: how a long-running `rlm visualize` ends. */
  untilStopped: () => Promise<void>;
}

const collect = (value: string, previous: string[] | undefined): string[] => [...(previous ?? []), value];

export async function runCli(argv: string[], io: CliIo, deps: CliDependencies): Promise<number> {
  let exitCode: number = ExitCode.Success;
  const program = new Command('rlm')
    .description(
      'Recursive Language Model runtime: the context stays in a sandboxed Python REPL, out of the prompt.',
    )
    .version(packageVersion(), '-V, --version', 'print the version')
    .option('--config <file>', 'config file (default: $RLM_CONFIG or ~/.rlm/config.yaml)')
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
    })
    .showHelpAfterError('(run `rlm --help` for usage)');
  const configFlag = (): string | undefined => program.opts<{ config?: string }>().config;

  program
    .command('init')
    .description('write a commented default config to ~/.rlm/config.yaml (or $RLM_CONFIG / --config)')
    .option('--force', 'overwrite an existing config file')
    .action((options: { force?: boolean }) => {
      exitCode = initCommand(io, { force: options.force === true, configFlag: configFlag() });
    });

  const run = program
    .command('run')
    .description('run a task; the current directory is mounted read-only at /workspace')
    .argument('<task>', 'what the model should do')
    .option('--context-file <path>', 'file to put in `context` (repeatable)', collect)
    .option('--context-dir <dir>', 'directory whose files go in `context`')
    .option('--context-text <text>', 'text to use as `context`')
    .option(
      '--output-schema <file>',
      'JSON Schema file the final answer must satisfy (one repair turn); --json adds structured_output',
    )
    .option('--json', 'print exactly one JSON object on stdout (progress stays on stderr)');
  for (const { flag, description } of SETTING_FLAGS) run.addOption(new Option(flag, description));
  for (const { flag, description } of SETTING_SWITCHES) run.addOption(new Option(flag, description));
  run.action(async (task: string, options: Record<string, unknown>) => {
    const cancellation = deps.cancelOnSignals();
    try {
      exitCode = await runCommand({ task, options, configFlag: configFlag() }, io, {
        engine: deps.engine,
        cancellation,
      });
    } finally {
      cancellation.dispose();
    }
  });

  const config = program
    .command('config')
    .description('show the effective settings and where each came from (flags as for `rlm run`)')
    .option('--json', 'print one JSON object');
  for (const { flag, description } of [...SETTING_FLAGS, ...SETTING_SWITCHES]) {
    config.addOption(new Option(flag, description));
  }
  config.action((options: Record<string, unknown>) => {
    exitCode = configCommand(io, options, configFlag());
  });

  program
    .command('logs')
    .description('list recent trajectories, or show one')
    .argument('[id]', 'trajectory id (or a unique prefix), or `import`')
    .argument('[file]', 'with `import`: a trajectory file to copy into the log dir')
    .option('--limit <n>', 'how many to list', '20')
    .option('--format <format>', 'text | markdown | html | json', 'text')
    .option('--log-dir <dir>', 'where trajectories are (default: log_dir from the config)')
    .action(
      async (
        id: string | undefined,
        file: string | undefined,
        options: { limit: string; format: string; logDir?: string },
      ) => {
        exitCode =
          id === 'import'
            ? await logsImportCommand(io, { file, logDir: options.logDir, configFlag: configFlag() })
            : await logsCommand(io, { id, ...options, configFlag: configFlag() });
      },
    );

  program
    .command('compare')
    .description('compare two or more runs: tokens, time, cost, success, iterations, depth, per model')
    .argument('<ids...>', 'trajectory ids (or unique prefixes)')
    .option('--format <format>', 'text | json', 'text')
    .option('--log-dir <dir>', 'where trajectories are (default: log_dir from the config)')
    .action(async (ids: string[], options: { format: string; logDir?: string }) => {
      exitCode = await compareCommand(io, { ids, ...options, configFlag: configFlag() });
    });

  program
    .command('visualize')
    .description('serve a local dashboard of the trajectories (127.0.0.1 only) until Ctrl-C')
    .argument('[id]', 'open this run directly')
    .option('--port <port>', 'port to listen on (0: any free port)', '8765')
    .option('--log-dir <dir>', 'where trajectories are (default: log_dir from the config)')
    .action(async (id: string | undefined, options: { port: string; logDir?: string }) => {
      exitCode = await visualizeCommand(io, {
        id,
        ...options,
        configFlag: configFlag(),
        stopped: deps.untilStopped(),
      });
    });

  program
    .command('image')
    .description('the sandbox image')
    .command('build')
    .description('build the default sandbox image locally (Debian packages; no registry needed)')
    .addOption(
      new Option('--recipe <recipe>', 'debootstrap (Debian/Ubuntu, root) or dockerfile').choices(
        IMAGE_RECIPES,
      ),
    )
    .action(async (options: { recipe?: ImageRecipe }) => {
      exitCode = await imageBuildCommand(io, options);
    });

  try {
    await program.parseAsync(argv, { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end through exitOverride too, with exit code 0.
      if (error.exitCode === 0) return ExitCode.Success;
      // `rlm run --json` promises one JSON object on stdout, usage errors (unknown flag, no task) included.
      if (argv.includes('run') && argv.includes('--json')) {
        const message = error.message.replace(/^error: /, '');
        io.stdout.write(`${JSON.stringify(failureToJson(message, ExitCode.Config))}\n`);
      }
      return ExitCode.Config;
    }
    io.stderr.write(describeFailure(error, argv.includes('--verbose')));
    return exitCodeOf(error);
  }
}
