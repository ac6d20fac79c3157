/**
 * MCP server declarations: one shape for the config key `mcp_servers`, the
 * `{"mcpServers": {...}}` JSON file of `rlm run --mcp-config`, the library's
 * `rlm.addMcpServer()` and the Action's `mcp-config` input.
 *
 * Specs stay printable: secrets appear only as `${ENV_VAR}` references, which
 * are resolved on the host right before a server starts (resolveMcpServer).
 * A literal value in a header or variable that looks like a credential is
 * refused, so a key cannot end up in a committed config file by accident.
 */
import { ConfigError } from '../errors.js';

/** A server started as a child process, speaking MCP over its stdin/stdout. */
export interface McpStdioServerConfig {
  type?: 'stdio';
  command: string;
  args?: string[];
  /** Extra variables for the server; values may reference the host's variables as `${NAME}`. */
  env?: Record<string, string>;
  /** MCP tool names exposed to model code; absent exposes every tool (the Action requires the list). */
  allowed_tools?: string[];
  /** Limit of one tool call, in seconds (default 60). */
  timeout?: number;
}

/** A server reached over MCP's Streamable HTTP transport. */
export interface McpHttpServerConfig {
  type?: 'http' | 'streamable-http' | 'streamableHttp';
  url: string;
  /** Request headers; values may reference the host's variables as `${NAME}` (e.g. `Bearer ${API_KEY}`). */
  headers?: Record<string, string>;
  allowed_tools?: string[];
  timeout?: number;
}

export type McpServerConfig = McpStdioServerConfig | McpHttpServerConfig;

/** A validated spec, references not yet resolved. */
export type McpServerSpec =
  | {
      transport: 'stdio';
      command: string;
      args: string[];
      env: Record<string, string>;
      allowedTools: string[] | null;
      timeoutMs: number;
    }
  | {
      transport: 'http';
      url: string;
      headers: Record<string, string>;
      allowedTools: string[] | null;
      timeoutMs: number;
    };

/** A spec with every `${NAME}` replaced, and the values that came from references (to mask and redact). */
export interface ResolvedMcpServer {
  name: string;
  spec: McpServerSpec;
  secrets: string[];
}

export const DEFAULT_TOOL_TIMEOUT_MS = 60_000;
const HTTP_URL = /^https?:\/\/[^\s]+$/;
const SERVER_NAME = /^[A-Za-z][A-Za-z0-9_-]{0,63}$/;
const REFERENCE = /\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g;
const SECRET_LOOKING_NAME = /auth|token|key|secret|password|passwd|cookie|credential/i;
const KNOWN_FIELDS = new Set([
  'type',
  'command',
  'args',
  'env',
  'url',
  'headers',
  'allowed_tools',
  'timeout',
]);

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function specError(server: string, where: string, message: string, fix: string): ConfigError {
  return new ConfigError(`MCP server "${server}" (${where}): ${message}`, {
    key: `mcp_servers.${server}`,
    fix,
  });
}

