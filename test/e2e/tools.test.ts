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

  it('records each call with its arguments redacted, and the tools run concurrently in a batch', async () => {
    const secret = 'team-secret-7f3a9c21';
    const batched = await createHarness({
      responses: [
        repl(
          [
            `print(lookup(term="${secret}"))`,
            'print(call_tools_batched([(lookup, {"term": "a"}), ("lookup", {"term": "b"}), (lookup, {"term": ""})]))',
            'FINAL("ok")',
          ].join('\n'),
        ),
      ],
    });
    try {
      let inFlight = 0;
      let most = 0;
      let release: () => void = () => undefined;
      const gate = new Promise<void>((resolve) => (release = resolve));
      const rlm = batched.rlm({ secrets: [secret] }).registerTool(
        async (args) => {
          inFlight += 1;
          most = Math.max(most, inFlight);
          // The batch's calls all wait here until the third arrives: only concurrent calls get through.
          if (inFlight === 3) release();
          if (args.term !== secret) await gate;
          inFlight -= 1;
          if (args.term === '') throw new Error('empty term');
          return { term: args.term, hits: 1 };
        },
        { name: 'lookup', parameters: { term: { type: 'str' } }, required: ['term'] },
      );
      const result = await rlm.completion('Look things up');
      expect(result.error).toBeNull();
      expect(most).toBe(3);
      const trajectory = await batched.trajectory();
      const execution = trajectory.calls[0]?.executions[0];
      expect(execution?.stdout.split('\n')[1]).toBe(
        "[{'term': 'a', 'hits': 1}, {'term': 'b', 'hits': 1}, 'Error: empty term']",
      );
      const calls = execution?.tool_calls ?? [];
      expect(calls).toHaveLength(4);
      expect(calls[0]).toMatchObject({ tool: 'lookup', server: null, name: 'lookup', status: 'ok' });
      expect(calls[0]?.arguments).toBe('{"term":"[REDACTED]"}');
      expect(calls.filter((call) => call.status === 'error').map((call) => call.error)).toEqual([
        'empty term',
      ]);
      expect(JSON.stringify(trajectory)).not.toContain(secret);
    } finally {
      await batched.cleanup();
    }
  });

  it('refuses names that clash with the prelude', () => {
    expect(() => harness.rlm().registerTool(() => 1, { name: 'llm_query' })).toThrow('reserved');
  });
});
