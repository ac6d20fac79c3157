/**
 * The self-contained HTML report (the Action artifact) opened from disk in headless Chromium: it must render
 * with no request but its own file, fold and unfold, show what it cut and what it does not know, and keep
 * model-written HTML as text in the live DOM.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { assembleTrajectory } from '../../src/trajectory/assemble.js';
import { renderTrajectoryHtml } from '../../src/trajectory/render/html.js';
import type { Trajectory } from '../../src/trajectory/types.js';
import { makeTempDir } from '../cli/support/cli-process.js';
import { makeCall, makeExecution, makeHeader, makeOutcome } from '../trajectory/support/records.js';
import { launchChromium, pngSize, watchPage, type PageIncidents } from './support/chromium.js';

const TASK = 'Which services fail? <script>window.__xss="task";alert("task")</script>';
const ANSWER = "auth fails most <img src=x onerror=\"window.__xss='answer';alert('answer')\">";
const SCAN_CODE =
  'for line in context.splitlines():\n    print(line)  # </pre><script>alert("code")</script>';
// Longer than the default 20,000-character field limit, with the model's HTML at both ends.
const LONG_STDOUT = `<b>head</b>\n${'auth: timeout\n'.repeat(2500)}<i>tail</i>\n`;
const TRACEBACK = 'Traceback (most recent call last):\nZeroDivisionError: division by zero';

/** A depth-2 run: root scans the logs, a child RLM asks an unpriced sub-model, one block fails, root answers. */
function realisticRun(): Trajectory {
  const calls = [
    makeCall({
      call_id: 'r1',
      response: `\`\`\`repl\n${SCAN_CODE}\n\`\`\``,
      tools_used: ['rlm_query'],
      executions: [
        makeExecution({
          code: SCAN_CODE,
          stdout: LONG_STDOUT,
          stdout_truncated_bytes: 4096,
          duration_ms: 840,
        }),
      ],
    }),
    makeCall({ call_id: 'c1', parent_id: 'r1', node_id: 'root.1', depth: 1, tools_used: ['llm_query'] }),
    makeCall({
      call_id: 'q1',
      parent_id: 'c1',
      node_id: 'root.1',
      depth: 2,
      kind: 'llm_query',
      iteration: 0,
      model: 'claude-haiku-4-5',
      cost_usd: null,
      tokens_in: 7,
      tokens_out: 3,
    }),
    makeCall({
      call_id: 'c2',
      parent_id: 'r1',
      node_id: 'root.1',
      depth: 1,
      iteration: 2,
      executions: [makeExecution({ code: 'rate = 1 / 0', stdout: '', status: 'error', error: TRACEBACK })],
    }),
    makeCall({
      call_id: 'r2',
      iteration: 2,
      response: `\`\`\`repl\nFINAL(${JSON.stringify(ANSWER)})\n\`\`\``,
    }),
  ];
  return assembleTrajectory(
    makeHeader({ task: TASK, trajectory_id: 'traj-browser-1' }),
    calls,
    makeOutcome({ final_answer: ANSWER, max_depth_reached: 2 }),
  );
}

let browser: Browser;
let dir: string;
let fileUrl: string;

beforeAll(async () => {
  dir = makeTempDir('browser-report');
  const path = join(dir, 'report.html');
  writeFileSync(path, renderTrajectoryHtml(realisticRun()));
  fileUrl = pathToFileURL(path).href;
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
});

async function openReport(): Promise<{ page: Page; incidents: PageIncidents }> {
  const page = await browser.newPage();
  const incidents = watchPage(page);
  await page.goto(fileUrl);
  return { page, incidents };
}

/** The `<details>` whose own summary starts with `label`, inside `scope`. */
function fold(page: Page, scope: string, label: RegExp) {
  return page.locator(`${scope} details`, { has: page.locator(':scope > summary', { hasText: label }) });
}

