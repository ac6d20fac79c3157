/**
 * The Python prelude run in every REPL namespace: llm_query & co., FINAL
 * helpers and registered tools, all routed through the sandbox bridge's
 * `__rlm_host__`. Failures of model sub-calls come back as "Error: ..."
 * strings (one bad item must not lose a whole batch); registered tools
 * raise, as ordinary Python functions do, MCP tools return "Error: ..." too
 * (see tool-prelude.ts).
 */
import { buildToolPrelude, TOOL_CALL_PREFIX } from './tool-prelude.js';
import type { RegisteredTool } from './tool-registry.js';

export const HOST_CALL = {
  llmQuery: 'llm_query',
  rlmQuery: 'rlm_query',
  nodeInfo: 'node_info',
  toolPrefix: TOOL_CALL_PREFIX,
} as const;

/** Names the prelude defines; a tool may not take one of them. */
export const PRELUDE_NAMES = [
  'llm_query',
  'llm_query_batched',
  'rlm_query',
  'rlm_query_batched',
  'FINAL',
  'FINAL_VAR',
  'SHOW_VARS',
  'SHOW_TOOLS',
  'call_tools_batched',
  'answer',
  'context',
] as const;

const CORE_PRELUDE = String.raw`
def __rlm_as_text(value):
    return value if isinstance(value, str) else str(value)

def __rlm_error_text(error):
    return "Error: " + str(error)

__rlm_batch_counter = [0]
__rlm_node_info = {}

def __rlm_next_batch():
    __rlm_batch_counter[0] += 1
    return __rlm_batch_counter[0]

def __rlm_can_recurse():
    # Asked once per namespace: whether rlm_query starts a child RLM here.
    if "can_recurse" not in __rlm_node_info:
        __rlm_node_info.update(__rlm_host__.call("${HOST_CALL.nodeInfo}", {}))
    return bool(__rlm_node_info.get("can_recurse"))

def __rlm_results(results):
    return [__rlm_error_text(r) if isinstance(r, HostCallError) else r for r in results]

def llm_query(prompt, model=None):
    try:
        return __rlm_host__.call("${HOST_CALL.llmQuery}", {"prompt": __rlm_as_text(prompt), "model": model})
    except HostCallError as error:
        return __rlm_error_text(error)

def llm_query_batched(prompts, model=None):
    batch = __rlm_next_batch()
    items = [("${HOST_CALL.llmQuery}", {"prompt": __rlm_as_text(p), "model": model, "batch": batch}) for p in prompts]
    return __rlm_results(__rlm_host__.call_many(items)) if items else []

def __rlm_query_args(prompt, context, batch):
    prompt = __rlm_as_text(prompt)
    if context is not None and not __rlm_can_recurse():
        # No child REPL at the deepest level: the context travels as text in the prompt.
        return {"prompt": prompt + "\n\nContext:\n" + __rlm_as_text(context), "batch": batch}
    args = {"prompt": prompt, "batch": batch}
    if context is not None:
        args["context_token"] = __rlm_stash__(context)
    return args

def rlm_query(prompt, context=None):
    try:
        return __rlm_host__.call("${HOST_CALL.rlmQuery}", __rlm_query_args(prompt, context, None))
    except HostCallError as error:
        return __rlm_error_text(error)

def rlm_query_batched(prompts, contexts=None):
    prompts = list(prompts)
    if contexts is None:
        contexts = [None] * len(prompts)
    contexts = list(contexts)
    if len(contexts) != len(prompts):
        raise ValueError("rlm_query_batched: prompts and contexts must have the same length")
    batch = __rlm_next_batch()
    items = [("${HOST_CALL.rlmQuery}", __rlm_query_args(p, c, batch)) for p, c in zip(prompts, contexts)]
    return __rlm_results(__rlm_host__.call_many(items)) if items else []

def FINAL(value):
    answer["content"] = __rlm_as_text(value)
    answer["ready"] = True
    # Returns None on purpose: a last-line FINAL(...) would otherwise echo the whole answer into the output.

def FINAL_VAR(name):
    if isinstance(name, str):
        if name not in globals():
            raise NameError("FINAL_VAR: no variable named " + repr(name) + "; define it first")
        FINAL(globals()[name])
    else:
        FINAL(name)

__rlm_hidden = (set(globals().keys()) | {"__rlm_hidden"}) - {"context"}

def SHOW_VARS():
    shown = {}
    for key, value in globals().items():
        if key in __rlm_hidden or key.startswith("_") or callable(value) or type(value).__name__ == "module":
            continue
        shown[key] = type(value).__name__
    return shown
`;

export function buildPrelude(tools: readonly RegisteredTool[]): string {
  return (
    CORE_PRELUDE +
    buildToolPrelude(tools) +
    '\n__rlm_hidden.update(k for k in globals().keys() if k != "context")\n'
  );
}
