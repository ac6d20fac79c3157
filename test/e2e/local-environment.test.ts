/** The same engine on the local `repl` environment (python3 on the host; unsafe for untrusted code). */
import { createHarness, repl, type Harness } from './harness.js';

describe('environment: repl', () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await createHarness({
      responses: [
        repl('total = sum(context["values"])\nprint(llm_query(f"describe {total}"))'),
        'FINAL_VAR(total)',
      ],
      default_sub_response: 'a sum of {{prompt_chars}} chars',
    });
  });
  afterAll(() => harness.cleanup());

  it('runs the loop, sub-calls and FINAL_VAR in a local python3 process', async () => {
    const result = await harness.rlm({ environment: 'repl' }).completion('Add the values', {
      context: { kind: 'json', value: { values: [1, 2, 3, 4] } },
    });
    expect(result).toMatchObject({ success: true, response: '10', subCalls: 1 });
    const trajectory = await harness.trajectory();
    expect(trajectory.environment).toBe('repl');
    expect(trajectory.calls[0]?.executions[0]?.stdout).toBe('a sum of 11 chars\n');
  });
});
