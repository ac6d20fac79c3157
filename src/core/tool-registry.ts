/**
 * Host-side functions callable from REPL code. Each becomes a Python function
 * of the same name that crosses the bridge as the host call `tool:<name>`; the
 * function runs on the host, never in the sandbox.
 *
 * Two kinds share the registry: functions registered by the library user
 * (`registerTool`; a failure raises HostCallError in Python) and tools a
 * ToolProvider brings for one run, such as MCP servers (a failure comes back
 * as an "Error: ..." string, like llm_query, because a remote tool failing is
 * an answer the code can act on).
 */
import { ConfigError } from '../errors.js';
import type { ToolFunction, ToolSchema } from '../rlm-options.js';
import { isPythonIdentifier } from './final-answer.js';
import { PRELUDE_NAMES } from './prelude.js';

export const PYTHON_KEYWORDS = new Set(
  'False None True and as assert async await break class continue def del elif else except finally for from global if import in is lambda nonlocal not or pass raise return try while with yield'.split(
    ' ',
  ),
);

/** Where a provided tool lives: an MCP server and the tool's own name there. */
export interface ToolOrigin {
  server: string;
  tool: string;
}

export interface RegisteredTool {
  schema: ToolSchema;
  fn: ToolFunction;
  /** 'raise': HostCallError in Python (registerTool); 'text': an "Error: ..." string (MCP tools). */
  failure: 'raise' | 'text';
  origin?: ToolOrigin;
}

/** Tools that live for one run (MCP servers): started with the sandbox, closed when the run ends. */
export interface ToolProvider {
  /**
   * Starts the servers and returns their tools, named so that none takes a name in `taken`
   * (the prelude's and the registered tools'). Throws when a server cannot start.
   */
  start(taken: readonly string[], signal: AbortSignal): Promise<RegisteredTool[]>;
  /** Stops every server; safe to call more than once, and after a failed start. */
  close(): Promise<void>;
}

export function isUsableToolName(name: string): boolean {
  return isPythonIdentifier(name) && !PYTHON_KEYWORDS.has(name) && !name.startsWith('_');
}

export class ToolRegistry {
  private readonly tools = new Map<string, RegisteredTool>();

  register(fn: ToolFunction, schema: ToolSchema): void {
    this.add({ schema, fn, failure: 'raise' });
  }

  /** Adds a tool of either kind after checking its name. */
  add(tool: RegisteredTool): void {
    const name = tool.schema.name;
    if (!isUsableToolName(name)) {
      throw new ConfigError(`tool name ${JSON.stringify(name)} is not a usable Python function name`, {
        key: 'tool.name',
        fix: 'Use letters, digits and underscores, starting with a letter.',
      });
    }
    if ((PRELUDE_NAMES as readonly string[]).includes(name)) {
      throw new ConfigError(`tool name ${JSON.stringify(name)} is reserved by the REPL prelude`, {
        key: 'tool.name',
        fix: `Pick another name; reserved: ${PRELUDE_NAMES.join(', ')}.`,
      });
    }
    this.tools.set(name, tool);
  }

  /** A copy for one run, so a run's provided tools never leak into the next run of the same RLM. */
  copy(): ToolRegistry {
    const copy = new ToolRegistry();
    for (const tool of this.tools.values()) copy.tools.set(tool.schema.name, tool);
    return copy;
  }

  get(name: string): RegisteredTool | undefined {
    return this.tools.get(name);
  }

  get all(): RegisteredTool[] {
    return [...this.tools.values()];
  }

  get schemas(): ToolSchema[] {
    return this.all.map((tool) => tool.schema);
  }

  get names(): string[] {
    return [...this.tools.keys()];
  }
}