/** Checks one raw declaration (from YAML, JSON or the library) and returns its typed spec. */
export function parseMcpServer(name: string, raw: unknown, where: string): McpServerSpec {
  if (!SERVER_NAME.test(name)) {
    throw specError(
      name,
      where,
      'the name must start with a letter and use only letters, digits, "_" and "-" (at most 64)',
      'Rename the server, e.g. "snipara".',
    );
  }
  if (!isRecord(raw)) {
    throw specError(
      name,
      where,
      'expected a map with `command` (stdio) or `url` (HTTP)',
      'Write e.g. {"command": "npx", "args": ["my-server"]} or {"url": "https://host/mcp"}.',
    );
  }
  const unknown = Object.keys(raw).filter((field) => !KNOWN_FIELDS.has(field));
  if (unknown.length > 0) {
    throw specError(
      name,
      where,
      `unknown field ${unknown.map((field) => `\`${field}\``).join(', ')}`,
      `Known fields: ${[...KNOWN_FIELDS].join(', ')}.`,
    );
  }
  const allowedTools = optionalStringList(name, where, raw.allowed_tools, 'allowed_tools');
  const timeoutMs = timeoutOf(name, where, raw.timeout);
  const type = raw.type;
  if (type !== undefined && !['stdio', 'http', 'streamable-http', 'streamableHttp'].includes(String(type))) {
    throw specError(
      name,
      where,
      `type ${JSON.stringify(type)} is not supported`,
      'Use "stdio" (command) or "http" (Streamable HTTP url); the old SSE transport is not supported.',
    );
  }
  const hasCommand = raw.command !== undefined;
  const hasUrl = raw.url !== undefined;
  if (hasCommand === hasUrl) {
    throw specError(
      name,
      where,
      hasCommand ? 'has both `command` and `url`' : 'has neither `command` nor `url`',
      'Give `command` (and `args`, `env`) for a local server, or `url` (and `headers`) for a remote one.',
    );
  }
  if (hasCommand) {
    if (typeof raw.command !== 'string' || raw.command.trim() === '') {
      throw specError(name, where, '`command` must be a non-empty string', 'E.g. "command": "npx".');
    }
    if (type !== undefined && type !== 'stdio') {
      throw specError(
        name,
        where,
        `type "${String(type)}" needs a \`url\``,
        'Drop `type` or set it to "stdio".',
      );
    }
    const env = stringMap(name, where, raw.env, 'env');
    refuseLiteralSecrets(name, where, env, 'env');
    return {
      transport: 'stdio',
      command: raw.command,
      args: optionalStringList(name, where, raw.args, 'args') ?? [],
      env,
      allowedTools,
      timeoutMs,
    };
  }
  // A reference (`${SNIPARA_MCP_URL}`) is checked once resolved.
  if (typeof raw.url !== 'string' || !(HTTP_URL.test(raw.url) || raw.url.startsWith('${'))) {
    throw specError(
      name,
      where,
      '`url` must be an http:// or https:// URL',
      'E.g. "url": "https://host/mcp".',
    );
  }
  if (type === 'stdio') {
    throw specError(name, where, 'type "stdio" needs a `command`', 'Drop `type` or set it to "http".');
  }
  const headers = stringMap(name, where, raw.headers, 'headers');
  refuseLiteralSecrets(name, where, headers, 'headers');
  return { transport: 'http', url: raw.url, headers, allowedTools, timeoutMs };
}

/** `{name: spec}` from a config file or a flag layer. */
export function parseMcpServers(raw: unknown, where: string): Record<string, McpServerSpec> {
  if (raw === undefined || raw === null) return {};
  if (!isRecord(raw)) {
    throw new ConfigError(`mcp_servers (${where}): expected a map of server name to server spec`, {
      key: 'mcp_servers',
      fix: 'Write `mcp_servers:` then one entry per server, e.g. `snipara: {url: "https://..."}`.',
    });
  }
  const specs: Record<string, McpServerSpec> = {};
  for (const [name, spec] of Object.entries(raw)) specs[name] = parseMcpServer(name, spec, where);
  return specs;
}

/**
 * The servers of the `{"mcpServers": {...}}` JSON shape shared with other MCP clients (Claude Code,
 * Cursor, ...), still raw: the config layer validates them like the file's `mcp_servers:`.
 */
export function readMcpConfigJson(text: string, where: string): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(`MCP config ${where} is not valid JSON: ${(error as Error).message}`, {
      key: 'mcp_servers',
      fix: 'Write a JSON object like {"mcpServers": {"name": {"command": "...", "args": []}}}.',
    });
  }
  if (!isRecord(parsed) || !isRecord(parsed.mcpServers)) {
    throw new ConfigError(`MCP config ${where} has no "mcpServers" object`, {
      key: 'mcp_servers',
      fix: 'Put the servers under a top-level "mcpServers" key.',
    });
  }
  return parsed.mcpServers;
}

