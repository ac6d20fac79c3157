/**
 * One MCP server for one run, through the official SDK client: a child
 * process over stdio or a Streamable HTTP endpoint. Resolved secrets (headers,
 * variables) stay in this host process; the sandbox only ever sees results.
 *
 * A stdio server inherits only the SDK's short list of safe variables (PATH,
 * HOME, ...) plus its own `env`, never this process's environment, which holds
 * the model keys and the GitHub token. Its stderr is kept as a bounded tail for
 * the error report when it dies, and never printed.
 */
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import type { CallToolResult, Tool } from '@modelcontextprotocol/sdk/types.js';
import { ExecutionError } from '../errors.js';
import type { ResolvedMcpServer } from './mcp-spec.js';

/** Bytes of a server's stderr kept for the report when it fails. */
export const STDERR_TAIL_BYTES = 4_096;
/** How long a server may take to start and answer the handshake and tools/list. */
export const START_TIMEOUT_MS = 30_000;
const CLIENT_INFO = { name: 'rlm-runtime-action', version: '1' };

/** An MCP server that could not start or answer (exit code 1); the message carries its stderr tail. */
export class McpServerError extends ExecutionError {}

export class McpConnection {
  private readonly client = new Client(CLIENT_INFO, { capabilities: {} });
  private readonly transport: Transport;
  private stderr = '';
  private closed = false;

  constructor(readonly server: ResolvedMcpServer) {
    const spec = server.spec;
    if (spec.transport === 'stdio') {
      const stdio = new StdioClientTransport({
        command: spec.command,
        args: spec.args,
        env: spec.env,
        stderr: 'pipe',
      });
      stdio.stderr?.on('data', (chunk: Buffer) => {
        this.stderr = (this.stderr + chunk.toString('utf8')).slice(-STDERR_TAIL_BYTES);
      });
      this.transport = stdio;
    } else {
      this.transport = new StreamableHTTPClientTransport(new URL(spec.url), {
        // A redirect must not carry the Authorization header to another host.
        requestInit: { headers: spec.headers, redirect: 'error' },
      });
    }
  }

  get name(): string {
    return this.server.name;
  }

  /** Connects and lists the tools; throws McpServerError naming the server, with its stderr tail. */
  async start(signal: AbortSignal): Promise<Tool[]> {
    try {
      await this.client.connect(this.transport, { signal, timeout: START_TIMEOUT_MS });
      const tools: Tool[] = [];
      let cursor: string | undefined;
      do {
        const page = await this.client.listTools(cursor === undefined ? {} : { cursor }, {
          signal,
          timeout: START_TIMEOUT_MS,
        });
        tools.push(...page.tools);
        cursor = page.nextCursor;
      } while (cursor !== undefined && tools.length < 10_000);
      return tools;
    } catch (error) {
      await this.close();
      throw this.failure('failed to start', error);
    }
  }

  async callTool(name: string, args: Record<string, unknown>, signal: AbortSignal): Promise<CallToolResult> {
    const result = await this.client.callTool({ name, arguments: args }, undefined, {
      signal,
      timeout: this.server.spec.timeoutMs,
      maxTotalTimeout: this.server.spec.timeoutMs,
    });
    return result as CallToolResult;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.client.close().catch(() => undefined);
    await this.transport.close().catch(() => undefined);
  }

  private failure(what: string, error: unknown): McpServerError {
    const reason = error instanceof Error ? error.message : String(error);
    const where =
      this.server.spec.transport === 'stdio' ? `command ${this.server.spec.command}` : this.server.spec.url;
    const tail = this.stderr.trim();
    return new McpServerError(
      `MCP server "${this.name}" (${where}) ${what}: ${reason}${tail === '' ? '' : `\nLast lines of its stderr:\n${tail}`}`,
      {
        fix: 'Check that the server starts on its own with the same command, URL, headers and variables; `allowed_tools` names its tools as it lists them.',
        cause: error,
      },
    );
  }
}
