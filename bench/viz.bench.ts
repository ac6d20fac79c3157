/**
 * npm run bench:viz — the dashboard's speed targets in headless Debian Chromium, each next to a small
 * baseline measured in the same run. Prints the machine and a table, then one JSON line:
 *   render_10k_calls_s  a run with 10,000 calls: the page (the report, as the dashboard serves it) loads
 *                       and draws its call tree, then the Timing tab draws the timeline (target <= 2)
 *   list_1000_runs_s    the dashboard's run list over a log dir of 1,000 runs: `rlm visualize` (built,
 *                       own process) reads the files, the page draws every row (target <= 1)
 * The machine line includes the load average: on a shared machine the figures move with it.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, freemem, loadavg, platform, release, tmpdir, totalmem } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { renderTrajectoryHtml } from '../src/trajectory/render/html.js';
import { launchChromium } from '../test/browser/support/chromium.js';
import { syntheticRun } from '../test/support/synthetic-runs.js';

/** The real `rlm visualize` (built CLI) in its own process, as a user runs it. */
async function startVisualize(logDir: string): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, ['bin/rlm.js', 'visualize', '--port', '0', '--log-dir', logDir], {
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  let stdout = '';
  for await (const chunk of child.stdout ?? []) {
    stdout += String(chunk);
    if (stdout.endsWith('\n')) break;
  }
  return { url: stdout.trim(), child };
}

const work = mkdtempSync(path.join(tmpdir(), 'rlm-bench-viz-'));

const best = async (times: number, measure: () => Promise<number>): Promise<number> => {
  let fastest = Infinity;
  for (let index = 0; index < times; index += 1) fastest = Math.min(fastest, await measure());
  return fastest;
};

async function renderRun(browser: Browser, calls: number): Promise<number> {
  const file = path.join(work, `run-${calls}.html`);
  writeFileSync(file, renderTrajectoryHtml(syntheticRun({ id: `bench-${calls}`, calls, fanOut: 9 })));
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const started = performance.now();
  await page.goto(pathToFileURL(file).href);
  await page.locator('[role="tree"] > li').first().waitFor();
  await page.evaluate('new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)))');
  await page.getByRole('tab', { name: 'Timing' }).click();
  await page.locator(`svg.timeline[data-spans="${calls}"]`).waitFor();
  // …and painted: the next frame after it is in the document.
  await page.evaluate('new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)))');
  const seconds = (performance.now() - started) / 1000;
  await page.close();
  return seconds;
}

async function listRuns(browser: Browser, runs: number): Promise<number> {
  const logDir = mkdtempSync(path.join(work, `logs-${runs}-`));
  for (let index = 0; index < runs; index += 1) {
    const start = new Date(Date.UTC(2026, 0, 1) + index * 60_000).toISOString();
    const run = syntheticRun({
      id: `run-${index}`,
      calls: 10,
      start,
      seed: index + 1,
      success: index % 7 !== 0,
    });
    writeFileSync(
      path.join(logDir, `trajectories_${start.replace(/[:.]/g, '-')}.jsonl`),
      `${JSON.stringify(run)}\n`,
    );
  }
  const dashboard = await startVisualize(logDir);
  try {
    // Best of three page loads; the server re-reads and re-parses every file on each request.
    return await best(3, async () => {
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      const started = performance.now();
      await page.goto(dashboard.url);
      await page
        .locator('table.runs tbody tr')
        .nth(runs - 1)
        .waitFor();
      await page.evaluate('new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)))');
      const seconds = (performance.now() - started) / 1000;
      await page.close();
      return seconds;
    });
  } finally {
    dashboard.child.kill('SIGINT');
    await once(dashboard.child, 'exit');
  }
}

const browser = await launchChromium();
try {
  console.log(
    `machine: ${cpus().length} x ${cpus()[0]?.model ?? 'unknown CPU'}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB RAM (${(freemem() / 2 ** 30).toFixed(1)} free), ${platform()} ${release()}, Chromium ${browser.version()}, Node ${process.version}, load average ${loadavg()
      .map((value) => value.toFixed(1))
      .join(' ')}`,
  );
  const render100 = await best(3, () => renderRun(browser, 100));
  const render10k = await best(3, () => renderRun(browser, 10_000));
  const list10 = await listRuns(browser, 10);
  const list1000 = await listRuns(browser, 1000);
  const row = (name: string, seconds: number, baseline: number, target: number): string =>
    `${name.padEnd(26)} ${seconds.toFixed(3).padStart(7)} s   baseline ${baseline.toFixed(3)} s   ratio ${(seconds / baseline).toFixed(1).padStart(5)}x   target <= ${target} s ${seconds <= target ? 'ok' : 'MISSED'}`;
  console.log(row('render 10,000-call run', render10k, render100, 2) + '   (baseline: 100 calls)');
  console.log(row('list 1,000 runs', list1000, list10, 1) + '   (baseline: 10 runs)');
  console.log(
    JSON.stringify({
      render_10k_calls_s: Number(render10k.toFixed(3)),
      list_1000_runs_s: Number(list1000.toFixed(3)),
    }),
  );
} finally {
  await browser.close();
  rmSync(work, { recursive: true, force: true });
}
