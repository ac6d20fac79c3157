/** Replies from a ScriptDefinition: root replies in order, sub-calls by rule. */
import { ModelApiError } from '../../errors.js';
import type { CompletionRequest } from '../types.js';
import { nodeGlobToRegExp } from './node-glob.js';
import { describeCall, isTopRootCall, lastUserMessage, type ReplySource } from './reply-source.js';
import type { ScriptDefinition, SubResponseRule } from './script-types.js';
import { renderTemplate } from './template.js';

interface CompiledRule {
  rule: SubResponseRule;
  match: RegExp | undefined;
  node: RegExp | undefined;
}

export class ScriptReplies implements ReplySource {
  private rootTurn = 0;
  private readonly rules: CompiledRule[];
  private readonly cursors = new Map<string, number>();

  constructor(
    private readonly script: ScriptDefinition,
    /** File path or "inline script", for error messages. */
    private readonly origin: string,
  ) {
    this.rules = (script.sub_responses ?? []).map((rule) => ({
      rule,
      match: rule.match === undefined ? undefined : new RegExp(rule.match),
      node: rule.node === undefined ? undefined : nodeGlobToRegExp(rule.node),
    }));
  }

  next(request: CompletionRequest): string {
    const prompt = lastUserMessage(request);
    const template = isTopRootCall(request) ? this.nextRootReply() : this.nextSubReply(request, prompt);
    return renderTemplate(template, { prompt, purpose: request.purpose });
  }

  private nextRootReply(): string {
    const reply = this.script.responses[this.rootTurn];
    if (reply === undefined) {
      throw new ModelApiError(
        `scripted: no reply left for root turn ${this.rootTurn + 1}: \`responses\` in ${this.origin} has ${this.script.responses.length}`,
        {
          provider: 'scripted',
          fix: 'Add replies to `responses`, or end the run sooner (answer["ready"] = True or FINAL(...) in the last reply).',
        },
      );
    }
    this.rootTurn++;
    return reply;
  }

  private nextSubReply(request: CompletionRequest, prompt: string): string {
    for (const [index, compiled] of this.rules.entries()) {
      if (!matches(compiled, request, prompt)) continue;
      const { rule } = compiled;
      if (rule.response !== undefined) return rule.response;
      const replies = rule.responses ?? [];
      // Each child RLM node replays its rule's turns from the start; plain sub-calls share one sequence.
      const key = request.purpose.kind === 'root' ? `${index}:${request.purpose.nodeId}` : `${index}`;
      const cursor = this.cursors.get(key) ?? 0;
      const reply = replies[cursor];
      if (reply === undefined) continue;
      this.cursors.set(key, cursor + 1);
      return reply;
    }
    if (this.script.default_sub_response !== undefined) return this.script.default_sub_response;
    throw new ModelApiError(
      `scripted: no \`sub_responses\` rule in ${this.origin} has a reply for the ${describeCall(request)} (prompt starts ${JSON.stringify(prompt.slice(0, 60))})`,
      { provider: 'scripted', fix: 'Add a matching rule to `sub_responses` or set `default_sub_response`.' },
    );
  }
}

function matches(compiled: CompiledRule, request: CompletionRequest, prompt: string): boolean {
  const { rule } = compiled;
  const { purpose } = request;
  if (rule.kind !== undefined && rule.kind !== purpose.kind) return false;
  if (rule.depth !== undefined && rule.depth !== purpose.depth) return false;
  if (compiled.node && !compiled.node.test(purpose.nodeId)) return false;
  if (compiled.match && !compiled.match.test(prompt)) return false;
  return true;
}
