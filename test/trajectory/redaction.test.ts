import { mkdtemp, readFile, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { readTrajectoryFile } from '../../src/trajectory/reader.js';
import { MIN_SECRET_LENGTH, REDACTED, Redactor } from '../../src/trajectory/redactor.js';
import { TrajectoryWriter } from '../../src/trajectory/writer.js';
import { makeCall, makeExecution, makeHeader, makeOutcome } from './support/records.js';

const REGISTERED = 'my-registered-secret-42';
// Built at runtime so this file itself never carries a string that looks like a live credential.
const PATTERN_TOKENS = {
  anthropic: `sk-ant-api03-${'A1b2C3d4'.repeat(4)}`,
  openai: `sk-proj-${'Z9y8X7w6'.repeat(4)}`,
  githubClassic: `ghp_${'a1B2c3D4e5'.repeat(4)}`,
  githubOauth: `gho_${'Q1w2E3r4t5'.repeat(4)}`,
  githubServer: `ghs_${'M1n2B3v4c5'.repeat(4)}`,
  githubUser: `ghu_${'P0o9I8u7y6'.repeat(4)}`,
  githubFineGrained: `github_pat_${'11ABCDEFG0'.repeat(3)}_${'xYz'.repeat(8)}`,
  aws: `AKIA${'ABCDEFGH12345678'}`,
};

describe('Redactor', () => {
  it('replaces every occurrence of a registered secret', () => {
    const redactor = new Redactor([REGISTERED]);

    expect(redactor.redact(`a ${REGISTERED} b ${REGISTERED}`)).toBe(`a ${REDACTED} b ${REDACTED}`);
  });

  it('removes a secret whole even when a shorter registered secret is part of it', () => {
    const redactor = new Redactor(['secret-part', 'secret-part-and-more']);

    expect(redactor.redact('x secret-part-and-more y')).toBe(`x ${REDACTED} y`);
  });

  it(`ignores registered values shorter than ${MIN_SECRET_LENGTH} characters`, () => {
    const redactor = new Redactor(['abc', '12345', '']);
    redactor.add(undefined);

    expect(redactor.size).toBe(0);
    expect(redactor.redact('abc 12345')).toBe('abc 12345');
  });

  it('treats regular-expression characters in a secret literally', () => {
    const redactor = new Redactor(['a.b*c+d?(e)']);

    expect(redactor.redact('xa.b*c+d?(e)x aXbbbc')).toBe(`x${REDACTED}x aXbbbc`);
  });

  it.each(Object.entries(PATTERN_TOKENS))('recognizes a %s token without registration', (_kind, token) => {
    expect(new Redactor().redact(`key=${token};`)).toBe(`key=${REDACTED};`);
  });

  it('keeps the Bearer scheme word but not the token', () => {
    expect(new Redactor().redact('Authorization: Bearer eyJhbGciOi.J_zI1NiJ9-x~y')).toBe(
      `Authorization: Bearer ${REDACTED}`,
    );
  });

  it('leaves ordinary text alone', () => {
    const text = 'import sklearn; sk-learn and ghp_ are words; Bearer of news; AKIA is short';

    expect(new Redactor([REGISTERED]).redact(text)).toBe(text);
  });

  it('redacts nested strings and keys, leaving numbers, booleans and null untouched', () => {
    const redactor = new Redactor([REGISTERED]);

    expect(
      redactor.redactDeep({ a: [REGISTERED, 3, true, null], [REGISTERED]: { b: `x${REGISTERED}` } }),
    ).toEqual({
      a: [REDACTED, 3, true, null],
      [REDACTED]: { b: `x${REDACTED}` },
    });
  });
});

describe('TrajectoryWriter redaction', () => {
  const secrets = [REGISTERED, ...Object.values(PATTERN_TOKENS)];
  const leak = (label: string): string => `${label}: ${secrets.join(' | ')}`;

  it.each(['jsonl', 'json'] as const)(
    'keeps secrets out of every field and every file (%s)',
    async (format) => {
      const logDir = await mkdtemp(path.join(tmpdir(), 'rlm-redact-'));
      const writer = new TrajectoryWriter({ logDir, format, redactor: new Redactor([REGISTERED]) });
      await writer.start(
        makeHeader({ task: leak('task'), system_prompt: leak('system'), context_summary: leak('context') }),
      );
      await writer.recordCall(
        makeCall({
          prompt: leak('prompt'),
          response: leak('response'),
          error: leak('call error'),
          tools_used: [leak('tool')],
        }),
      );
      await writer.addExecution(
        'call-1',
        makeExecution({
          code: leak('code'),
          stdout: leak('stdout'),
          stderr: leak('stderr'),
          error: leak('exec error'),
        }),
      );
      // The journal is checked mid-run, before finish() deletes it.
      const journalText = await readFile(writer.journalPath ?? '', 'utf8');
      const result = await writer.finish(
        makeOutcome({ error: leak('outcome error'), final_answer: leak('answer') }),
      );

      const files = [journalText, await readFile(result.path, 'utf8')];
      for (const text of files) {
        for (const secret of secrets) expect(text).not.toContain(secret);
      }
      const [trajectory] = await readTrajectoryFile(result.path);
      const call = trajectory?.calls[0];
      const execution = call?.executions[0];
      const fields = [
        trajectory?.task,
        trajectory?.system_prompt,
        trajectory?.context_summary,
        trajectory?.error,
        trajectory?.final_answer,
        call?.prompt,
        call?.response,
        call?.error,
        call?.tools_used[0],
        execution?.code,
        execution?.stdout,
        execution?.stderr,
        execution?.error,
      ];
      for (const field of fields) {
        expect(field).toMatch(/^[a-z ]+: \[REDACTED\]( \| \[REDACTED\]){8}$/);
      }
      expect(await readdir(logDir)).toHaveLength(2);
    },
  );
});
