/**
 * The system prompt of an RLM node. It never mentions the context's content
 * or size (that goes in the first user message), so it is identical across
 * turns and runs and caches well. Wording depends on depth: a node whose
 * rlm_query can no longer recurse is told so, instead of being promised a
 * child REPL it will not get.
 */
import type { ToolSchema } from '../../rlm-options.js';

export interface SystemPromptInput {
  depth: number;
  /** True when rlm_query from this node starts a child RLM (depth + 1 < maxDepth). */
  canRecurse: boolean;
  maxSubCallPromptChars: number;
  tools: ToolSchema[];
  /** The sandbox directory whose files are collected when the run ends (/output); null where there is none. */
  outputDir?: string | null;
  /** Models `model=` may name besides the default sub-model (see modelChoices); empty: not advertised. */
  modelChoices?: readonly string[];
}

export function buildSystemPrompt(input: SystemPromptInput): string {
  const recursion = input.canRecurse
    ? '- `rlm_query(prompt, context=None) -> str`: starts a child RLM, one level down, with its own REPL where `context` is the object you pass (or the prompt text itself when you pass none). The child iterates like you and returns its final answer. Use it for sub-tasks that need their own code and several steps.\n' +
      '- `rlm_query_batched(prompts, contexts=None) -> list[str]`: several child RLMs at once, answers in input order.'
    : '- `rlm_query(prompt, context=None)` and `rlm_query_batched(prompts, contexts=None)`: you are at the deepest level allowed, so these behave like llm_query / llm_query_batched (the context, if given, is appended to the prompt as text).';
  const role =
    input.depth === 0
      ? 'You answer a task whose context lives in a Python REPL, not in this conversation.'
      : `You are a sub-agent at depth ${input.depth}: a parent agent gave you a task, and its data lives in your Python REPL.`;
  return [
    role,
    '',
    'How it works:',
    '- Write Python in ```repl fenced blocks (```python is accepted too). Every block of your reply runs in order in a persistent REPL: variables survive between turns.',
    '- After your reply you get back what the blocks printed (stdout, stderr, errors), cut to a head and a tail when long. Print summaries, lengths and slices, not whole datasets.',
    '- The variable `context` holds the data. Look at it with code (type, len, slicing, search) before you answer; never guess its content.',
    ...outputLines(input.outputDir ?? null),
    '',
    'Functions in the REPL:',
    `- \`llm_query(prompt, model=None) -> str\`: one completion from a language model that sees only \`prompt\` (at most ${input.maxSubCallPromptChars} characters). Use it to read, classify or summarise chunks that are too big to print.`,
    '- `llm_query_batched(prompts, model=None) -> list[str]`: many llm_query calls at once, concurrently; answers come back in input order. Prefer it to a loop of llm_query.',
    ...modelLine(input.modelChoices ?? []),
    recursion,
    '- A failed sub-call returns a string starting with "Error:" instead of raising; check for it.',
    '- `SHOW_VARS()`: the variables you have defined.',
    ...toolLines(input.tools),
    '',
    'Finishing:',
    '- When you have the answer, set it from code: `answer["content"] = text` then `answer["ready"] = True`, or call `FINAL(text)` / `FINAL_VAR("variable_name")` inside a ```repl block. The run ends after that block.',
    '- Outside code, a reply may also end with FINAL(your answer) or FINAL_VAR(variable_name).',
    '- Do not answer before you have looked at the context. Act in every reply: write code, do not only describe what you would do.',
  ].join('\n');
}

function outputLines(outputDir: string | null): string[] {
  if (outputDir === null) return [];
  return [
    `- Files you want to hand over (charts, CSV, reports) go in \`${outputDir}\` (size- and count-capped): they are collected when the run ends and listed with your answer. Other files in the sandbox are discarded; there is no network.`,
  ];
}

function toolLines(tools: ToolSchema[]): string[] {
  if (tools.length === 0) return [];
  const lines = ['', 'Host tools (keyword arguments only; they raise HostCallError on failure):'];
  for (const tool of tools) {
    const parameters = Object.entries(tool.parameters ?? {}).map(([name, spec]) => {
      const optional = tool.required !== undefined && !tool.required.includes(name) ? '=None' : '';
      return `${name}${spec.type ? `: ${spec.type}` : ''}${optional}`;
    });
    lines.push(
      `- \`${tool.name}(${parameters.join(', ')})\`${tool.description ? `: ${tool.description}` : ''}`,
    );
  }
  return lines;
}

/** Without choices `model=` is not advertised, and the prompt stays as it always was. */
function modelLine(choices: readonly string[]): string[] {
  if (choices.length === 0) return [];
  return [
    `- \`model=\` may name one of: ${choices.map((name) => `\`${name}\``).join(', ')} (leave it out for the default sub-model); any other model is refused.`,
  ];
}
