/** The engine gives its sandbox a lifetime cap from the run's timeout: the supervisor's argument. */
import { createHarness, repl } from './harness.js';

describe('sandbox lifetime', () => {
  it("caps the container's life at the run's timeout plus a minute", async () => {
    const harness = await createHarness({
      responses: [
        // The supervisor's argv: python3 -I -S -c <source> <lifetime seconds> python3 ...
        repl('lifetime = open("/proc/1/cmdline", "rb").read().split(b"\\0")[5].decode()\nprint(lifetime)'),
        'FINAL_VAR(lifetime)',
      ],
    });
    try {
      const result = await harness.rlm({ timeout: 30 }).completion('Task');
      expect(result).toMatchObject({ success: true, response: '90' });
    } finally {
      await harness.cleanup();
    }
  });
});
