import { HOLD_BACK, RedactedStream } from '../../src/core/redacted-stream.js';
import { Redactor } from '../../src/trajectory/redactor.js';

function streamOf(secret: string) {
  const redactor = new Redactor([secret]);
  const sent: string[] = [];
  const stream = new RedactedStream(
    (text) => redactor.redact(text),
    (delta) => sent.push(delta),
  );
  return { stream, sent };
}

describe('RedactedStream', () => {
  it('never lets a secret out in pieces, whatever the delta boundaries', () => {
    const secret = 'hunter2-very-secret-value';
    const reply = `${'a'.repeat(300)} the key is ${secret} and ${'b'.repeat(400)} end`;
    for (const size of [1, 3, 8, 50]) {
      const { stream, sent } = streamOf(secret);
      for (let i = 0; i < reply.length; i += size) stream.push(reply.slice(i, i + size));
      stream.flush();
      const joined = sent.join('');
      expect(joined).toBe(reply.replace(secret, '[REDACTED]'));
      for (const piece of ['hunter2', 'very-secret', 'secret-value']) expect(joined).not.toContain(piece);
    }
  });

  it('holds back only the tail: long text streams before the call ends', () => {
    const { stream, sent } = streamOf('not-in-this-text');
    stream.push('x'.repeat(HOLD_BACK + 500));
    expect(sent.join('').length).toBe(500);
    stream.flush();
    expect(sent.join('').length).toBe(HOLD_BACK + 500);
  });

  it('starts over on a retry and says how much of the failed attempt was sent', () => {
    const { stream, sent } = streamOf('not-in-this-text');
    stream.push('y'.repeat(HOLD_BACK + 100));
    expect(stream.reset()).toBe(100);
    stream.push('second');
    stream.flush();
    expect(sent.at(-1)).toBe('second');
  });
});
