/** `rlm run --mcp-config FILE`: the `{"mcpServers": {...}}` JSON file other MCP clients use too. */
import { readFileSync } from 'node:fs';
import { ConfigError } from '../errors.js';
import { readMcpConfigJson } from '../tools/mcp-spec.js';

export function readMcpConfigFile(path: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ConfigError(`cannot read --mcp-config ${path}: ${(error as Error).message}`, {
      key: 'mcp_servers',
      fix: 'Pass the path of a JSON file like {"mcpServers": {"name": {"command": "..."}}}.',
    });
  }
  return readMcpConfigJson(text, path);
}
