/**
 * Which host functions a reply's code calls, found by name in the code. It is
 * known when the call is recorded (before the code runs), which keeps the
 * record write-once and crash-safe; a name that is mentioned but never
 * reached still counts.
 */
const MODEL_FUNCTIONS = ['llm_query', 'llm_query_batched', 'rlm_query', 'rlm_query_batched'];

export function toolsUsedIn(codeBlocks: string[], toolNames: string[]): string[] {
  const used: string[] = [];
  for (const name of [...MODEL_FUNCTIONS, ...toolNames]) {
    const call = new RegExp(`(?<![\\w.])${name}\\s*\\(`);
    if (codeBlocks.some((code) => call.test(code))) used.push(name);
  }
  return used;
}
