/** Entry of the `rlm` binary: wires the real process, engine and signals into runCli, then exits. */
import { homedir } from 'node:os';
import Docker from 'dockerode';
import { systemBrowserOpener } from './browser.js';
import { cancelOnSignals } from './cancellation.js';
import type { CliIo } from './io.js';
import { runCli } from './program.js';
import { cliEngine } from './real-engine.js';
import { describeFailure } from './error-report.js';
import { exitCodeOf } from '../errors.js';

const io: CliIo = {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  cwd: process.cwd(),
  home: homedir(),
};

// A bug that escapes every command still ends with a message (and the stack only with --verbose).
const crash = (error: unknown): void => {
  process.stderr.write(describeFailure(error, process.argv.includes('--verbose')));
  process.exit(exitCodeOf(error));
};
process.on('uncaughtException', crash);
process.on('unhandledRejection', crash);

const exitCode = await runCli(process.argv.slice(2), io, {
  engine: cliEngine,
  cancelOnSignals: () => cancelOnSignals((code) => process.exit(code)),
  untilStopped: () =>
    new Promise<void>((resolve) => {
      process.once('SIGINT', () => resolve());
      process.once('SIGTERM', () => resolve());
    }),
  openBrowser: systemBrowserOpener(process.env),
  stdoutIsTty: process.stdout.isTTY === true,
  docker: () => new Docker(),
});
// Exit explicitly once stdout is flushed: a stray handle (a Docker socket, a timer) must not keep the CLI alive.
process.stdout.write('', () => process.exit(exitCode));
