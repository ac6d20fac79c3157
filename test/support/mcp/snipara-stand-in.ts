/**
 * A local stand-in for Snipara's MCP endpoint, built with the SDK's own server
 * classes (McpServer + Streamable HTTP transport, stateless) on 127.0.0.1. It
 * serves Snipara's tool names with the shapes the guide uses
 * (`context["sections"]`, `chunks["sub_queries"]`), answers 401 without the
 * expected bearer token, and keeps every Authorization header it received and
 * every tool call, so tests can check what arrived where.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { z } from 'zod';

export const SNIPARA_TOOL_NAMES = [
  'rlm_context_query',
  'rlm_remember',
  'rlm_recall',
  'rlm_plan',
  'rlm_decompose',
  'rlm_shared_context',
  'rlm_upload_document',
] as const;

export interface SniparaStandIn {
  url: string;
  /** Authorization header of every HTTP request, in arrival order. */
  authorizations: Array<string | undefined>;
  /** Every tool call that got through, with its arguments. */
  calls: Array<{ tool: string; args: Record<string, unknown> }>;
  /** What rlm_remember stored. */
  memories: Array<{ type: string; content: string }>;
  stop(): Promise<void>;
}

const json = (value: unknown) => ({ content: [{ type: 'text' as const, text: JSON.stringify(value) }] });

function buildServer(state: SniparaStandIn): McpServer {
  const server = new McpServer({ name: 'snipara-stand-in', version: '1.0.0' });
  const record = (tool: string, args: Record<string, unknown>) => state.calls.push({ tool, args });
  server.registerTool(
    'rlm_context_query',
    {
      description: 'Query the project documentation; returns the most relevant sections within max_tokens.',
      inputSchema: {
        query: z.string(),
        max_tokens: z.number().int().optional(),
        search_mode: z.enum(['keyword', 'semantic', 'hybrid']).optional(),
      },
    },
    async (args) => {
      record('rlm_context_query', args);
      return json({
        query: args.query,
        sections: [
          {
            title: 'Rate limiting',
            content: 'Use Redis with a sliding window; key rate_limit:{user_id}:{window}.',
          },
          { title: 'Limits', content: '100 requests per minute per user.' },
        ],
        total_tokens: 42,
      });
    },
  );
  server.registerTool(
    'rlm_remember',
    {
      description: 'Store a decision, learning or fact in project memory.',
      inputSchema: { type: z.string(), content: z.string() },
    },
    async (args) => {
      record('rlm_remember', args);
      state.memories.push({ type: args.type, content: args.content });
      return json({ id: `mem-${state.memories.length}`, stored: true });
    },
  );
  server.registerTool(
    'rlm_recall',
    { description: 'Recall memories relevant to a query.', inputSchema: { query: z.string() } },
    async (args) => {
      record('rlm_recall', args);
      return json({ memories: state.memories.filter((memory) => memory.content.includes(args.query)) });
    },
  );
  server.registerTool(
    'rlm_plan',
    {
      description: 'Plan the implementation of a feature from the documentation.',
      inputSchema: { query: z.string(), max_tokens: z.number().int().optional() },
    },
    async (args) => {
      record('rlm_plan', args);
      return json({ steps: ['Read the spec', 'Implement', 'Test'] });
    },
  );
  server.registerTool(
    'rlm_decompose',
    {
      description: 'Split a task into sub-queries.',
      inputSchema: { query: z.string(), max_depth: z.number().int().optional() },
    },
    async (args) => {
      record('rlm_decompose', args);
      return json({
        sub_queries: [{ query: `${args.query}: token endpoint` }, { query: `${args.query}: refresh` }],
      });
    },
  );
  server.registerTool(
    'rlm_shared_context',
    { description: "The team's shared coding standards.", inputSchema: {} },
    async () => {
      record('rlm_shared_context', {});
      return json({ standards: ['type hints', 'pytest'] });
    },
  );
  server.registerTool(
    'rlm_upload_document',
    {
      description: 'Upload a document to the project index.',
      inputSchema: { path: z.string(), content: z.string() },
    },
    async (args) => {
      record('rlm_upload_document', args);
      if (!args.path.endsWith('.md'))
        return { isError: true, content: [{ type: 'text', text: 'only .md documents' }] };
      return json({ path: args.path, chunks: 1 });
    },
  );
  return server;
}

async function body(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  return text === '' ? undefined : (JSON.parse(text) as unknown);
}

export async function startSniparaStandIn(expectedToken: string): Promise<SniparaStandIn> {
  const state: SniparaStandIn = {
    url: '',
    authorizations: [],
    calls: [],
    memories: [],
    stop: () => new Promise((resolve) => http.close(() => resolve())),
  };
  const http: Server = createServer((request, response) => {
    state.authorizations.push(request.headers.authorization);
    if (request.headers.authorization !== `Bearer ${expectedToken}`) {
      response.writeHead(401, { 'content-type': 'application/json' }).end('{"error":"unauthorized"}');
      return;
    }
    if (request.method !== 'POST') {
      response.writeHead(405).end();
      return;
    }
    // Stateless: one server and transport per request, as the SDK's stateless example does.
    const server = buildServer(state);
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
    response.on('close', () => {
      void transport.close();
      void server.close();
    });
    body(request)
      .then(async (parsed) => {
        await server.connect(transport);
        await transport.handleRequest(request, response, parsed);
      })
      .catch(() => {
        if (!response.headersSent) response.writeHead(500).end();
      });
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  state.url = `http://127.0.0.1:${(http.address() as AddressInfo).port}/mcp`;
  return state;
}
