/**
 * Parses a comment command: `/rlm run [--flag value]... <task>`.
 *
 * The comment's FIRST token(s) must be the trigger; anything else is not a command. Only a short allowlist
 * of flags may follow, and only at the start (a `--flag` further on is part of the task text). Flags that
 * would widen what a commenter controls (image, network, base URL, budget, environment, workspace) are not
 * on the list, so they are refused with a reason instead of being silently dropped.
 */

export interface CommandPolicy {
  /** e.g. "/rlm run". */
  trigger: string;
  /** Highest `--max-depth` a comment may ask for. */
  maxDepthCap: number;
  /** Highest `--max-iterations` a comment may ask for (the configured value: a comment can only lower it). */
  maxIterationsCap: number;
  /** Models `--model` / `--sub-model` may name; empty = those flags are refused. */
  allowedModels: readonly string[];
}

export interface CommandOverrides {
  maxDepth?: number;
  maxIterations?: number;
  model?: string;
  subModel?: string;
}

export type ParsedCommand =
  | { kind: 'not-command' }
  | { kind: 'refused'; reason: string }
  | { kind: 'command'; task: string; overrides: CommandOverrides };

export const ALLOWED_FLAGS = ['--max-depth', '--max-iterations', '--model', '--sub-model'] as const;

/** Splits off the first whitespace-delimited token; returns null when the text is empty. */
function nextToken(text: string): { token: string; rest: string } | null {
  const match = /^\s*(\S+)([\s\S]*)$/.exec(text);
  if (!match) return null;
  return { token: match[1] ?? '', rest: match[2] ?? '' };
}

/** The rest of the body after the trigger, or null when the body does not start with it. */
export function stripTrigger(body: string, trigger: string): string | null {
  const triggerTokens = trigger.trim().split(/\s+/).filter(Boolean);
  if (triggerTokens.length === 0) return null;
  let rest = body;
  for (const expected of triggerTokens) {
    const next = nextToken(rest);
    if (!next || next.token !== expected) return null;
    rest = next.rest;
  }
  return rest;
}

function parseInteger(flag: string, raw: string | undefined, min: number, max: number): number | string {
  if (raw === undefined || !/^\d+$/.test(raw)) return `\`${flag}\` needs a whole number.`;
  const value = Number(raw);
  if (value < min || value > max) return `\`${flag}\` must be between ${min} and ${max}.`;
  return value;
}

function parseModel(raw: string | undefined, allowed: readonly string[]): string | undefined {
  if (allowed.length === 0) return undefined;
  return raw !== undefined && allowed.includes(raw) ? raw : undefined;
}

export function parseCommand(body: string, policy: CommandPolicy): ParsedCommand {
  let rest = stripTrigger(body, policy.trigger);
  if (rest === null) return { kind: 'not-command' };

  const overrides: CommandOverrides = {};
  for (;;) {
    const next = nextToken(rest);
    if (!next || !next.token.startsWith('--')) break;
    const [name = '', inlineValue] = next.token.split(/=(.*)/s, 2);
    let value = inlineValue;
    let after = next.rest;
    if (value === undefined) {
      const valueToken = nextToken(after);
      value = valueToken?.token;
      after = valueToken?.rest ?? '';
    }
    switch (name) {
      case '--max-depth': {
        const parsed = parseInteger(name, value, 0, policy.maxDepthCap);
        if (typeof parsed === 'string') return { kind: 'refused', reason: parsed };
        overrides.maxDepth = parsed;
        break;
      }
      case '--max-iterations': {
        const parsed = parseInteger(name, value, 1, policy.maxIterationsCap);
        if (typeof parsed === 'string') return { kind: 'refused', reason: parsed };
        overrides.maxIterations = parsed;
        break;
      }
      case '--model':
      case '--sub-model': {
        const model = parseModel(value, policy.allowedModels);
        if (model === undefined) {
          return {
            kind: 'refused',
            reason:
              policy.allowedModels.length === 0
                ? `\`${name}\` is not enabled for comment commands (no \`allowed-models\` configured).`
                : `\`${name}\` must be one of: ${policy.allowedModels.map((m) => `\`${m}\``).join(', ')}.`,
          };
        }
        if (name === '--model') overrides.model = model;
        else overrides.subModel = model;
        break;
      }
      default:
        return {
          kind: 'refused',
          reason: `\`${name}\` is not allowed in a comment command. Allowed flags: ${ALLOWED_FLAGS.map((f) => `\`${f}\``).join(', ')}. Image, network, base URL, environment and budget are set in the workflow only.`,
        };
    }
    rest = after;
  }
  return { kind: 'command', task: rest.trim(), overrides };
}
