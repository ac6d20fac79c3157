/**
 * Opening the dashboard in the user's browser, as `rlm visualize` does when run
 * by a person at a terminal. Never in CI or without a TTY (a script or a pipe
 * has nobody to look at the page), and never with --no-browser.
 */
import { spawn } from 'node:child_process';

/** Opens `url`; resolves false when no browser could be started (the URL is printed anyway). */
export type BrowserOpener = (url: string) => Promise<boolean>;

export interface BrowserDecision {
  /** false after --no-browser. */
  browserFlag: boolean;
  stdoutIsTty: boolean;
  env: Record<string, string | undefined>;
}

export function shouldOpenBrowser({ browserFlag, stdoutIsTty, env }: BrowserDecision): boolean {
  const ci = env.CI !== undefined && env.CI !== '' && env.CI !== 'false' && env.CI !== '0';
  return browserFlag && stdoutIsTty && !ci;
}

/**
 * The platform's opener: `$BROWSER` when set (the convention xdg-open and Python's webbrowser follow),
 * else `open` (macOS), `cmd /c start` (Windows) or `xdg-open`. Detached, so closing rlm keeps the browser.
 */
export function systemBrowserOpener(
  env: Record<string, string | undefined>,
  platform: NodeJS.Platform = process.platform,
): BrowserOpener {
  return (url) => {
    const [command, ...args] = browserCommand(env, platform, url);
    if (command === undefined) return Promise.resolve(false);
    return new Promise((resolve) => {
      const child = spawn(command, args, { detached: true, stdio: 'ignore', env: { ...env } });
      child.once('error', () => resolve(false));
      child.once('spawn', () => {
        child.unref();
        resolve(true);
      });
    });
  };
}

function browserCommand(env: Record<string, string | undefined>, platform: NodeJS.Platform, url: string) {
  const chosen = env.BROWSER?.split(':')[0]?.trim();
  if (chosen) return [chosen, url];
  if (platform === 'darwin') return ['open', url];
  if (platform === 'win32') return ['cmd', '/c', 'start', '""', url];
  return ['xdg-open', url];
}
