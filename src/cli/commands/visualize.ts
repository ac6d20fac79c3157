/** `rlm visualize`: serves the dashboard until Ctrl-C; prints its URL on stdout. */
import { userPath } from '../user-path.js';
import { ConfigError } from '../../errors.js';
import { startDashboard } from '../dashboard-server.js';
import type { CliIo } from '../io.js';
import { loadSettings } from '../load-settings.js';

export interface VisualizeOptions {
  id: string | undefined;
  port: string;
  logDir?: string;
  configFlag: string | undefined;
  /** Resolves when the user stops the server (SIGINT / SIGTERM). */
  stopped: Promise<void>;
}

export async function visualizeCommand(io: CliIo, options: VisualizeOptions): Promise<number> {
  const port = Number(options.port);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new ConfigError(`--port: '${options.port}' is not a port number`, {
      fix: 'Use e.g. --port 8765, or 0 for any free port.',
    });
  }
  const settings = loadSettings(
    io,
    options.logDir === undefined ? {} : { log_dir: options.logDir },
    options.configFlag,
  );
  const dashboard = await startDashboard(userPath(io, settings.logDir), port);
  const url =
    options.id === undefined ? dashboard.url : `${dashboard.url}runs/${encodeURIComponent(options.id)}`;
  io.stdout.write(`${url}\n`);
  io.stderr.write(`rlm: dashboard for ${userPath(io, settings.logDir)} at ${url} (Ctrl-C to stop)\n`);
  await options.stopped;
  await dashboard.close();
  return 0;
}
