/**
 * The `output-schema` input: inline or from a workspace file, checked before anything runs, handed to the
 * engine, and the parsed answer shown in the comment and set as the `structured-output` output.
 */
import { mkdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { FakeEngine, fakeResult } from './support/fakes.js';
import { runScenario, useDirectories } from './support/harness.js';
import { commentPayload } from './support/payloads.js';

const dirs = useDirectories();
const SCHEMA = { type: 'object', properties: { findings: { type: 'integer' } }, required: ['findings'] };
const dispatch = { eventName: 'workflow_dispatch', payload: {} };

describe('output-schema', () => {
  it('inline: the engine gets the schema; the output and the comment carry the parsed JSON', async () => {
    const engine = new FakeEngine(
      fakeResult({
        response: '{"findings": 3, "note": "@team <!-- x -->"}',
        structuredOutput: { findings: 3, note: '@team <!-- x -->' },
      }),
    );
    const { outcome, sink, fake } = await runScenario(dirs, {
      eventName: 'issue_comment',
      payload: commentPayload('issue_comment', 'created', { body: '/rlm run audit' }),
      inputs: { 'output-schema': JSON.stringify(SCHEMA) },
      engine,
    });
    expect(outcome).toBe('succeeded');
    expect(engine.requests[0]?.options.outputSchema).toEqual(SCHEMA);
    expect(JSON.parse(sink.outputs['structured-output'] ?? '')).toEqual({
      findings: 3,
      note: '@team <!-- x -->',
    });
    const body = fake.issueComments.get(1)?.[0]?.body ?? '';
    expect(body).toContain('```json\n{\n  "findings": 3,');
    expect(body).toContain('"@\u200bteam &lt;!-- x -->"');
    expect(body).toContain('Valid against `output-schema`');
  });

  it('from a JSON file in the workspace', async () => {
    await mkdir(join(dirs.workspace, '.github'));
    await writeFile(join(dirs.workspace, '.github', 'audit.schema.json'), JSON.stringify(SCHEMA));
    const engine = new FakeEngine(fakeResult());
    const { outcome, sink } = await runScenario(dirs, {
      ...dispatch,
      inputs: { task: 'audit', 'output-schema': '.github/audit.schema.json' },
      engine,
    });
    expect(outcome).toBe('succeeded');
    expect(engine.requests[0]?.options.outputSchema).toEqual(SCHEMA);
    // No structured output in the result: the output is empty, never made up.
    expect(sink.outputs['structured-output']).toBe('');
  });

  it.each([
    ['{"type": 12}', 'input `output-schema` is not a valid JSON Schema'],
    ['{not json', 'input `output-schema` is not valid JSON'],
    ['missing.json', 'input `output-schema`: "missing.json" is not a regular file in the workspace'],
    ['../outside.json', 'input `output-schema`: "../outside.json" is outside the workspace'],
  ])('%s fails the step before the engine runs', async (value, message) => {
    const engine = new FakeEngine(fakeResult());
    const { outcome, sink } = await runScenario(dirs, {
      ...dispatch,
      inputs: { task: 'audit', 'output-schema': value },
      engine,
    });
    expect(outcome).toBe('failed');
    expect(engine.requests).toEqual([]);
    expect(sink.failures.join('\n')).toContain(message);
  });

  it('a symlinked schema file is not followed', async () => {
    await symlink('/etc/hostname', join(dirs.workspace, 'schema.json'));
    const engine = new FakeEngine(fakeResult());
    const { outcome, sink } = await runScenario(dirs, {
      ...dispatch,
      inputs: { task: 'audit', 'output-schema': 'schema.json' },
      engine,
    });
    expect(outcome).toBe('failed');
    expect(sink.failures.join('\n')).toContain('is not a regular file in the workspace');
  });
});
