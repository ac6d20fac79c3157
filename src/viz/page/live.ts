/**
 * A run in progress: poll the local server for the run and redraw when its journal grew. Only the
 * dashboard page sets a live URL; the report file is static. When the run ends the page reloads once so
 * the server-rendered parts show the final state too.
 */
import type { Trajectory } from '../../trajectory/types.js';
import { runStatus } from '../data/run-summary.js';
import { clear, h } from './dom.js';
import { runView } from './run-view.js';

export const POLL_MS = 1000;

function fingerprint(trajectory: Trajectory): string {
  const executions = trajectory.calls.reduce((sum, call) => sum + call.executions.length, 0);
  return `${trajectory.calls.length}/${executions}/${trajectory.end_time}/${runStatus(trajectory)}`;
}

export function startLiveUpdates(content: HTMLElement, initial: Trajectory, url: string): void {
  let seen = fingerprint(initial);
  const banner = h(
    'p',
    { class: 'live', role: 'status' },
    'Live: this run is in progress; the page follows its journal.',
  );
  content.prepend(banner);
  const poll = async (): Promise<void> => {
    try {
      const response = await fetch(url, { cache: 'no-store' });
      if (response.ok) {
        const next = (await response.json()) as Trajectory;
        const print = fingerprint(next);
        if (print !== seen) {
          seen = print;
          if (runStatus(next) !== 'running') {
            location.reload();
            return;
          }
          const tab =
            document.querySelector('[role="tab"][aria-selected="true"]')?.getAttribute('data-tab') ?? 'tree';
          clear(content);
          content.append(banner, runView(next, { initialTab: tab }));
          banner.textContent = `Live: ${next.calls.length} calls so far (updated ${new Date().toLocaleTimeString()}).`;
        }
      }
    } catch {
      banner.textContent = 'Live: the dashboard server is not answering; showing the last state.';
    }
    setTimeout(() => void poll(), POLL_MS);
  };
  setTimeout(() => void poll(), POLL_MS);
}
