/**
 * `rlm visualize`: serves the dashboard on viz.host:viz.port (flags --host, --port) until Ctrl-C,
 * prints its URL on stdout, and opens it in the default browser when a person runs it at a terminal.
 */
import { userPath } from '../user-path.js';
import { shouldOpenBrowser, type BrowserOpener } from '../browser.js';
import { startDashboard } from '../dashboard-server.js';
import type { CliIo } from '../io.js';
import { loadSettings } from '../load-settings.js';

export interface VisualizeOptions {
  id: string | undefined;
  port?: string;
  host?: string;
  logDir?: string;
  /** false after --no-browser. */
  browser: boolean;
  configFlag: string | undefined;
  /** Resolves when the user stops the server (SIGINT / SIGTERM). */
  stopped: Promise<void>;
}

export interface VisualizeDependencies {
  openBrowser: BrowserOpener;
  stdoutIsTty: boolean;
}

const LOOPBACK = new Set(['localhost', '127.0.0.1', '::1']);
const FLAG_NAMES: Record<string, string> = {
  'viz.port': '--port',
  'viz.host': '--host',
  log_dir: '--log-dir',
};

export async function visualizeCommand(
  io: CliIo,
  options: VisualizeOptions,
  deps: VisualizeDependencies,
): Promise<number> {
  // The flags go through the config layer like every other source: same validation, same messages.
  const settings = loadSettings(
    io,
    {
      ...(options.logDir === undefined ? {} : { log_dir: options.logDir }),
      viz: { port: options.port, host: options.host },
    },
    options.configFlag,
    (key) => FLAG_NAMES[key] ?? `--${key}`,
  );
  const { host, port } = settings.viz;
  const logDir = userPath(io, settings.logDir);
  if (!LOOPBACK.has(host)) {
    io.stderr.write(
      `rlm: warning: listening on ${host}: anyone who can reach it can read your trajectories (prompts, code, answers)\n`,
    );
  }
  const dashboard = await startDashboard(logDir, port, host);
  const url =
    options.id === undefined ? dashboard.url : `${dashboard.url}runs/${encodeURIComponent(options.id)}`;
  io.stdout.write(`${url}\n`);
  io.stderr.write(`rlm: dashboard for ${logDir} at ${url} (Ctrl-C to stop)\n`);
  if (shouldOpenBrowser({ browserFlag: options.browser, stdoutIsTty: deps.stdoutIsTty, env: io.env })) {
    const opened = await deps.openBrowser(url);
    io.stderr.write(
      opened ? `rlm: opened ${url} in your browser\n` : `rlm: could not start a browser; open ${url}\n`,
    );
  }
  await options.stopped;
  await dashboard.close();
  return 0;
}
