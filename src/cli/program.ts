/**
 * The `rlm` command line: parses argv with commander and dispatches to one
 * command. Returns the process exit code; usage errors (unknown flag, missing
 * task) are configuration errors, exit 5.
 */
import { Command, CommanderError, Option } from 'commander';
import type Docker from 'dockerode';
import { ExitCode, exitCodeOf } from '../errors.js';
import type { BrowserOpener } from './browser.js';
import type { Cancellation } from './cancellation.js';
import { configCommand } from './commands/config.js';
import { doctorCommand } from './commands/doctor.js';
import { IMAGE_RECIPES, imageBuildCommand, type ImageRecipe } from './commands/image.js';
import { initCommand } from './commands/init.js';
import { compareCommand } from './commands/compare.js';
import { DEFAULT_LIST_LENGTH, logsCommand, logsImportCommand } from './commands/logs.js';
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
  /** How `rlm visualize` opens its URL (injected so tests never launch a browser). */
  openBrowser: BrowserOpener;
  /** Whether stdout is a terminal: a browser is only opened for a person at one. */
  stdoutIsTty: boolean;
  /** The Docker Engine client `rlm doctor` checks. */
  docker: () => Docker;
}

interface VisualizeFlags {
  port?: string;
  host?: string;
  logDir?: string;
  browser: boolean;
}

interface LogsFlags {
  id?: string;
  tail?: string;
  limit?: string;
  failed?: boolean;
  format: string;
  logDir?: string;
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
    .option('--mcp-config <file>', 'JSON file {"mcpServers": {...}} of MCP servers whose tools code may call')
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
    .description('list recent trajectories (newest first), show one, or `import FILE`')
    .argument('[id]', 'trajectory id (or a unique prefix; same as --id), or `import`')
    .argument('[file]', 'with `import`: a trajectory file to copy into the log dir')
    .option('--id <id>', 'show this trajectory (id or unique prefix)')
    .option('--tail <n>', `list the n most recent (default ${DEFAULT_LIST_LENGTH})`)
    .option('--limit <n>', 'same as --tail')
    .option('--failed', 'list only failed (and unfinished) runs')
    .option('--format <format>', 'table | json (one object per line) | markdown | html | text', 'table')
    .option('--log-dir <dir>', 'where trajectories are (default: log_dir from the config)')
    .action(async (id: string | undefined, file: string | undefined, options: LogsFlags) => {
      if (id === 'import') {
        exitCode = await logsImportCommand(io, { file, logDir: options.logDir, configFlag: configFlag() });
        return;
      }
      const { id: idFlag, ...rest } = options;
      exitCode = await logsCommand(io, {
        id,
        ...(idFlag === undefined ? {} : { idFlag }),
        ...rest,
        configFlag: configFlag(),
      });
    });

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
    .description('serve a dashboard of the trajectories until Ctrl-C, and open it in the browser')
    .argument('[id]', 'open this run directly')
    .option('--port <port>', 'port to listen on (default: viz.port, 8501; 0: any free port)')
    .option('--host <host>', 'address to listen on (default: viz.host, localhost)')
    .option('--log-dir <dir>', 'where trajectories are (default: log_dir from the config)')
    .option('--no-browser', 'do not open a browser (never opened in CI or without a terminal)')
    .action(async (id: string | undefined, options: VisualizeFlags) => {
      exitCode = await visualizeCommand(
        io,
        { id, ...options, configFlag: configFlag(), stopped: deps.untilStopped() },
        { openBrowser: deps.openBrowser, stdoutIsTty: deps.stdoutIsTty },
      );
    });

  program
    .command('doctor')
    .description(
      'check Docker, the sandbox image, the API key, the log directory and the config; each with its fix',
    )
    .action(async () => {
      exitCode = await doctorCommand(io, configFlag(), { docker: deps.docker });
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
