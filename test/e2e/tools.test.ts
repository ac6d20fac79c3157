/** registerTool: a host-side function called from REPL code with keyword arguments. */
import type { ScriptDefinition } from '../../src/models/scripted/script-types.js';
import { createHarness, repl, type Harness } from './harness.js';

const script: ScriptDefinition = {
  responses: [
    repl(
      [
        'issue = fetch_issue(number=7)',
        'print(issue["title"], issue["labels"])',
        'try:',
        '    fetch_issue(number=-1)',
        'except HostCallError as error:',
        '    print("raised:", error)',
        'FINAL(issue["title"])',
      ].join('\n'),
    ),
  ],
};

describe('registered tools', () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await createHarness(script);
  });
  afterAll(() => harness.cleanup());

  it('are callable from code, return JSON values and raise HostCallError on failure', async () => {
    const calls: unknown[] = [];
    const rlm = harness.rlm().registerTool(
      (args) => {
        calls.push(args);
        const number = Number(args.number);
        if (number < 0) throw new Error(`no issue ${number}`);
        return { title: `Issue ${number}`, labels: ['bug'] };
      },
      { name: 'fetch_issue', description: 'Reads an issue.', parameters: { number: { type: 'int' } } },
    );
    const result = await rlm.completion('Read issue 7');
    expect(result.response).toBe('Issue 7');
    expect(calls).toEqual([{ number: 7 }, { number: -1 }]);
    const trajectory = await harness.trajectory();
    expect(trajectory.calls[0]?.executions[0]?.stdout).toBe("Issue 7 ['bug']\nraised: no issue -1\n");
    expect(trajectory.calls[0]?.tools_used).toEqual(['fetch_issue']);
    expect(trajectory.system_prompt).toContain('fetch_issue(number: int)');
  });

  it('tools_used records what the code called while it ran, not names that only appear in it', async () => {
    const used = await createHarness({
      responses: [
        repl(
          [
            '# llm_query_batched(["not run"]) is only mentioned here',
            'if len(context) > 10**9:',
            '    fetch_issue(number=1)',
            'print(llm_query("short"))',
          ].join('\n'),
        ),
        repl('print(rlm_query_batched(["a", "b"]))', 'Second look.'),
        repl('FINAL("done")'),
      ],
      default_sub_response: 'sub',
    });
    try {
      // maxDepth 1: rlm_query_batched items are plain completions, so every root-kind call is the root's.
      const rlm = used.rlm({ maxDepth: 1 }).registerTool(() => ({}), { name: 'fetch_issue' });
      const result = await rlm.completion('Task', { context: { kind: 'text', text: 'tiny' } });
      expect(result.success).toBe(true);
      const trajectory = await used.trajectory();
      const roots = trajectory.calls.filter((call) => call.kind === 'root');
      expect(roots.map((call) => call.tools_used)).toEqual([['llm_query'], ['rlm_query_batched'], []]);
      expect(roots[0]?.executions[0]?.tools_used).toEqual(['llm_query']);
      expect(roots[1]?.executions[0]?.tools_used).toEqual(['rlm_query_batched']);
    } finally {
      await used.cleanup();
    }
  });

  it('refuses names that clash with the prelude', () => {
    expect(() => harness.rlm().registerTool(() => 1, { name: 'llm_query' })).toThrow('reserved');
  });
});