/** Replaces every `${NAME}` with the host variable; a missing variable is a configuration error. */
export function resolveMcpServer(
  name: string,
  spec: McpServerSpec,
  env: Readonly<Record<string, string | undefined>>,
): ResolvedMcpServer {
  const secrets: string[] = [];
  const resolve = (value: string, field: string): string =>
    value.replace(REFERENCE, (_match, variable: string) => {
      const found = env[variable];
      if (found === undefined || found === '') {
        throw new ConfigError(`MCP server "${name}": ${field} references \${${variable}}, which is not set`, {
          key: `mcp_servers.${name}`,
          fix: `Set the environment variable ${variable} (in the Action: \`env: ${variable}: \${{ secrets.${variable} }}\`).`,
        });
      }
      secrets.push(found);
      return found;
    });
  const resolveMap = (map: Record<string, string>, field: string): Record<string, string> =>
    Object.fromEntries(Object.entries(map).map(([key, value]) => [key, resolve(value, `${field}.${key}`)]));
  if (spec.transport === 'stdio') {
    return {
      name,
      spec: {
        ...spec,
        args: spec.args.map((arg, index) => resolve(arg, `args[${index}]`)),
        env: resolveMap(spec.env, 'env'),
      },
      secrets,
    };
  }
  const url = resolve(spec.url, 'url');
  if (!HTTP_URL.test(url)) {
    throw new ConfigError(`MCP server "${name}": url resolves to something that is not an http(s) URL`, {
      key: `mcp_servers.${name}`,
      fix: 'Set the referenced variable to the endpoint, e.g. https://host/mcp.',
    });
  }
  return { name, spec: { ...spec, url, headers: resolveMap(spec.headers, 'headers') }, secrets };
}

function refuseLiteralSecrets(
  server: string,
  where: string,
  map: Record<string, string>,
  field: string,
): void {
  for (const [key, value] of Object.entries(map)) {
    const hasReference = new RegExp(REFERENCE.source).test(value);
    if (SECRET_LOOKING_NAME.test(key) && !hasReference && value.trim() !== '') {
      throw specError(
        server,
        where,
        `${field}.${key} holds a literal value; secrets are accepted only as \${ENV_VAR} references`,
        `Write e.g. "${key}": "${key.toLowerCase() === 'authorization' ? 'Bearer ' : ''}\${MY_SECRET}" and set MY_SECRET in the environment.`,
      );
    }
  }
}

function stringMap(server: string, where: string, raw: unknown, field: string): Record<string, string> {
  if (raw === undefined || raw === null) return {};
  if (!isRecord(raw) || !Object.values(raw).every((value) => typeof value === 'string')) {
    throw specError(
      server,
      where,
      `\`${field}\` must map names to strings`,
      `E.g. "${field}": {"NAME": "value"}.`,
    );
  }
  return { ...(raw as Record<string, string>) };
}

function optionalStringList(server: string, where: string, raw: unknown, field: string): string[] | null {
  if (raw === undefined || raw === null) return null;
  if (!Array.isArray(raw) || !raw.every((item) => typeof item === 'string' && item !== '')) {
    throw specError(server, where, `\`${field}\` must be a list of strings`, `E.g. "${field}": ["a", "b"].`);
  }
  return [...(raw as string[])];
}

function timeoutOf(server: string, where: string, raw: unknown): number {
  if (raw === undefined || raw === null) return DEFAULT_TOOL_TIMEOUT_MS;
  if (typeof raw !== 'number' || !Number.isFinite(raw) || raw <= 0 || raw > 3600) {
    throw specError(
      server,
      where,
      '`timeout` must be a number of seconds between 0 and 3600',
      'E.g. "timeout": 30.',
    );
  }
  return Math.round(raw * 1000);
}

/** A validated spec back in the user-facing shape (what RLMOptions.mcpServers takes). */
export function toMcpServerConfig(spec: McpServerSpec): McpServerConfig {
  const common = {
    ...(spec.allowedTools === null ? {} : { allowed_tools: [...spec.allowedTools] }),
    timeout: spec.timeoutMs / 1000,
  };
  return spec.transport === 'stdio'
    ? { command: spec.command, args: [...spec.args], env: { ...spec.env }, ...common }
    : { url: spec.url, headers: { ...spec.headers }, ...common };
}
