/**
 * Structured output: the run's final answer must be JSON that validates against a JSON Schema the caller
 * gives. The root model is shown the schema in its first turn; an answer that does not validate gets ONE
 * repair turn (the problems are told to the model); a second miss fails the run with the problems.
 */
import { Ajv, type ValidateFunction } from 'ajv';
import { ConfigError } from '../errors.js';
import { describeSchemaError } from '../schema-errors.js';

export type JsonSchema = Record<string, unknown>;

export type AnswerCheck = { ok: true; value: unknown } | { ok: false; problems: string[] };

export interface OutputSchema {
  readonly schema: JsonSchema;
  check(answer: string): AnswerCheck;
}

/** Repair turns allowed after a first answer that does not validate. */
export const REPAIR_TURNS = 1;

/** An answer wrapped in a ```json fence (models do that) is read without the fence. */
function jsonText(answer: string): string {
  const fenced = /^\s*```(?:json)?\s*\n([\s\S]*?)\n\s*```\s*$/.exec(answer);
  return (fenced?.[1] ?? answer).trim();
}

export function compileOutputSchema(schema: unknown, source = 'outputSchema'): OutputSchema {
  if (schema === null || typeof schema !== 'object' || Array.isArray(schema)) {
    throw new ConfigError(`${source} must be a JSON Schema object`, {
      key: source,
      fix: 'Give a JSON object such as {"type": "object", "properties": {...}, "required": [...]}.',
    });
  }
  let validate: ValidateFunction;
  try {
    validate = new Ajv({ allErrors: true, strict: false }).compile(schema);
  } catch (error) {
    throw new ConfigError(
      `${source} is not a valid JSON Schema: ${error instanceof Error ? error.message : String(error)}`,
      {
        key: source,
        fix: 'Check the schema against https://json-schema.org (draft-07 or 2019-09 keywords).',
      },
    );
  }
  return {
    schema: schema as JsonSchema,
    check(answer: string): AnswerCheck {
      let value: unknown;
      try {
        value = JSON.parse(jsonText(answer));
      } catch (error) {
        return {
          ok: false,
          problems: [`not JSON: ${error instanceof Error ? error.message : String(error)}`],
        };
      }
      if (validate(value)) return { ok: true, value };
      return { ok: false, problems: (validate.errors ?? []).map(describeSchemaError) };
    },
  };
}

/** Added to the root's first turn. */
export function schemaInstructions(schema: JsonSchema): string {
  return [
    'The final answer must be JSON (no prose around it) that validates against this JSON Schema:',
    '```json',
    JSON.stringify(schema, null, 2),
    '```',
    'Build it in code and finish with `answer["content"] = json.dumps(result)` and `answer["ready"] = True`.',
  ].join('\n');
}

/** The one repair turn. */
export function repairMessage(problems: readonly string[]): string {
  return [
    'Your final answer does not validate against the required JSON Schema:',
    ...problems.slice(0, 20).map((problem) => `- ${problem}`),
    'Fix it and give the final answer again, as JSON only. This is the only retry.',
  ].join('\n');
}
