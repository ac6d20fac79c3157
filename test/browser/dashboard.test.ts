/**
 * `rlm visualize` in a real browser (Debian's Chromium): the run list's filters and sort (in the page and
 * through the URL), the call tree (expand, collapse, keyboard, selection), tokens, timing and tools views,
 * compare, opening a file by the file chooser, a live run following its journal, and the report file
 * opened from disk with the network off. Model output full of `<script>`, `</textarea>` and `javascript:`
 * links must stay text.
 */
import type { ChildProcess } from 'node:child_process';
import { appendFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { renderTrajectoryHtml } from '../../src/trajectory/render/html.js';
import type { Trajectory } from '../../src/trajectory/types.js';
import { ensureBuilt, makeTempDir, runRlm, type CliRun } from '../cli/support/cli-process.js';
import { syntheticRun } from '../support/synthetic-runs.js';
import { launchChromium, watchPage, type PageIncidents } from './support/chromium.js';

const PAYLOAD =
  '<script>window.__xss=1;alert(1)</script></textarea><img src=x onerror="window.__xss=2;alert(2)"><a href="javascript:alert(3)">click</a>';

interface Served {
  base: string;
  child: ChildProcess;
  exited: Promise<CliRun>;
}

let cwd: string;
let logDir: string;
let browser: Browser;
let served: Served;
const hostile = syntheticRun({
  id: 'run-hostile-1',
  calls: 12,
  payload: PAYLOAD,
  start: '2026-11-03T10:00:00.000Z',
});
const failed = syntheticRun({
  id: 'run-failed-2',
  calls: 30,
  success: false,
  model: 'gpt-5',
  backend: 'openai',
  start: '2026-11-04T10:00:00.000Z',
  task: 'Summarise the deploy logs',
});
const small = syntheticRun({
  id: 'run-small-3',
  calls: 3,
  start: '2026-11-05T10:00:00.000Z',
  task: 'Tiny task',
  seed: 9,
});

function writeRuns(dir: string, runs: Trajectory[]): void {
  writeFileSync(
    join(dir, 'trajectories_2026-11-05T10-00-00-000Z.jsonl'),
    runs.map((run) => JSON.stringify(run)).join('\n') + '\n',
  );
}

function startVisualize(): Promise<Served> {
  return new Promise((resolve, reject) => {
    const exited = runRlm(['visualize', '--port', '0', '--log-dir', logDir], {
      cwd,
      onSpawn: (child) => {
        let stdout = '';
        child.stdout?.on('data', (chunk: Buffer) => {
          stdout += chunk.toString();
          if (stdout.endsWith('\n')) resolve({ base: stdout.trim(), child, exited });
        });
      },
    });
    exited.then((run) => reject(new Error(`rlm visualize exited early: ${run.stderr}`)), reject);
  });
}

beforeAll(async () => {
  ensureBuilt();
  cwd = makeTempDir('browser-dashboard');
  logDir = join(cwd, 'logs');
  mkdirSync(logDir);
  writeRuns(logDir, [hostile, failed, small]);
  browser = await launchChromium();
  served = await startVisualize();
});

afterAll(async () => {
  await browser?.close();
  if (served && served.child.exitCode === null && served.child.signalCode === null)
    served.child.kill('SIGKILL');
});

async function open(path: string): Promise<{ page: Page; incidents: PageIncidents }> {
  const page = await browser.newPage();
  const incidents = watchPage(page);
  const response = await page.goto(`${served.base}${path}`);
  expect(response?.status()).toBe(200);
  return { page, incidents };
}

async function expectInert(page: Page, incidents: PageIncidents): Promise<void> {
  expect(await page.evaluate('typeof window.__xss')).toBe('undefined');
  expect(await page.locator('#rlm-app img, #rlm-app textarea, #rlm-app a[href^="javascript"]').count()).toBe(
    0,
  );
  expect(incidents.dialogs).toEqual([]);
  expect(incidents.pageErrors).toEqual([]);
  expect(incidents.consoleErrors).toEqual([]);
}

const rowIds = (page: Page) =>
  page.locator('table.runs tbody tr').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-id')));

it('lists runs newest first; filters and sort work in the page and through the URL', async () => {
  const { page, incidents } = await open('');
  expect(await rowIds(page)).toEqual(['run-small-3', 'run-failed-2', 'run-hostile-1']);
  expect(await page.locator('tr[data-id="run-hostile-1"] td.task').innerText()).toBe(hostile.task);

  await page.getByLabel('Status', { exact: true }).selectOption('failed');
  expect(await rowIds(page)).toEqual(['run-failed-2']);
  expect(page.url()).toBe(`${served.base}?status=failed`);
  await page.getByLabel('Status', { exact: true }).selectOption('');
  await page.getByLabel('Sort by').selectOption('tokens');
  expect(await rowIds(page)).toEqual(['run-failed-2', 'run-hostile-1', 'run-small-3']);
  await page.getByLabel('Task contains').fill('deploy');
  expect(await rowIds(page)).toEqual(['run-failed-2']);
  expect(page.url()).toBe(`${served.base}?q=deploy&sort=tokens`);
  await expectInert(page, incidents);

  const shared = await open('?status=ok&sort=duration&order=asc');
  expect(await rowIds(shared.page)).toEqual(['run-small-3', 'run-hostile-1']);
  expect(await shared.page.getByLabel('Status', { exact: true }).inputValue()).toBe('ok');
  const dated = await open('?from=2026-11-04&to=2026-11-04&backend=openai');
  expect(await rowIds(dated.page)).toEqual(['run-failed-2']);
  await Promise.all([page.close(), shared.page.close(), dated.page.close()]);
});

it('call tree: collapsible by mouse and keyboard, coloured by depth; a node shows prompt, response, code and output', async () => {
  const { page, incidents } = await open('runs/run-hostile-1');
  const tree = page.getByRole('tree', { name: 'Call tree' });
  const top = tree.locator(':scope > li');
  expect(await top.count()).toBe(3);
  const first = top.first();
  expect(await first.getAttribute('aria-expanded')).toBe('true');
  expect(await first.locator(':scope > ul > li').count()).toBe(4);
  expect(await first.locator(':scope > ul > li').first().getAttribute('class')).toBe('depth-1');
  expect(await first.getAttribute('class')).toBe('depth-0');

  await first.locator(':scope > .row .twisty').click();
  expect(await first.getAttribute('aria-expanded')).toBe('false');
  expect(await first.locator(':scope > ul').isVisible()).toBe(false);
  await first.focus();
  await page.keyboard.press('ArrowRight');
  expect(await first.getAttribute('aria-expanded')).toBe('true');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  const detail = page.locator('.call-detail');
  expect(await detail.getAttribute('data-id')).toBe(hostile.calls[1]?.call_id);

  await first.locator(':scope > .row .label').click();
  expect(await first.getAttribute('aria-selected')).toBe('true');
  expect(await detail.locator('details.prompt pre').textContent()).toBe(hostile.calls[0]?.prompt);
  expect(await detail.locator('details.response pre').innerText()).toBe(hostile.calls[0]?.response);
  expect(await detail.locator('details.code pre').innerText()).toBe(hostile.calls[0]?.executions[0]?.code);
  expect(await detail.locator('details.stdout pre').innerText()).toBe(
    hostile.calls[0]?.executions[0]?.stdout,
  );
  expect(await detail.locator('details.response pre').innerText()).toContain('<script>window.__xss=1');
  await expectInert(page, incidents);
  await page.close();
});

it('a big run opens quickly: only the first call open, levels drawn 200 at a time behind "Show more"', async () => {
  const dir = makeTempDir('browser-big');
  const path = join(dir, 'big.html');
  const big = syntheticRun({ id: 'big-run', calls: 2000, fanOut: 3 });
  writeFileSync(path, renderTrajectoryHtml(big));
  const page = await browser.newPage();
  const incidents = watchPage(page);
  await page.goto(pathToFileURL(path).href);
  const top = page.getByRole('tree').locator(':scope > li[role="treeitem"]');
  expect(await top.count()).toBe(200);
  expect(await page.getByRole('tree').locator('li[aria-expanded="true"]').count()).toBe(1);
  const topLevel = big.calls.filter((call) => call.parent_id === null).length;
  const more = page.getByRole('button', { name: `Show 200 more of ${topLevel - 200}` });
  await more.click();
  expect(await top.count()).toBe(400);
  await page.getByRole('tab', { name: 'Timing' }).click();
  expect(await page.locator('svg.timeline').getAttribute('data-spans')).toBe('2000');
  expect(await page.locator('#static-report section.call').count()).toBe(500);
  expect(incidents.pageErrors).toEqual([]);
  await page.close();
});

it('tokens, timing and tools views draw from the run', async () => {
  const { page, incidents } = await open('runs/run-failed-2');
  await page.getByRole('tab', { name: 'Tokens & cost' }).click();
  expect(await page.locator('svg.bars > g').count()).toBe(failed.calls.length);
  expect(await page.locator('svg.bars rect.seg-cr').count()).toBe(
    failed.calls.filter((c) => c.cache_read_tokens > 0).length,
  );
  expect(await page.locator('table.per-model tbody tr').count()).toBe(3);
  expect(await page.locator('table.per-call tbody tr').count()).toBe(failed.calls.length);

  await page.keyboard.press('ArrowRight');
  expect(await page.getByRole('tab', { name: 'Timing' }).getAttribute('aria-selected')).toBe('true');
  expect(page.url()).toContain('#tab=timing');
  expect(await page.locator('svg.timeline rect.span').count()).toBe(failed.calls.length);
  expect(await page.locator('svg.timeline rect.critical').count()).toBeGreaterThanOrEqual(failed.iterations);
  expect(await page.locator('svg.timeline rect.slow').count()).toBe(5);
  expect(await page.locator('ol.slowest li').count()).toBe(5);

  await page.getByRole('tab', { name: 'Tools' }).click();
  const tools = await page.locator('table.tools tbody tr').allInnerTexts();
  expect(tools.map((row) => row.split('\t')[0])).toEqual(['llm_query', 'rlm_query', 'search_issues']);
  await expectInert(page, incidents);
  await page.close();
});

it('compare: side by side figures and the Winner summary, reached by ticking runs in the list', async () => {
  const { page, incidents } = await open('');
  await page.getByLabel('Select run-small-3 for comparison').check();
  await page.getByLabel('Select run-failed-2 for comparison').check();
  await page.getByRole('button', { name: 'Compare selected' }).click();
  await page.waitForURL(`${served.base}compare?ids=run-small-3,run-failed-2`);
  const summary = await page.locator('pre.winner-summary').innerText();
  expect(summary.split('\n')[0]).toBe('Model Comparison:');
  expect(summary).toContain('Winner: claude-sonnet-4-5 (');
  expect(await page.locator('table.compare-runs tbody tr').count()).toBe(12);
  expect(await page.locator('table.compare-runs tr', { hasText: 'Status' }).innerText()).toBe(
    'Status\tok\tfailed',
  );
  expect(await page.locator('table.compare-models tbody tr').count()).toBe(3);
  await expectInert(page, incidents);
  await page.close();
});

it('opens a trajectory file picked in the file chooser without sending it anywhere', async () => {
  const { page, incidents } = await open('');
  const file = join(cwd, 'picked.jsonl');
  writeFileSync(file, `${JSON.stringify(syntheticRun({ id: 'picked-run', calls: 4, payload: PAYLOAD }))}\n`);
  const requestsBefore = incidents.requests.length;
  const chooser = page.waitForEvent('filechooser');
  await page.getByLabel('Open a trajectory file').click();
  await (await chooser).setFiles(file);
  await page.locator('.run-view[data-id="picked-run"]').waitFor();
  expect(await page.locator('.imported').innerText()).toContain('picked.jsonl');
  expect(await page.getByRole('tree').locator('li').count()).toBe(4);
  expect(incidents.requests.length).toBe(requestsBefore);
  await expectInert(page, incidents);
  await page.close();
});

it('downloads the run as JSON and JSONL', async () => {
  const { page } = await open('runs/run-small-3');
  for (const [button, parse] of [
    ['Download JSON', (text: string) => JSON.parse(text) as unknown],
    ['Download JSONL', (text: string) => JSON.parse(text.trimEnd().split('\n')[0] ?? '') as unknown],
  ] as const) {
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: button, exact: true }).click();
    const file = await (await download).path();
    const text = readFileSync(file, 'utf8');
    expect(parse(text)).toEqual(small);
    if (button === 'Download JSONL') expect(text.trimEnd().split('\n')).toHaveLength(1);
  }
  await page.close();
});

