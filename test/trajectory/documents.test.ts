import { PAGE_SCRIPT } from '../../src/viz/page-script.generated.js';
import { PAGE_SCRIPT_HASH, PAGE_STYLE_HASH } from '../../src/viz/page-html.js';
import { assembleTrajectory } from '../../src/trajectory/assemble.js';
import { Redactor } from '../../src/trajectory/redactor.js';
import { renderTrajectoryHtml } from '../../src/trajectory/render/html.js';
import { renderTrajectoryMarkdown } from '../../src/trajectory/render/markdown.js';
import type { Trajectory } from '../../src/trajectory/types.js';
import { depthTwoRun } from './support/depth-two-run.js';
import { makeCall, makeExecution, makeHeader, makeOutcome } from './support/records.js';

const SCRIPT = '<script>alert("x")</script>';

function hostileRun(): Trajectory {
  return assembleTrajectory(
    makeHeader({ task: `task ${SCRIPT}`, trajectory_id: `id-${SCRIPT}`, model: `model-${SCRIPT}` }),
    [
      makeCall({
        call_id: `call-${SCRIPT}`,
        model: `model-${SCRIPT}`,
        prompt: `prompt ${SCRIPT}`,
        response: `response ${SCRIPT}`,
        error: `error ${SCRIPT}`,
        executions: [
          makeExecution({
            code: `code ${SCRIPT}`,
            stdout: `stdout ${SCRIPT}`,
            stderr: `stderr ${SCRIPT}`,
            status: `status-${SCRIPT}`,
          }),
        ],
      }),
    ],
    makeOutcome({
      final_answer: `answer ${SCRIPT}`,
      error: `outcome ${SCRIPT}`,
      limits_hit: [`limit-${SCRIPT}`],
    }),
  );
}

