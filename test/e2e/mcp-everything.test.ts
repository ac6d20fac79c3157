/**
 * server-everything (a reference MCP server nobody here wrote) over stdio and
 * over Streamable HTTP on 127.0.0.1, called from scripted model code in the
 * real Docker sandbox: text, structured and image results, name clashes, the
 * per-call timeout, and a stdio server's environment (no host secrets).
 */
import { randomUUID } from 'node:crypto';
import {
  everythingStdioServer,
  startEverythingHttpServer,
  type RunningHttpServer,
} from '../support/mcp/servers.js';
import { createHarness, repl } from './harness.js';

describe('MCP tools from server-everything', () => {
  let http: RunningHttpServer;
  beforeAll(async () => {
    http = await startEverythingHttpServer();
  });
  afterAll(() => http.stop());

  it('over stdio: text as str, structured content as dict, images described, a slow call cut by the timeout', async () => {
    // A variable of the host process that no MCP server may inherit.
    const secretName = 'RLM_TEST_HOST_SECRET';
    const secret = `host-secret-${randomUUID()}`;
    process.env[secretName] = secret;
    const harness = await createHarness({
      responses: [
        repl(
          [
            'print(repr(get_sum(a=2, b=3)))',
            'weather = get_structured_content(location="New York")',
            'print(type(weather).__name__, sorted(weather))',
            'image = get_tiny_image()',
            'print([item if isinstance(item, str) else item["type"] for item in image])',
            'slow = trigger_long_running_operation(duration=10, steps=2)',
            'print(slow[:6], "timed out" in slow.lower())',
            'env = get_env()',
            `print("${secretName}" in str(env), "PATH" in env)`,
            'FINAL("ok")',
          ].join('\n'),
        ),
      ],
    });
    try {
      const rlm = harness.rlm().addMcpServer('everything', everythingStdioServer({ timeout: 1 }));
      const result = await rlm.completion('Exercise the reference server');
      expect(result.error).toBeNull();
      const trajectory = await harness.trajectory();
      const execution = trajectory.calls[0]?.executions[0];
      expect(execution?.stdout.split('\n')).toEqual([
        "'The sum of 2 and 3 is 5.'",
        "dict ['conditions', 'humidity', 'temperature']",
        "[\"Here's the image you requested:\", 'image', 'The image above is the MCP logo.']",
        'Error: True',
        'False True',
        '',
      ]);
      const slow = execution?.tool_calls?.find((call) => call.name === 'trigger-long-running-operation');
      expect(slow).toMatchObject({
        server: 'everything',
        tool: 'trigger_long_running_operation',
        status: 'error',
      });
      // The per-call limit (timeout: 1), not the tool's own 10 s, ended the call.
      expect(slow?.error).toMatch(/timed out/i);
    } finally {
      delete process.env[secretName];
      await harness.cleanup();
    }
  });

  it('over Streamable HTTP, next to the same server on stdio: clashing names get the server prefix', async () => {
    const harness = await createHarness({
      responses: [
        repl(
          [
            'print(remote__echo(message="over http"))',
            'print(local__echo("over stdio"))',
            'print([name for name in SHOW_TOOLS() if name.endswith("__echo")])',
            'print("echo" in globals())',
            'FINAL("ok")',
          ].join('\n'),
        ),
      ],
    });
    try {
      const rlm = harness
        .rlm()
        .addMcpServer('remote', { url: http.url, allowed_tools: ['echo', 'get-sum'] })
        .addMcpServer('local', everythingStdioServer({ allowed_tools: ['echo'] }));
      const result = await rlm.completion('Echo twice');
      expect(result.error).toBeNull();
      const trajectory = await harness.trajectory();
      expect(trajectory.calls[0]?.executions[0]?.stdout.split('\n')).toEqual([
        'Echo: over http',
        'Echo: over stdio',
        "['remote__echo', 'local__echo']",
        'False',
        '',
      ]);
      // get-sum is served once, so it keeps its own (Python-safe) name.
      expect(trajectory.system_prompt).toContain('`get_sum(a: number, b: number)`');
      expect(trajectory.calls[0]?.executions[0]?.tool_calls?.map((call) => [call.server, call.name])).toEqual(
        [
          ['remote', 'echo'],
          ['local', 'echo'],
        ],
      );
    } finally {
      await harness.cleanup();
    }
  });
});