it('opens an official RLM library log picked in the file chooser as a run', async () => {
  const { page, incidents } = await open('');
  const file = join(cwd, 'rlm_2026-11-22_09-00-00_ab12cd34.jsonl');
  const records = [
    {
      type: 'metadata',
      timestamp: '2026-11-22T09:00:00.000000',
      root_model: 'gpt-5-mini',
      max_depth: 1,
      max_iterations: 10,
      backend: 'openai',
      backend_kwargs: { api_key: 'sk-proj-abcdefghijklmnop123456' },
      environment_type: 'local',
      environment_kwargs: {},
      other_backends: null,
    },
    {
      type: 'iteration',
      iteration: 1,
      timestamp: '2026-11-22T09:00:05.000000',
      prompt: [{ role: 'user', content: `Count ${PAYLOAD}` }],
      response: '```repl\nprint(llm_query("n"))\n```',
      code_blocks: [
        {
          code: 'print(llm_query("n"))',
          result: {
            stdout: '3\n',
            stderr: '',
            locals: {},
            execution_time: 1,
            rlm_calls: [
              {
                root_model: 'gpt-5-nano',
                prompt: 'n',
                response: '3',
                execution_time: 0.5,
                usage_summary: {
                  model_usage_summaries: {
                    'gpt-5-nano': { total_calls: 1, total_input_tokens: 10, total_output_tokens: 2 },
                  },
                },
              },
            ],
          },
        },
      ],
      final_answer: '3',
      iteration_time: 5,
    },
  ];
  writeFileSync(file, records.map((record) => JSON.stringify(record)).join('\n') + '\n');
  const chooser = page.waitForEvent('filechooser');
  await page.getByLabel('Open a trajectory file').click();
  await (await chooser).setFiles(file);
  const view = page.locator('.run-view[data-id="rlmpy-rlm_2026-11-22_09-00-00_ab12cd34"]');
  await view.waitFor();
  expect(await view.locator('.summary').innerText()).toMatch(
    /^ok gpt-5-mini · openai · local · 5\.0 s · 12 tokens · unknown · 2 calls · depth 1$/,
  );
  expect(await page.getByRole('tree').locator('li').count()).toBe(2);
  await page.getByRole('tree').locator('li').first().locator(':scope > .row .label').click();
  expect(await page.locator('.call-detail details.prompt pre').textContent()).toBe(`Count ${PAYLOAD}`);
  expect(await page.locator('body').innerText()).not.toContain('sk-proj');
  await expectInert(page, incidents);
  await page.close();
});

