/**
 * Host-side functions callable from REPL code. Each becomes a Python function
 * of the same name (keyword arguments only) that crosses the bridge as the
 * host call `tool:<name>`; the function runs on the host, never in the sandbox.
 */
import { ConfigError } from '../errors.js';
import type { ToolFunction, ToolSchema } from '../rlm-options.js';
import { isPythonIdentifier } from './final-answer.js';
import { PRELUDE_NAMES } from './prelude.js';

const PYTHON_KEYWORDS = new Set(
  'False None True and as assert async await break class continue def del elif else except finally for from global if import in is lambda nonlocal not or pass raise return try while with yield'.split(
    ' ',
  ),
);

export interface RegisteredTool {
  schema: ToolSchema;
  fn: ToolFunction;
}

export class ToolRegistry {
  private readonly tools = new Map<string, RegisteredTool>();

  register(fn: ToolFunction, schema: ToolSchema): void {
    const name = schema.name;
    if (!isPythonIdentifier(name) || PYTHON_KEYWORDS.has(name) || name.startsWith('_')) {
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
    this.tools.set(name, { schema, fn });
  }

  get(name: string): RegisteredTool | undefined {
    return this.tools.get(name);
  }

  get schemas(): ToolSchema[] {
    return [...this.tools.values()].map((tool) => tool.schema);
  }

  get names(): string[] {
    return [...this.tools.keys()];
  }
}
