/**
 * The bundled action with an MCP server from the `mcp-config` input: the SDK
 * client works from dist/index.js, model code in the Docker sandbox calls the
 * Snipara stand-in over Streamable HTTP, and the key it references
 * (`${SNIPARA_API_KEY}` in the step's env) is masked and appears nowhere the
 * step writes.
 */
import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { jest } from '@jest/globals';
import { TEST_IMAGE } from '../support/docker-image.js';
import { FakeGitHub } from '../support/github-api/server.js';
import { startSniparaStandIn } from '../support/mcp/snipara-stand-in.js';
import { bundleAction, finishStep, startStep, stepFiles } from './support/dist-runner.js';

jest.setTimeout(240_000);

const TOKEN = 'ghs_DISTMCPTOKEN0123456789abcdefABCDEF';
const SNIPARA_KEY = 'snp-dist-4c0ffee0a1b2c3d4e5f6';

const SCRIPT = `responses:
  - |
    \`\`\`repl
    ctx = rlm_context_query(query="rate limiting", max_tokens=2000)
    print(sorted(SHOW_TOOLS()))
    FINAL(ctx["sections"][0]["title"] + ": " + ctx["sections"][0]["content"])
    \`\`\`
`;

let bundle: string;
beforeAll(async () => {
  bundle = await bundleAction();
});
afterAll(() => rm(bundle, { recursive: true, force: true }));

describe('dist/index.js with mcp-config', () => {
  it('gives model code the allowed tools of the server, and masks the key the config references', async () => {
    const snipara = await startSniparaStandIn(SNIPARA_KEY);
    const github = new FakeGitHub({ owner: 'Codertocat', repo: 'Hello-World', defaultBranch: 'main' });
    const apiUrl = await github.start();
    const files = await stepFiles();
    try {
      await writeFile(join(files.workspace, 'script.yaml'), SCRIPT);
      const child = await startStep({
        bundle,
        files,
        eventName: 'workflow_dispatch',
        payload: {},
        inputs: {
          task: 'How do we rate limit?',
          backend: 'scripted',
          script: 'script.yaml',
          image: TEST_IMAGE,
          'github-token': TOKEN,
          'upload-artifact': 'false',
          'github-tools': 'false',
          'mcp-config': JSON.stringify({
            mcpServers: {
              snipara: {
                url: snipara.url,
                headers: { Authorization: 'Bearer ${SNIPARA_API_KEY}' },
                allowed_tools: ['rlm_context_query', 'rlm_recall'],
              },
            },
          }),
        },
        apiUrl,
        extraEnv: { SNIPARA_API_KEY: SNIPARA_KEY },
      });
      const result = await finishStep(child, files);
      if (result.code !== 0) throw new Error(`the step failed:\n${result.stdout}\n${result.stderr}`);
      expect(result.outputs.response).toBe(
        'Rate limiting: Use Redis with a sliding window; key rate_limit:{user_id}:{window}.',
      );
      expect(result.stdout).toContain(`::add-mask::${SNIPARA_KEY}`);
      expect(new Set(snipara.authorizations)).toEqual(new Set([`Bearer ${SNIPARA_KEY}`]));
      expect(snipara.calls.map((call) => call.tool)).toEqual(['rlm_context_query']);

      const logDir = join(files.runnerTemp, 'rlm-logs');
      const entries = await readdir(logDir, { recursive: true, withFileTypes: true });
      const logs = await Promise.all(
        entries
          .filter((entry) => entry.isFile())
          .map((entry) => readFile(join(entry.parentPath, entry.name), 'utf8')),
      );
      expect(logs.join('')).toContain("['rlm_context_query', 'rlm_recall']");
      const stdoutWithoutMask = result.stdout.replace(`::add-mask::${SNIPARA_KEY}`, '');
      for (const text of [
        stdoutWithoutMask,
        result.stderr,
        result.summary,
        JSON.stringify(result.outputs),
        ...logs,
      ]) {
        expect(text).not.toContain(SNIPARA_KEY);
      }
    } finally {
      await snipara.stop();
      await github.stop();
      await rm(files.dir, { recursive: true, force: true });
    }
  });
});
