/**
 * The scripted backend's script, after validation. The YAML file uses the
 * same keys (snake_case); see docs/models.md for the format.
 */

/** One reply or an ordered list of replies; either may use {{placeholders}}. */
export interface SubResponseRule {
  /** Regex tested against the last user message of the request. */
  match?: string;
  /** Glob on the RLM node id ("root.1", "root.*", "root.**"). */
  node?: string;
  kind?: 'root' | 'llm_query';
  depth?: number;
  /** A single reply, given every time the rule matches. */
  response?: string;
  /**
   * Replies given in order. Child RLM turns (kind root) keep one cursor per
   * node, so every child node replays the list from the start; llm_query
   * calls share one cursor per rule. An exhausted list stops matching.
   */
  responses?: string[];
}

export interface ScriptDefinition {
  /** The depth-0 root node's replies, in order. */
  responses: string[];
  /** Rules for every other call, first match wins. */
  sub_responses?: SubResponseRule[];
  /** Reply to a sub-call no rule matched. Without it such a call is an error. */
  default_sub_response?: string;
}
