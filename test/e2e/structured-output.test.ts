/**
 * Structured output end to end (scripted model, real Docker sandbox, real trajectory): the root is shown
 * the schema, an answer that does not validate gets exactly one repair turn, and the parsed JSON is the
 * result's structuredOutput.
 */
import type { ScriptDefinition } from '../../src/models/scripted/script-types.js';
import { createHarness, repl } from './harness.js';

const SCHEMA = {
  type: 'object',
  properties: {
    errors: { type: 'integer', minimum: 0 },
    services: { type: 'array', items: { type: 'string' } },
  },
  required: ['errors', 'services'],
  additionalProperties: false,
};

async function runScript(script: ScriptDefinition) {
  const harness = await createHarness(script);
  try {
    const result = await harness.rlm({ outputSchema: SCHEMA }).completion('Count the errors', {
      context: { kind: 'text', text: 'ERROR db\nok\nERROR api\n' },
    });
    return { result, trajectory: await harness.trajectory() };
  } finally {
    await harness.cleanup();
  }
}

const COUNT = 'import json\nlines = [l for l in context.splitlines() if l.startswith("ERROR")]';

describe('structured output', () => {
  it('a valid answer is parsed into structuredOutput, and the first turn showed the schema', async () => {
    const { result, trajectory } = await runScript({
      responses: [
        repl(
          `${COUNT}\nanswer["content"] = json.dumps({"errors": len(lines), "services": [l.split()[1] for l in lines]})\nanswer["ready"] = True`,
        ),
      ],
    });
    expect(result.success).toBe(true);
    expect(result.structuredOutput).toEqual({ errors: 2, services: ['db', 'api'] });
    expect(trajectory.calls[0]?.prompt).toContain('must be JSON (no prose around it) that validates');
    expect(trajectory.calls[0]?.prompt).toContain('"additionalProperties": false');
  });

  it('an invalid answer gets one repair turn naming the problems; the repaired answer is taken', async () => {
    const { result, trajectory } = await runScript({
      responses: [
        repl(`${COUNT}\nanswer["content"] = json.dumps({"errors": str(len(lines))})\nanswer["ready"] = True`),
        // The repair turn first inspects: the rejected answer must not come back as ready by itself.
        repl('print(answer)') +
          repl(
            `answer["content"] = json.dumps({"errors": len(lines), "services": []})\nanswer["ready"] = True`,
          ),
      ],
    });
    expect(result.success).toBe(true);
    expect(result.structuredOutput).toEqual({ errors: 2, services: [] });
    expect(result.iterations).toBe(2);
    const repair = trajectory.calls[1]?.prompt ?? '';
    expect(repair).toContain('does not validate against the required JSON Schema');
    expect(repair).toContain("(root) must have required property 'services'");
    expect(repair).toContain('/errors must be integer');
    expect(trajectory.calls[1]?.executions).toHaveLength(2);
  });

  it('a second miss fails the run with the problems, keeping the answer as the partial response', async () => {
    const { result } = await runScript({
      responses: ['FINAL(two errors)', 'FINAL({"errors": -1, "services": []})', 'FINAL(never asked)'],
    });
    expect(result.success).toBe(false);
    expect(result.exitCode).toBe(1);
    expect(result.structuredOutput).toBeUndefined();
    expect(result.error).toBe(
      'the final answer does not match the output schema (after one repair turn): /errors must be >= 0',
    );
    expect(result.response).toBe('{"errors": -1, "services": []}');
    expect(result.iterations).toBe(2);
  });
});
