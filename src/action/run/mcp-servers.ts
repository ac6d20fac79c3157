/**
 * MCP servers in the Action, least privilege: they come only from the workflow's `mcp-config` input and
 * `.github/rlm.yml` on the default branch (never from a pull request's head), each must list the tools
 * it exposes in `allowed_tools`, and every value its spec references (`${NAME}`) is a secret to mask.
 */
import { ConfigError } from '../../errors.js';
import { resolveMcpServer, type McpServerSpec } from '../../tools/mcp-spec.js';

/** Checks the Action's rules and returns the referenced values, to mask and redact. */
export function actionMcpServers(
  servers: Record<string, McpServerSpec>,
  env: Readonly<Record<string, string | undefined>>,
): string[] {
  const secrets: string[] = [];
  for (const [name, spec] of Object.entries(servers)) {
    if (spec.allowedTools === null || spec.allowedTools.length === 0) {
      throw new ConfigError(`MCP server "${name}": the Action exposes only tools listed in allowed_tools`, {
        key: `mcp_servers.${name}.allowed_tools`,
        fix: `List the tools model code may call, e.g. "allowed_tools": ["rlm_context_query"].`,
      });
    }
    secrets.push(...resolveMcpServer(name, spec, env).secrets);
  }
  return [...new Set(secrets)];
}