describe('renderTrajectoryMarkdown', () => {
  it('contains the facts, the final answer, the cost table and the call tree', () => {
    const markdown = renderTrajectoryMarkdown(depthTwoRun());

    expect(markdown).toContain('# RLM run `traj-0001`');
    expect(markdown).toContain('```\nThe log has 1024 chars.\n```');
    expect(markdown).toContain('| Depth reached | 2 |');
    expect(markdown).toContain('| Cost | unknown |');
    expect(markdown).toContain('| Tokens | 490 (407 in / 83 out, cache 25 read / 15 write) |');
    expect(markdown).toContain('| **Total** | **5** | **407** | **83** | **25** | **15** | **unknown** |');
    expect(markdown).toContain('│  └─ llm_query root.1 sub-call · claude-haiku-4-5');
    expect(markdown.indexOf('## Final answer')).toBeLessThan(markdown.indexOf('## Cost'));
    expect(markdown.indexOf('## Cost')).toBeLessThan(markdown.indexOf('## Call tree'));
  });

  it('folds each prompt, response, code block and output into details blocks', () => {
    const markdown = renderTrajectoryMarkdown(depthTwoRun());

    expect(markdown.match(/<details><summary>Prompt /g)).toHaveLength(5);
    expect(markdown.match(/<details><summary>Response /g)).toHaveLength(5);
    expect(markdown.match(/<details><summary>Code block /g)).toHaveLength(2);
    expect(markdown).toContain('<details><summary>Code block 0 · ⚠️ error · 12 ms</summary>');
    expect(markdown).toContain('```python\nrlm_query("look", context[:10])\n```');
    expect(markdown).toContain('ZeroDivisionError: division by zero');
    expect(markdown.match(/<details>/g)?.length).toBe(markdown.match(/<\/details>/g)?.length);
  });

  it('truncates long fields, keeping head and tail, and says how much was left out', () => {
    const long = `HEAD${'m'.repeat(5000)}TAIL`;
    const trajectory = assembleTrajectory(makeHeader(), [makeCall({ prompt: long })], makeOutcome());

    const markdown = renderTrajectoryMarkdown(trajectory, { maxCharsPerField: 300 });

    expect(markdown).toContain('<details><summary>Prompt (5,008 chars, 4,708 omitted)</summary>');
    expect(markdown).toContain('… [4,708 characters omitted] …');
    expect(markdown).toMatch(/```text\nHEADm*\n… \[4,708 characters omitted\] …\nm*TAIL\n```/);
  });

  it('keeps a fence inside model output from closing its block', () => {
    const trajectory = assembleTrajectory(
      makeHeader(),
      [makeCall({ response: 'text\n```\n# not a heading\n```' })],
      makeOutcome(),
    );

    const markdown = renderTrajectoryMarkdown(trajectory);

    expect(markdown).toContain('````markdown\ntext\n```\n# not a heading\n```\n````');
  });

  it('can leave out the per-call sections for short surfaces', () => {
    const markdown = renderTrajectoryMarkdown(depthTwoRun(), { includeCalls: false });

    expect(markdown).toContain('## Call tree');
    expect(markdown).not.toContain('## Calls');
    expect(markdown).not.toContain('<details>');
  });

  it('neither lets model text become HTML nor mentions anyone from a table cell', () => {
    const trajectory = hostileRun();
    trajectory.limits_hit = ['@octocat'];

    const markdown = renderTrajectoryMarkdown(trajectory);

    // Fenced blocks and code spans show their content literally; everywhere else it must be escaped.
    const markup = markdown.replace(/(`{3,})[^\n]*\n[\s\S]*?\n\1/g, '').replace(/`[^`\n]*`/g, '');
    expect(markup).not.toContain('<script>');
    expect(markup).toContain('&lt;script&gt;');
    expect(markup).not.toContain('@octocat');
  });

  it('redacts with a given redactor before rendering', () => {
    const trajectory = assembleTrajectory(makeHeader({ task: 'use leaked-value-9876' }), [], makeOutcome());

    const markdown = renderTrajectoryMarkdown(trajectory, { redactor: new Redactor(['leaked-value-9876']) });

    expect(markdown).not.toContain('leaked-value-9876');
    expect(markdown).toContain('use [REDACTED]');
  });
});

describe('renderTrajectoryHtml', () => {
  it('escapes every model- and user-provided value, so no <script> survives', () => {
    const html = renderTrajectoryHtml(hostileRun());

    // Only the page's own two script elements: the inert JSON data and the hashed page script.
    expect(html.match(/<script\b/g)).toEqual(['<script', '<script']);
    expect(html).toContain('<script type="application/json" id="rlm-data">');
    const data = /<script type="application\/json" id="rlm-data">([^<]*)<\/script>/.exec(html)?.[1] ?? '';
    expect(data).not.toMatch(/[<>&]/);
    expect((JSON.parse(data) as { trajectory: { task: string } }).trajectory.task).toContain(SCRIPT);
    expect(
      html.match(/&lt;script&gt;alert\(&quot;x&quot;\)&lt;\/script&gt;/g)?.length,
    ).toBeGreaterThanOrEqual(12);
  });

  it('is one self-contained page: inline style and script allowed by hash only, no external resources', () => {
    const html = renderTrajectoryHtml(depthTwoRun());

    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).toContain('<style>');
    const policy = /content="(default-src 'none'; [^"]*)"/.exec(html)?.[1] ?? '';
    expect(policy).toBe(
      `default-src 'none'; script-src ${PAGE_SCRIPT_HASH}; style-src ${PAGE_STYLE_HASH}; connect-src 'none'; base-uri 'none'; form-action 'none'`,
    );
    expect(policy).not.toContain('unsafe');
    expect(html).toContain(`<script>${PAGE_SCRIPT}</script>`);
    expect(html).not.toMatch(/\b(src|href)="(https?:)?\/\//);
    expect(html).not.toMatch(/<(link|img|iframe)\b/);
  });

  it('shows the answer, the cost table with unknown cost, the nested call tree and each call', () => {
    const html = renderTrajectoryHtml(depthTwoRun());

    expect(html).toContain('<pre class="answer">The log has 1024 chars.</pre>');
    expect(html).toMatch(/<tr class="total"><td>Total<\/td>.*<td class="num">unknown<\/td><\/tr>/);
    expect(html).toContain('<li><a href="#call-c1">root root.1 iteration 1');
    expect(html).toMatch(/<a href="#call-c1">[^<]*<\/a><ul><li><a href="#call-q1">/);
    expect(html.match(/<section class="call" id="call-/g)).toHaveLength(5);
  });
});
