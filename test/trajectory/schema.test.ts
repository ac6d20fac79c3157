import { readFile } from 'node:fs/promises';

import { SCHEMA_FILE, trajectorySchema } from '../../src/trajectory/schema.js';
import type { Trajectory } from '../../src/trajectory/types.js';
import { TRAJECTORY_SCHEMA_VERSION } from '../../src/trajectory/types.js';
import { validateTrajectory } from '../../src/trajectory/validate.js';
import { assembleTrajectory } from '../../src/trajectory/assemble.js';
import { makeCall, makeExecution, makeFailedAttempt, makeHeader, makeOutcome } from './support/records.js';

function sample(): Trajectory {
  const trajectory = assembleTrajectory(
    makeHeader(),
    [
      makeCall({ executions: [makeExecution()], attempts: 2, failed_attempts: [makeFailedAttempt()] }),
      makeCall({ call_id: 'c2', parent_id: 'call-1', cost_usd: null }),
    ],
    makeOutcome(),
  );
  trajectory.incomplete = false;
  return trajectory;
}

describe('trajectory schema', () => {
  it('is the same in schema/trajectory.schema.json as in the module the code validates with', async () => {
    const onDisk: unknown = JSON.parse(await readFile(SCHEMA_FILE, 'utf8'));

    expect(onDisk).toEqual(trajectorySchema);
  });

  it('pins the schema version the types declare', () => {
    expect(trajectorySchema.properties.schema_version.const).toBe(TRAJECTORY_SCHEMA_VERSION);
  });

  it('describes exactly the fields a trajectory, a call and an execution have', () => {
    const trajectory = sample();
    const call = trajectory.calls[0];
    const execution = call?.executions[0];

    expect(Object.keys(trajectorySchema.properties).sort()).toEqual(Object.keys(trajectory).sort());
    expect(Object.keys(trajectorySchema.definitions.call.properties).sort()).toEqual(
      Object.keys(call ?? {}).sort(),
    );
    expect(Object.keys(trajectorySchema.definitions.codeExecution.properties).sort()).toEqual(
      Object.keys(execution ?? {}).sort(),
    );
    expect(Object.keys(trajectorySchema.definitions.failedAttempt.properties).sort()).toEqual(
      Object.keys(call?.failed_attempts?.[0] ?? {}).sort(),
    );
    expect([...trajectorySchema.required, 'incomplete'].sort()).toEqual(Object.keys(trajectory).sort());
  });

  it('accepts a complete trajectory', () => {
    expect(validateTrajectory(sample())).toEqual({ valid: true, errors: [] });
  });

  it('still accepts calls written before attempts were recorded (no schema version bump needed)', () => {
    const older = sample();
    for (const call of older.calls) {
      delete call.attempts;
      delete call.failed_attempts;
      delete call.usage_estimated;
    }
    expect(validateTrajectory(older)).toEqual({ valid: true, errors: [] });
  });

  it.each([
    [
      'a missing required field',
      (t: Record<string, unknown>) => delete t.total_tokens,
      "(root) must have required property 'total_tokens'",
    ],
    [
      'an unknown field',
      (t: Record<string, unknown>) => (t.surprise = 1),
      '(root) must NOT have additional properties (surprise)',
    ],
    [
      'another schema version',
      (t: Record<string, unknown>) => (t.schema_version = 3),
      '/schema_version must be equal to constant',
    ],
    [
      'a malformed time',
      (t: Record<string, unknown>) => (t.start_time = 'yesterday'),
      '/start_time must match pattern',
    ],
    [
      'a fractional token count',
      (t: Record<string, unknown>) => ((t.calls as Array<Record<string, unknown>>)[0]!.tokens_in = 1.5),
      '/calls/0/tokens_in must be integer',
    ],
    [
      'an unknown call kind',
      (t: Record<string, unknown>) => ((t.calls as Array<Record<string, unknown>>)[1]!.kind = 'rlm'),
      '/calls/1/kind must be equal to one of the allowed values',
    ],
    [
      'a string cost',
      (t: Record<string, unknown>) => (t.total_cost_usd = '0.1'),
      '/total_cost_usd must be number,null',
    ],
  ])('rejects %s with a readable message', (_name, mutate, message) => {
    const trajectory = sample() as unknown as Record<string, unknown>;
    mutate(trajectory);

    const result = validateTrajectory(trajectory);

    expect(result.valid).toBe(false);
    expect(result.errors.some((error) => error.startsWith(message))).toBe(true);
  });
});
