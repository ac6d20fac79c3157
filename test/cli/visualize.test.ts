/** `rlm visualize` as a process: serves the runs of a log directory on localhost until SIGINT. */
import { request as httpRequest } from 'node:http';
import { ensureBuilt, makeTempDir, runRlm } from './support/cli-process.js';
import { repl, scriptedReplRun, writeScript } from './support/scripts.js';

beforeAll(() => ensureBuilt());

function statusWithHost(base: string, host: string): Promise<number | undefined> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(base, { headers: { host } }, (response) => {
      response.resume();
      resolve(response.statusCode);
    });
    request.on('error', reject);
    request.end();
  });
}

it('lists runs, shows one as the HTML report, serves JSON, and stops cleanly on SIGINT', async () => {
  const cwd = makeTempDir('viz');
  writeScript(cwd, [repl('FINAL("<b>bold</b> answer")')]);
  const done = await runRlm(scriptedReplRun('task with <script>alert(1)</script>'), { cwd });
  const id = (JSON.parse(done.stdout) as { trajectory_id: string }).trajectory_id;

  const checks: Array<Promise<void>> = [];
  const run = await runRlm(['visualize', '--port', '0'], {
    cwd,
    onSpawn: (child) => {
      let url = '';
      child.stdout?.on('data', (chunk: Buffer) => {
        url += chunk.toString();
        if (!url.endsWith('\n')) return;
        const base = url.trim();
        checks.push(
          (async () => {
            expect(base).toMatch(/^http:\/\/localhost:\d+\/$/);
            const index = await fetch(base);
            expect(index.headers.get('content-security-policy')).toContain("default-src 'none'");
            expect(index.headers.get('content-security-policy')).not.toContain('unsafe');
            const indexHtml = await index.text();
            // The list is drawn by the page script from inert JSON: the task is in it, escaped for JSON.
            expect(indexHtml).toContain(`"id":"${id}"`);
            expect(indexHtml).toContain('task with \\u003cscript\\u003e');
            expect(indexHtml).not.toContain('<script>alert');
            const list = (await (await fetch(`${base}api/runs`)).json()) as Array<{
              id: string;
              task: string;
            }>;
            expect(list.map((run) => [run.id, run.task])).toEqual([
              [id, 'task with <script>alert(1)</script>'],
            ]);

            const report = await (await fetch(`${base}runs/${id.slice(0, 8)}`)).text();
            expect(report).toContain(id);
            expect(report).toContain('&lt;b&gt;bold&lt;/b&gt; answer');

            const api = (await (await fetch(`${base}api/runs/${id}`)).json()) as { final_answer: string };
            expect(api.final_answer).toBe('<b>bold</b> answer');
            expect((await fetch(`${base}runs/nope`)).status).toBe(404);
            expect((await fetch(base, { method: 'POST' })).status).toBe(405);
            // DNS rebinding: a page on another name that resolves to 127.0.0.1 gets nothing.
            const port = new URL(base).port;
            expect(await statusWithHost(base, `evil.example:${port}`)).toBe(421);
            expect(await statusWithHost(base, `localhost:${port}`)).toBe(200);
          })().finally(() => child.kill('SIGINT')),
        );
      });
    },
  });
  await Promise.all(checks);
  expect(checks).toHaveLength(1);
  expect(run.code).toBe(0);
  expect(run.stderr).toContain('(Ctrl-C to stop)');
});
