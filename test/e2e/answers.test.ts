/** How a run ends well: answer dict, FINAL / FINAL_VAR in prose, and recovery from code that raises. */
import type { ScriptDefinition } from '../../src/models/scripted/script-types.js';
import { createHarness, repl } from './harness.js';

async function runScript(script: ScriptDefinition, task = 'Task') {
  const harness = await createHarness(script);
  try {
    const result = await harness
      .rlm()
      .completion(task, { context: { kind: 'text', text: 'alpha beta gamma' } });
    return { result, trajectory: await harness.trajectory() };
  } finally {
    await harness.cleanup();
  }
}

describe('ending a run', () => {
  it('shows an exception to the model and carries on', async () => {
    const { result, trajectory } = await runScript({
      responses: [repl('words = context.split()\nratio = len(words) / 0'), repl('FINAL(str(len(words)))')],
    });
    expect(result).toMatchObject({ success: true, response: '3', iterations: 2 });
    const [failing, next] = trajectory.calls;
    expect(failing?.executions[0]).toMatchObject({ status: 'error' });
    expect(failing?.executions[0]?.error).toContain('ZeroDivisionError');
    // The next turn tells the model what went wrong, and the variable from before the error survived.
    expect(next?.prompt).toContain('ZeroDivisionError');
    expect(next?.prompt).toContain('[block 1: error');
  });

  it('accepts FINAL(...) written in prose, ignoring FINAL inside a code block', async () => {
    const { result, trajectory } = await runScript({
      responses: [
        'Here is how I would finish:\n```text\nFINAL(not this one)\n```\nbut first I check.\n' +
          repl('n = 3\nprint(n)'),
        'The answer:\nFINAL("three (3) words")',
      ],
    });
    expect(result.response).toBe('three (3) words');
    expect(trajectory.calls).toHaveLength(2);
  });

  it('reads FINAL_VAR from the REPL, and tells the model when the variable does not exist', async () => {
    const { result, trajectory } = await runScript({
      responses: [
        'FINAL_VAR(missing)',
        repl('report = "\\n".join(w.upper() for w in context.split())'),
        'FINAL_VAR(report)',
      ],
    });
    expect(result).toMatchObject({ success: true, response: 'ALPHA\nBETA\nGAMMA', iterations: 3 });
    expect(trajectory.calls[1]?.prompt).toContain('no variable named "missing"');
  });

  it('ends when code marks the answer ready, without running later blocks', async () => {
    const { result, trajectory } = await runScript({
      responses: [
        repl('answer["content"] = "from code"\nanswer["ready"] = True') + repl('print("never runs")'),
      ],
    });
    expect(result.response).toBe('from code');
    expect(trajectory.calls[0]?.executions).toHaveLength(1);
  });

  it('lists the user variables with SHOW_VARS(), not the prelude', async () => {
    const { trajectory } = await runScript({
      responses: [repl('count = 3\nnames = ["a"]\nprint(SHOW_VARS())'), 'FINAL(ok)'],
    });
    expect(trajectory.calls[0]?.executions[0]?.stdout).toBe(
      "{'context': 'str', 'count': 'int', 'names': 'list'}\n",
    );
  });

  it('nudges a reply with neither code nor answer', async () => {
    const { result, trajectory } = await runScript({ responses: ['I think I should look.', 'FINAL(ok)'] });
    expect(result.success).toBe(true);
    expect(trajectory.calls[1]?.prompt).toContain('no ```repl block and no final answer');
  });
});
