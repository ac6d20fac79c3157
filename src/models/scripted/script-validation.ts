/**
 * Turns parsed YAML (unknown data) into a ScriptDefinition, or a ConfigError
 * naming the file and the offending key ("sub_responses[2].match").
 */
import { ConfigError } from '../../errors.js';
import type { ScriptDefinition, SubResponseRule } from './script-types.js';
import { PLACEHOLDER_NAMES, unknownPlaceholders } from './template.js';

const TOP_KEYS = ['responses', 'sub_responses', 'default_sub_response'];
const RULE_KEYS = ['match', 'node', 'kind', 'depth', 'response', 'responses'];

class ScriptChecker {
  constructor(private readonly origin: string) {}

  fail(key: string, problem: string): never {
    throw new ConfigError(`Invalid script ${this.origin}: \`${key}\` ${problem}`, {
      key: `script.${key}`,
      fix: 'See docs/models.md ("Scripted backend") for the script format.',
    });
  }

  record(value: unknown, key: string): Record<string, unknown> {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      this.fail(key, 'must be a mapping');
    }
    return value as Record<string, unknown>;
  }

  noUnknownKeys(value: Record<string, unknown>, allowed: string[], key: string): void {
    for (const name of Object.keys(value)) {
      if (!allowed.includes(name)) {
        this.fail(key ? `${key}.${name}` : name, `is not a known key (allowed: ${allowed.join(', ')})`);
      }
    }
  }

  reply(value: unknown, key: string): string {
    // YAML turns `- 42` or `- true` into non-strings; a reply is always text.
    if (typeof value === 'number' || typeof value === 'boolean') return String(value);
    if (typeof value !== 'string') this.fail(key, 'must be a string');
    const unknown = unknownPlaceholders(value);
    if (unknown.length > 0) {
      this.fail(key, `uses unknown placeholder {{${unknown[0]}}} (known: ${PLACEHOLDER_NAMES.join(', ')})`);
    }
    return value;
  }

  replies(value: unknown, key: string, allowEmpty: boolean): string[] {
    if (!Array.isArray(value)) this.fail(key, 'must be a list of strings');
    if (!allowEmpty && value.length === 0) this.fail(key, 'must not be empty');
    return value.map((item, i) => this.reply(item, `${key}[${i}]`));
  }

  rule(value: unknown, key: string): SubResponseRule {
    const raw = this.record(value, key);
    this.noUnknownKeys(raw, RULE_KEYS, key);
    const rule: SubResponseRule = {};
    if (raw.match !== undefined) {
      if (typeof raw.match !== 'string') this.fail(`${key}.match`, 'must be a string (a regular expression)');
      try {
        new RegExp(raw.match);
      } catch (error) {
        this.fail(`${key}.match`, `is not a valid regular expression: ${(error as Error).message}`);
      }
      rule.match = raw.match;
    }
    if (raw.node !== undefined) {
      if (typeof raw.node !== 'string' || raw.node === '') this.fail(`${key}.node`, 'must be a node-id glob');
      rule.node = raw.node;
    }
    if (raw.kind !== undefined) {
      if (raw.kind !== 'root' && raw.kind !== 'llm_query')
        this.fail(`${key}.kind`, 'must be root or llm_query');
      rule.kind = raw.kind;
    }
    if (raw.depth !== undefined) {
      if (typeof raw.depth !== 'number' || !Number.isInteger(raw.depth) || raw.depth < 0) {
        this.fail(`${key}.depth`, 'must be a whole number ≥ 0');
      }
      rule.depth = raw.depth;
    }
    const hasOne = raw.response !== undefined;
    const hasMany = raw.responses !== undefined;
    if (hasOne === hasMany) this.fail(key, 'needs exactly one of `response` or `responses`');
    if (hasOne) rule.response = this.reply(raw.response, `${key}.response`);
    if (hasMany) rule.responses = this.replies(raw.responses, `${key}.responses`, false);
    return rule;
  }
}

/** Validates parsed script data; `origin` names the file (or "inline script") in messages. */
export function validateScript(data: unknown, origin: string): ScriptDefinition {
  // The explicit type lets TypeScript see that check.fail() never returns.
  const check: ScriptChecker = new ScriptChecker(origin);
  if (data === null || data === undefined) check.fail('responses', 'is missing (the script is empty)');
  const raw = check.record(data, '(top level)');
  check.noUnknownKeys(raw, TOP_KEYS, '');
  if (raw.responses === undefined) check.fail('responses', 'is missing');
  const script: ScriptDefinition = { responses: check.replies(raw.responses, 'responses', false) };
  if (raw.sub_responses !== undefined) {
    const rules = raw.sub_responses;
    if (!Array.isArray(rules)) check.fail('sub_responses', 'must be a list of rules');
    script.sub_responses = rules.map((rule: unknown, i) => check.rule(rule, `sub_responses[${i}]`));
  }
  if (raw.default_sub_response !== undefined) {
    script.default_sub_response = check.reply(raw.default_sub_response, 'default_sub_response');
  }
  return script;
}