it('a run in progress updates as its journal grows', async () => {
  const live = syntheticRun({ id: 'run-live-4', calls: 6, start: '2026-11-06T10:00:00.000Z' });
  const journal = join(logDir, '.journal', 'run-live-4.jsonl');
  mkdirSync(join(logDir, '.journal'), { recursive: true });
  const {
    calls,
    end_time: _e,
    duration_ms: _d,
    success: _s,
    error: _er,
    final_answer: _f,
    limits_hit: _l,
    iterations: _i,
    max_depth_reached: _m,
    total_tokens: _t,
    total_tokens_in: _ti,
    total_tokens_out: _to,
    total_cache_read_tokens: _cr,
    total_cache_write_tokens: _cw,
    total_cost_usd: _c,
    ...header
  } = live;
  const at = new Date().toISOString();
  const line = (value: unknown) => `${JSON.stringify(value)}\n`;
  writeFileSync(
    journal,
    line({ type: 'header', at, pid: process.pid, host: hostname(), data: header }) +
      line({ type: 'call', at, data: calls[0] }),
  );
  const { page, incidents } = await open('runs/run-live-4');
  expect(await page.locator('.live').isVisible()).toBe(true);
  expect(await page.getByRole('tree').locator('li').count()).toBe(1);
  for (const call of calls.slice(1, 4))
    appendFileSync(journal, line({ type: 'call', at: new Date().toISOString(), data: call }));
  // Waiting on the DOM from outside: the page's policy forbids the eval behind waitForFunction.
  await page.getByRole('tree').locator('li').nth(3).waitFor({ timeout: 10_000 });
  expect(await page.getByRole('tree').locator('li').count()).toBe(4);
  expect(await page.locator('.live').innerText()).toContain('4 calls so far');
  expect(incidents.requests.some((url) => url.endsWith('/api/runs/run-live-4'))).toBe(true);

  // The outcome record ends the run: the page reloads once and shows the finished report.
  const outcome = {
    end_time: live.end_time,
    duration_ms: live.duration_ms,
    success: true,
    error: null,
    final_answer: 'all done',
    limits_hit: [],
    iterations: 2,
    max_depth_reached: 1,
  };
  appendFileSync(journal, line({ type: 'outcome', at: new Date().toISOString(), data: outcome }));
  await page.locator('#static-report pre.answer').waitFor({ timeout: 10_000 });
  expect(await page.locator('#static-report pre.answer').innerText()).toBe('all done');
  expect(await page.locator('.live').count()).toBe(0);
  expect(await page.getByRole('tree').locator('li').count()).toBe(4);
  expect(incidents.pageErrors).toEqual([]);
  await page.close();
});

it('the report file works from disk with the network off: same views, nothing fetched', async () => {
  const dir = makeTempDir('browser-offline');
  const path = join(dir, 'report.html');
  writeFileSync(path, renderTrajectoryHtml(hostile));
  const context = await browser.newContext();
  await context.setOffline(true);
  const page = await context.newPage();
  const incidents = watchPage(page);
  await page.goto(pathToFileURL(path).href);
  expect(await page.getByRole('tree').locator(':scope > li').count()).toBe(3);
  await page.getByRole('tab', { name: 'Timing' }).click();
  expect(await page.locator('svg.timeline rect.span').count()).toBe(hostile.calls.length);
  await page.getByRole('tab', { name: 'Tools' }).click();
  expect(await page.locator('table.tools tbody tr').count()).toBe(3);
  expect(await page.locator('#static-report pre.answer').innerText()).toBe(hostile.final_answer);
  expect(incidents.requests).toEqual([pathToFileURL(path).href]);
  await expectInert(page, incidents);
  await context.close();
});

it('stops on SIGINT with exit code 0', async () => {
  served.child.kill('SIGINT');
  const run = await served.exited;
  expect(run.code).toBe(0);
  expect(run.stderr).toContain('(Ctrl-C to stop)');
});
