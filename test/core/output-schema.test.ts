/** The structured-output checker: JSON parsing (fenced or not), ajv validation, readable problems. */
import { compileOutputSchema, repairMessage } from '../../src/core/output-schema.js';
import { runSettings } from '../../src/core/settings.js';
import { ConfigError } from '../../src/errors.js';

const schema = compileOutputSchema({
  type: 'object',
  properties: { ok: { type: 'boolean' } },
  required: ['ok'],
});

describe('compileOutputSchema', () => {
  it('accepts plain and ```json-fenced JSON that validates', () => {
    expect(schema.check('{"ok": true}')).toEqual({ ok: true, value: { ok: true } });
    expect(schema.check('```json\n{"ok": false}\n```')).toEqual({ ok: true, value: { ok: false } });
  });

  it('names what is wrong: not JSON, or which paths fail', () => {
    const notJson = schema.check('all good');
    expect(notJson.ok).toBe(false);
    expect(!notJson.ok && notJson.problems[0]).toMatch(/^not JSON: /);
    expect(schema.check('{"ok": "yes"}')).toEqual({ ok: false, problems: ['/ok must be boolean'] });
  });

  it('refuses a schema that is not an object, or not a schema, as a ConfigError', () => {
    expect(() => compileOutputSchema([1])).toThrow(ConfigError);
    expect(() => compileOutputSchema({ type: 'nonsense' }, 'output-schema')).toThrow(
      /^output-schema is not a valid JSON Schema: /,
    );
    expect(() => runSettings({ backend: 'scripted', outputSchema: { type: 12 } }, {}, 'm')).toThrow(
      ConfigError,
    );
  });

  it('the repair message lists the problems and says it is the only retry', () => {
    expect(repairMessage(['/ok must be boolean'])).toBe(
      'Your final answer does not validate against the required JSON Schema:\n- /ok must be boolean\nFix it and give the final answer again, as JSON only. This is the only retry.',
    );
  });
});
