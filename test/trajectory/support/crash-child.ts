/**
 * Child process for the crash-safety tests: writes a header and calls, then dies by SIGKILL, never
 * reaching finish(). Args: <logDir> <calls> <mode>; mode "self" kills itself after the calls, mode
 * "stream" keeps recording forever and prints "recorded <n>" after each call is acknowledged, so the
 * parent can kill it at a moment of its choosing.
 */
import { Redactor } from '../../../src/trajectory/redactor.js';
import { TrajectoryWriter } from '../../../src/trajectory/writer.js';
import { makeCall, makeExecution, makeHeader } from './records.js';

const [logDir = '', callsArg = '0', mode = 'self'] = process.argv.slice(2);
const secret = 'crash-secret-value-123456';
const writer = new TrajectoryWriter({ logDir, format: 'jsonl', redactor: new Redactor([secret]) });

await writer.start(makeHeader({ trajectory_id: `crash-${mode}`, task: `task with ${secret}` }));

async function recordOne(index: number): Promise<void> {
  const callId = `call-${index}`;
  await writer.recordCall(makeCall({ call_id: callId, iteration: index + 1, prompt: `prompt ${index}` }));
  await writer.addExecution(callId, makeExecution({ stdout: `out ${index} ${secret}` }));
}

if (mode === 'self') {
  const count = Number(callsArg);
  for (let index = 0; index < count; index += 1) await recordOne(index);
  process.kill(process.pid, 'SIGKILL');
} else {
  for (let index = 0; ; index += 1) {
    await recordOne(index);
    process.stdout.write(`recorded ${index + 1}\n`);
  }
}
