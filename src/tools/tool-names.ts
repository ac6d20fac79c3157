/**
 * Python names for MCP tools. A tool is callable by its own name when that
 * name is free; only on a clash (two servers serving `search`, or a name the
 * prelude or a registered tool already takes) does it become
 * `<server>__<tool>`. Characters Python does not accept in a name (`-`, `.`)
 * become `_`.
 */
import { isUsableToolName } from '../core/tool-registry.js';

export interface ToolToName {
  server: string;
  tool: string;
}

function identifier(text: string): string {
  const cleaned = text.replace(/[^A-Za-z0-9_]/g, '_');
  return /^[A-Za-z]/.test(cleaned) ? cleaned : `t_${cleaned}`;
}

/** Returns one Python name per input, in input order; a tool that cannot get a usable name gets null. */
export function pythonToolNames(tools: readonly ToolToName[], taken: readonly string[]): (string | null)[] {
  const used = new Set(taken);
  const base = tools.map((tool) => identifier(tool.tool));
  const counts = new Map<string, number>();
  for (const name of base) counts.set(name, (counts.get(name) ?? 0) + 1);
  return tools.map((tool, index) => {
    const own = base[index] ?? '';
    let name =
      (counts.get(own) ?? 0) > 1 || used.has(own) || !isUsableToolName(own)
        ? `${identifier(tool.server)}__${own}`
        : own;
    for (let suffix = 2; used.has(name); suffix += 1) name = `${identifier(tool.server)}__${own}_${suffix}`;
    if (!isUsableToolName(name)) return null;
    used.add(name);
    return name;
  });
}
