/**
 * The MCP servers of one run as a ToolProvider: every server starts at once
 * (next to the sandbox), its tools are filtered by `allowed_tools` and named
 * for Python, and every server stops when the run ends, whatever the ending.
 */
import type { Tool } from '@modelcontextprotocol/sdk/types.js';
import type { RegisteredTool, ToolProvider } from '../core/tool-registry.js';
import { ConfigError } from '../errors.js';
import type { ToolSchema } from '../rlm-options.js';
import { McpConnection } from './mcp-connection.js';
import type { ResolvedMcpServer } from './mcp-spec.js';
import { pythonToolNames } from './tool-names.js';
import { toPythonValue } from './tool-result.js';

export class McpToolHost implements ToolProvider {
  private connections: McpConnection[] = [];

  constructor(private readonly servers: readonly ResolvedMcpServer[]) {}

  async start(taken: readonly string[], signal: AbortSignal): Promise<RegisteredTool[]> {
    this.connections = this.servers.map((server) => new McpConnection(server));
    const listed = await Promise.allSettled(this.connections.map((connection) => connection.start(signal)));
    const failed = listed.find((outcome) => outcome.status === 'rejected');
    if (failed !== undefined) {
      await this.close();
      throw failed.reason;
    }
    const offered: Array<{ connection: McpConnection; tool: Tool }> = [];
    for (const [index, outcome] of listed.entries()) {
      const connection = this.connections[index];
      if (connection === undefined || outcome.status !== 'fulfilled') continue;
      for (const tool of allowedTools(connection, outcome.value)) offered.push({ connection, tool });
    }
    const names = pythonToolNames(
      offered.map(({ connection, tool }) => ({ server: connection.name, tool: tool.name })),
      taken,
    );
    const tools: RegisteredTool[] = [];
    for (const [index, { connection, tool }] of offered.entries()) {
      const name = names[index];
      if (name === null || name === undefined) continue;
      tools.push({
        schema: toolSchema(name, tool),
        fn: async (args, callSignal) => toPythonValue(await connection.callTool(tool.name, args, callSignal)),
        failure: 'text',
        origin: { server: connection.name, tool: tool.name },
      });
    }
    return tools;
  }

  async close(): Promise<void> {
    await Promise.all(this.connections.map((connection) => connection.close()));
  }
}

/** The server's tools that `allowed_tools` lets through; a listed name the server does not serve is an error. */
function allowedTools(connection: McpConnection, tools: Tool[]): Tool[] {
  const allowed = connection.server.spec.allowedTools;
  if (allowed === null) return tools;
  const served = new Set(tools.map((tool) => tool.name));
  const missing = allowed.filter((name) => !served.has(name));
  if (missing.length > 0) {
    throw new ConfigError(
      `MCP server "${connection.name}": allowed_tools names ${missing.map((name) => `"${name}"`).join(', ')}, which it does not serve`,
      {
        key: `mcp_servers.${connection.name}.allowed_tools`,
        fix: `It serves: ${[...served].join(', ') || '(no tools)'}.`,
      },
    );
  }
  return tools.filter((tool) => allowed.includes(tool.name));
}

function toolSchema(name: string, tool: Tool): ToolSchema {
  const properties = tool.inputSchema.properties ?? {};
  const parameters: NonNullable<ToolSchema['parameters']> = {};
  for (const [parameter, raw] of Object.entries(properties)) {
    const spec = raw !== null && typeof raw === 'object' ? (raw as Record<string, unknown>) : {};
    const type = Array.isArray(spec.type)
      ? spec.type.join(' | ')
      : typeof spec.type === 'string'
        ? spec.type
        : undefined;
    parameters[parameter] = {
      ...(type === undefined ? {} : { type }),
      ...(typeof spec.description === 'string' ? { description: spec.description } : {}),
    };
  }
  const description = tool.description ?? tool.title;
  return {
    name,
    ...(description === undefined ? {} : { description }),
    parameters,
    required: tool.inputSchema.required ?? [],
  };
}