it('renders from disk with no request but the file itself, and no dialog or error', async () => {
  const { page, incidents } = await openReport();
  expect(await page.title()).toBe('RLM run traj-browser-1');
  expect(await page.locator('h1').innerText()).toBe('RLM run traj-browser-1 ✔');
  expect(await page.locator('section.call').count()).toBe(5);
  expect(incidents).toEqual({ dialogs: [], consoleErrors: [], pageErrors: [], requests: [fileUrl] });

  const path = join(dir, 'report.png');
  await page.screenshot({ path, fullPage: true });
  const png = readFileSync(path);
  expect(pngSize(png).width).toBe(1280);
  expect(pngSize(png).height).toBeGreaterThan(720);
  expect(png.length).toBeGreaterThan(20_000);
  await page.close();
});

it('keeps model-written HTML as text in the live DOM', async () => {
  const { page, incidents } = await openReport();
  // The page's own script and its JSON data, nothing written by the model.
  expect(await page.locator('script').count()).toBe(2);
  expect(await page.locator('script[type="application/json"]').count()).toBe(1);
  expect(await page.locator('img, b, i').count()).toBe(0);
  expect(await page.locator('details').first().locator('pre').innerText()).toBe(TASK);
  expect(await page.locator('pre.answer').innerText()).toBe(ANSWER);
  expect(await page.evaluate('typeof window.__xss')).toBe('undefined');
  expect(incidents.dialogs).toEqual([]);
  expect(incidents.consoleErrors).toEqual([]);
  await page.close();
});

