/**
 * The Python side of host tools: one plain function per tool (positional
 * arguments map onto the schema's parameters in order, keywords pass
 * through), `call_tools_batched` for concurrent calls, and `SHOW_TOOLS()`.
 * Every call crosses the bridge as `tool:<name>`; the host decides, per
 * tool, whether a failure raises HostCallError or comes back as "Error: ...".
 */
import type { ToolSchema } from '../rlm-options.js';
import type { RegisteredTool } from './tool-registry.js';

export const TOOL_CALL_PREFIX = 'tool:';

/** `name(a: string, b: integer=None)`, as the system prompt and SHOW_TOOLS() show it. */
export function toolSignature(schema: ToolSchema): string {
  const parameters = Object.entries(schema.parameters ?? {}).map(([name, spec]) => {
    const optional = schema.required !== undefined && !schema.required.includes(name) ? '=None' : '';
    return `${name}${spec.type ? `: ${spec.type}` : ''}${optional}`;
  });
  return `${schema.name}(${parameters.join(', ')})`;
}

const TOOL_HELPERS = String.raw`
def __rlm_tool_kwargs(name, args, kwargs):
    params = __rlm_tools[name]["params"]
    if len(args) > len(params):
        raise TypeError("%s() takes %d positional arguments but %d were given" % (name, len(params), len(args)))
    merged = dict(kwargs)
    for key, value in zip(params, args):
        if key in merged:
            raise TypeError("%s() got multiple values for argument %r" % (name, key))
        merged[key] = value
    return merged

def __rlm_call_tool(name, args, kwargs):
    request = __rlm_tool_kwargs(name, args, kwargs)
    if not __rlm_tools[name]["text_errors"]:
        return __rlm_host__.call("${TOOL_CALL_PREFIX}" + name, request)
    try:
        return __rlm_host__.call("${TOOL_CALL_PREFIX}" + name, request)
    except HostCallError as error:
        return __rlm_error_text(error)

def call_tools_batched(calls):
    items = []
    for call in calls:
        function = call[0]
        kwargs = dict(call[1]) if len(call) > 1 and call[1] is not None else {}
        name = function if isinstance(function, str) else getattr(function, "__name__", None)
        if name not in __rlm_tools:
            raise ValueError("call_tools_batched: no tool named %r (SHOW_TOOLS() lists them)" % (name,))
        items.append(("${TOOL_CALL_PREFIX}" + name, __rlm_tool_kwargs(name, (), kwargs)))
    return __rlm_results(__rlm_host__.call_many(items)) if items else []

def SHOW_TOOLS():
    return {
        name: spec["signature"] + (": " + spec["description"] if spec["description"] else "")
        for name, spec in __rlm_tools.items()
    }
`;

/** Python source defining every tool, the batch helper and SHOW_TOOLS(); runs after the core prelude. */
export function buildToolPrelude(tools: readonly RegisteredTool[]): string {
  const specs = Object.fromEntries(
    tools.map((tool) => [
      tool.schema.name,
      {
        params: Object.keys(tool.schema.parameters ?? {}),
        text_errors: tool.failure === 'text',
        signature: toolSignature(tool.schema),
        description: tool.schema.description ?? '',
      },
    ]),
  );
  // JSON text inside a Python string literal: JSON.stringify's escapes are valid Python escapes.
  const table = `__rlm_tools = __import__("json").loads(${JSON.stringify(JSON.stringify(specs))})\n`;
  const functions = tools.map(
    (tool) =>
      `\ndef ${tool.schema.name}(*args, **kwargs):\n    return __rlm_call_tool(${JSON.stringify(tool.schema.name)}, args, kwargs)\n`,
  );
  return table + TOOL_HELPERS + functions.join('');
}
