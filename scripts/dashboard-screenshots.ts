/**
 * npm run screenshots — regenerates docs/img/dashboard-*.png, the pictures in docs/dashboard.md: each view
 * of `rlm visualize` over made-up runs, in Debian's headless Chromium. Deterministic data, so a change in a
 * picture is a change in the page.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startDashboard } from '../src/cli/dashboard-server.js';
import { launchChromium } from '../test/browser/support/chromium.js';
import { syntheticRun } from '../test/support/synthetic-runs.js';

const out = path.resolve('docs/img');
mkdirSync(out, { recursive: true });
// A fixed path: the list shows it, and the pictures should only change when the page does.
const logDir = path.join(tmpdir(), 'rlm-dashboard-screenshots', 'logs');
rmSync(logDir, { recursive: true, force: true });
mkdirSync(logDir, { recursive: true });
const runs = [
  syntheticRun({
    id: 'a1c3e5f7-review-pr',
    calls: 23,
    start: '2026-11-20T09:12:00.000Z',
    task: 'Review this PR diff for security problems',
  }),
  syntheticRun({
    id: 'b2d4f6a8-logs-triage',
    calls: 41,
    start: '2026-11-21T14:03:00.000Z',
    model: 'gpt-5',
    subModel: 'gpt-5-mini',
    backend: 'openai',
    seed: 4,
    task: 'Which services in these logs are failing, how often and why?',
  }),
  syntheticRun({
    id: 'c3e5a7b9-flaky-tests',
    calls: 12,
    start: '2026-11-22T08:40:00.000Z',
    success: false,
    seed: 9,
    task: 'Find the flaky tests in this CI history',
  }),
  syntheticRun({
    id: 'd4f6b8c0-changelog',
    calls: 6,
    start: '2026-11-23T17:25:00.000Z',
    model: 'claude-opus-4-5',
    seed: 2,
    task: 'Write the changelog for release 2.4',
  }),
];
writeFileSync(
  path.join(logDir, 'trajectories_2026-11-23T17-25-00-000Z.jsonl'),
  runs.map((run) => `${JSON.stringify(run)}\n`).join(''),
);

const dashboard = await startDashboard(logDir, 0);
const browser = await launchChromium();
try {
  for (const scheme of ['light', 'dark'] as const) {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 }, colorScheme: scheme });
    const shot = async (name: string): Promise<void> => {
      if (scheme === 'dark' && name !== 'tree') return;
      await page.screenshot({
        path: path.join(out, `dashboard-${name}${scheme === 'dark' ? '-dark' : ''}.png`),
      });
    };
    await page.goto(`${dashboard.url}?sort=tokens`);
    await shot('list');
    await page.goto(`${dashboard.url}runs/${runs[1]?.trajectory_id ?? ''}`);
    await page.locator('#rlm-app').scrollIntoViewIfNeeded();
    await page.locator('[role="tree"] > li .label').first().click();
    await page.evaluate('document.getElementById("rlm-app").scrollIntoView()');
    await shot('tree');
    for (const [tab, name] of [
      ['Tokens & cost', 'tokens'],
      ['Timing', 'timing'],
      ['Tools', 'tools'],
    ] as const) {
      await page.getByRole('tab', { name: tab }).click();
      await page.evaluate('document.getElementById("rlm-app").scrollIntoView()');
      await shot(name);
    }
    await page.goto(`${dashboard.url}compare?ids=${runs.map((run) => run.trajectory_id).join(',')}`);
    await shot('compare');
    await page.close();
  }
  console.log(`screenshots written to ${out}`);
} finally {
  await browser.close();
  await dashboard.close();
  rmSync(logDir, { recursive: true, force: true });
}