it('unfolds a code block on click, revealing its code and its cut output with both notes', async () => {
  const { page } = await openReport();
  const execution = page.locator('#call-r1 details', {
    has: page.locator(':scope > summary', { hasText: /^Code block 0 · ok/ }),
  });
  const code = fold(page, '#call-r1', /^Code \(/).locator('pre');
  const stdout = fold(page, '#call-r1', /^stdout \(/);
  expect(await execution.getAttribute('open')).toBeNull();
  expect(await code.isVisible()).toBe(false);

  await execution.locator(':scope > summary').click();
  expect(await execution.getAttribute('open')).toBe('');
  expect(await code.isVisible()).toBe(true);
  expect(await code.innerText()).toBe(SCAN_CODE);
  // Code and output are indented under the block's summary, so the nesting shows.
  const summaryBox = await execution.locator(':scope > summary').boundingBox();
  const codeFoldBox = await fold(page, '#call-r1', /^Code \(/).boundingBox();
  expect(codeFoldBox?.x).toBeGreaterThan(summaryBox?.x ?? Infinity);
  expect(await stdout.locator('summary').innerText()).toMatch(/^stdout \([\d,]+ chars, [\d,]+ omitted\)$/);
  const output = await stdout.locator('pre').innerText();
  expect(output.startsWith('<b>head</b>\nauth: timeout\n')).toBe(true);
  expect(output).toMatch(/\n… \[[\d,]+ characters omitted\] …\n/);
  expect(output.endsWith('<i>tail</i>\n\n[sandbox cut 4,096 bytes of this output]')).toBe(true);

  await execution.locator(':scope > summary').click();
  expect(await code.isVisible()).toBe(false);
  await page.close();
});

it('opens failed blocks by default and folds the long prompts until asked', async () => {
  const { page } = await openReport();
  const failed = page.locator('#call-c2 details', { has: page.locator(':scope > summary.bad') });
  expect(await failed.getAttribute('open')).toBe('');
  expect(
    await fold(page, '#call-c2', /^Error \(/)
      .locator('pre')
      .innerText(),
  ).toBe(TRACEBACK);

  const system = page.locator('details', {
    has: page.locator(':scope > summary', { hasText: /^System prompt/ }),
  });
  expect(await system.locator('pre').isVisible()).toBe(false);
  await system.locator('summary').click();
  expect(await system.locator('pre').innerText()).toBe('You are an RLM.');
  await page.close();
});

it('says "unknown" for a cost it does not know, in the table, the facts and the call tree', async () => {
  const { page } = await openReport();
  const rows = await page.locator('table.cost tbody tr').allInnerTexts();
  expect(rows).toEqual([
    expect.stringMatching(/^claude-sonnet-4-5\t4\t400\t80\t20\t12\t\$0\.0048$/),
    expect.stringMatching(/^claude-haiku-4-5\t1\t7\t3\t5\t3\tunknown$/),
    expect.stringMatching(/^Total\t5\t407\t83\t25\t15\tunknown$/),
  ]);
  expect(await page.locator('table.facts tr', { hasText: /^Cost/ }).locator('td').innerText()).toBe(
    'unknown',
  );
  expect(await page.locator('.tree a', { hasText: 'llm_query' }).innerText()).toContain(' · unknown · ');
  await page.close();
});

it('nests the call tree and every tree link lands on its call', async () => {
  const { page } = await openReport();
  expect(await page.locator('.tree > ul > li').count()).toBe(2);
  expect(await page.locator('.tree > ul > li > ul > li > ul > li').count()).toBe(1);
  const hrefs: Array<string | null> = [];
  for (const link of await page.locator('.tree a').all()) hrefs.push(await link.getAttribute('href'));
  expect(hrefs).toEqual(['#call-r1', '#call-c1', '#call-q1', '#call-c2', '#call-r2']);
  for (const href of hrefs) expect(await page.locator(`[id="${(href ?? '').slice(1)}"]`).count()).toBe(1);

  expect(await page.evaluate('window.scrollY')).toBe(0);
  await page.locator('.tree a[href="#call-r2"]').click();
  expect(page.url()).toBe(`${fileUrl}#call-r2`);
  expect(await page.evaluate('window.scrollY')).toBeGreaterThan(0);
  await page.close();
});

it('the page policy blocks an injected script even when opened from disk', async () => {
  const { page, incidents } = await openReport();
  await page.evaluate('window.__probe = 1');
  expect(await page.evaluate('typeof window.__probe')).toBe('number');
  const violation = page.waitForEvent('console', {
    predicate: (message) => message.text().includes('Content Security Policy'),
  });
  violation.catch(() => undefined); // awaited below; a failed check above must not leave it unhandled
  await page.evaluate(`(() => {
    const script = document.createElement('script');
    script.textContent = 'window.__xss = "injected"; alert("injected")';
    document.body.append(script);
  })()`);
  expect(await page.evaluate('typeof window.__xss')).toBe('undefined');
  // ...because the policy refused it, not because it was never tried.
  await violation;
  expect(incidents.dialogs).toEqual([]);
  expect(incidents.requests).toEqual([fileUrl]);
  await page.close();
});

it('shows image outputs inline under the page policy, and model-chosen output names as text', async () => {
  const png = Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4z8AAAAMBAQDJ/pLvAAAAAElFTkSuQmCC',
    'base64',
  );
  const name = 'chart<img src=x onerror=alert(1)>.png';
  const run = assembleTrajectory(
    makeHeader({ trajectory_id: 'traj-outputs' }),
    [],
    makeOutcome({
      outputs: [
        { path: name, bytes: png.length, sha256: 'a'.repeat(64), media_type: 'image/png' },
        { path: 'table.csv', bytes: 8, sha256: 'b'.repeat(64), media_type: 'text/csv' },
      ],
      outputs_skipped: [{ path: 'passwd', reason: 'symlink (not followed)' }],
      outputs_dir: 'traj-outputs/outputs',
    }),
  );
  const path = join(dir, 'outputs.html');
  writeFileSync(path, renderTrajectoryHtml(run, { images: new Map([[name, png]]) }));
  const page = await browser.newPage();
  const incidents = watchPage(page);
  await page.goto(pathToFileURL(path).href);
  const image = page.locator('ul.outputs img.output');
  expect(await image.count()).toBe(1);
  // Decoded under "img-src data:": a blocked image would have no natural size.
  expect(await page.evaluate("document.querySelector('ul.outputs img.output').naturalWidth")).toBe(1);
  expect(await image.getAttribute('alt')).toBe(name);
  expect(await page.locator('ul.outputs li').allInnerTexts()).toEqual([
    expect.stringContaining(name),
    expect.stringMatching(/^table\.csv 8 B · text\/csv/),
    'skipped passwd: symlink (not followed)',
  ]);
  expect(incidents).toEqual({
    dialogs: [],
    consoleErrors: [],
    pageErrors: [],
    requests: [pathToFileURL(path).href],
  });
  await page.close();
});
