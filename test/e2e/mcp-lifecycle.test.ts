/**
 * MCP server lifecycle: a bad spec is a configuration error (exit 5) naming
 * the server; a server that dies at start ends the run with exit 1 and the
 * tail of its stderr; servers stop when the run ends, cancellation included.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { RLM } from '../../src/rlm.js';
import { ConfigError } from '../../src/errors.js';
import { createHarness, repl } from './harness.js';

function alive(pid: number): boolean {
  // The server is this process's child: once it exits and is reaped, its /proc entry is gone.
  return pid > 0 && existsSync(`/proc/${pid}`);
}

describe('MCP server lifecycle', () => {
  it('refuses a bad spec with a ConfigError naming the server (exit 5)', () => {
    const make = (spec: unknown) => () =>
      new RLM({ backend: 'scripted', mcpServers: { snipara: spec as never } });
    expect(make({ url: 'ftp://x' })).toThrow(/MCP server "snipara".*url/);
    expect(make({ command: 'x', url: 'http://x' })).toThrow(/both `command` and `url`/);
    expect(make({ url: 'http://x', headers: { Authorization: 'Bearer abcdef123456' } })).toThrow(
      /literal value; secrets are accepted only as \$\{ENV_VAR\} references/,
    );
    try {
      make({ command: 'x', allowed_tools: 'all' })();
      throw new Error('expected a ConfigError');
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).exitCode).toBe(5);
      expect((error as ConfigError).key).toBe('mcp_servers.snipara');
    }
  });

  it('a missing ${VAR} is a configuration error of the run (exit 5)', async () => {
    const harness = await createHarness({ responses: [repl('FINAL("never")')] });
    try {
      const result = await harness
        .rlm({ env: {} })
        .addMcpServer('snipara', {
          url: 'http://127.0.0.1:9/mcp',
          headers: { Authorization: 'Bearer ${NOT_SET_HERE}' },
        })
        .completion('Task');
      expect(result.exitCode).toBe(5);
      expect(result.error).toContain('${NOT_SET_HERE}');
    } finally {
      await harness.cleanup();
    }
  });

  it('a server that dies at start ends the run with exit 1 and the tail of its stderr', async () => {
    const harness = await createHarness({ responses: [repl('FINAL("never")')] });
    try {
      const result = await harness
        .rlm()
        .addMcpServer('broken', {
          command: process.execPath,
          args: [
            '-e',
            'console.error("loading config"); console.error("fatal: no database configured"); process.exit(3)',
          ],
        })
        .completion('Task');
      expect(result.exitCode).toBe(1);
      expect(result.error).toContain('MCP server "broken"');
      expect(result.error).toContain('fatal: no database configured');
      expect(result.modelCalls).toBe(0);
    } finally {
      await harness.cleanup();
    }
  });

  it('starts a server once per run, shares it across depths, and stops it at the end and on cancel', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'rlm-mcp-life-'));
    const pidFile = path.join(dir, 'pids');
    // A real stdio server (server-memory) behind a wrapper that notes its pid on each start.
    const wrapper = `require("fs").appendFileSync(${JSON.stringify(pidFile)}, process.pid + "\\n"); import(${JSON.stringify(
      path.resolve('node_modules/@modelcontextprotocol/server-memory/dist/index.js'),
    )});`;
    const server = {
      command: process.execPath,
      args: ['-e', wrapper],
      env: { MEMORY_FILE_PATH: path.join(dir, 'memory.jsonl') },
    };
    const harness = await createHarness({
      responses: [
        repl(
          'create_entities(entities=[{"name": "a", "entityType": "t", "observations": []}])\nprint(rlm_query("look", context=[1]))',
        ),
        repl('FINAL("done")'),
      ],
      // The child RLM (depth 1) uses the same server: it sees what the root created.
      sub_responses: [
        { kind: 'root', node: 'root.1', responses: [repl('FINAL(str(len(read_graph()["entities"])))')] },
      ],
    });
    try {
      const result = await harness.rlm({ maxDepth: 2 }).addMcpServer('memory', server).completion('Task');
      expect(result.error).toBeNull();
      const trajectory = await harness.trajectory();
      expect(trajectory.calls[0]?.executions[0]?.stdout).toBe('1\n');
      const pids = (await readFile(pidFile, 'utf8')).trim().split('\n').map(Number);
      expect(pids).toHaveLength(1);
      expect(alive(process.pid)).toBe(true);
      expect(alive(pids[0] ?? 0)).toBe(false);

      // Cancelled while model code waits: the server still stops.
      const slow = await createHarness({ responses: [repl('import time\ntime.sleep(30)')] });
      try {
        const controller = new AbortController();
        const running = slow
          .rlm({ execTimeoutMs: 60_000 })
          .addMcpServer('memory', server)
          .completion('Task', {
            signal: controller.signal,
            onEvent: (event) => {
              if (event.type === 'code_start') controller.abort();
            },
          });
        const cancelled = await running;
        expect(cancelled.exitCode).toBe(2);
        const all = (await readFile(pidFile, 'utf8')).trim().split('\n').map(Number);
        expect(all).toHaveLength(2);
        expect(alive(all[1] ?? 0)).toBe(false);
      } finally {
        await slow.cleanup();
      }
    } finally {
      await harness.cleanup();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
