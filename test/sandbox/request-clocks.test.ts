/**
 * Which request the host charges, as requests are sent, started, served and
 * finished (RequestClocks). Deadlines are far away here: this checks the
 * charging rules, not the timers.
 */
import { afterEach, describe, expect, it } from '@jest/globals';
import { RequestClocks } from '../../src/sandbox/request-clocks.js';

const FAR = 3_600_000;

const open: RequestClocks[] = [];
afterEach(() => {
  for (const book of open.splice(0)) book.close();
});

function clocks(): RequestClocks {
  const book = new RequestClocks(() => {
    throw new Error('no clock should expire in these tests');
  });
  open.push(book);
  return book;
}

function send(book: RequestClocks, id: number): void {
  book.sent({ id, namespace: 'root', timeoutMs: FAR, wallCapMs: FAR });
}

describe('RequestClocks', () => {
  it('charges the first queued request while nothing has started, so a REPL that never starts it cannot stall it', () => {
    const book = clocks();
    send(book, 1);
    send(book, 2);
    expect(book.charged).toBe(1);
  });

  it('charges the innermost started request, not the ones queued behind it', () => {
    const book = clocks();
    send(book, 1);
    send(book, 2);
    book.started(1);
    expect(book.charged).toBe(1);
    book.finished(1);
    expect(book.charged).toBe(2);
  });

  it('pauses while the host serves a call of the innermost request and nothing is queued', () => {
    const book = clocks();
    send(book, 1);
    book.started(1);
    const end = book.serving(1);
    expect(end).not.toBeNull();
    expect(book.charged).toBeNull();
    end?.();
    expect(book.charged).toBe(1);
  });

  it('keeps charging a waiting request while a request it should serve is queued (a forged wait)', () => {
    const book = clocks();
    send(book, 1);
    book.started(1);
    const end = book.serving(1);
    send(book, 2);
    expect(book.charged).toBe(1);
    book.started(2);
    expect(book.charged).toBe(2);
    book.finished(2);
    expect(book.charged).toBeNull();
    end?.();
  });

  it('lets only the innermost started request pause for a host call', () => {
    const book = clocks();
    send(book, 1);
    book.started(1);
    send(book, 2);
    book.started(2);
    expect(book.serving(1)).toBeNull();
    expect(book.serving(3)).toBeNull();
    expect(book.charged).toBe(2);
  });

  it('charges the request below once the one nested above it finished', () => {
    const book = clocks();
    send(book, 1);
    book.started(1);
    const end = book.serving(1);
    send(book, 2);
    book.started(2);
    end?.();
    // 1's call was answered, but 2 runs above it: 2 is charged, not 1.
    expect(book.charged).toBe(2);
    book.finished(2);
    expect(book.charged).toBe(1);
  });

  it('ignores a start for a request it does not know', () => {
    const book = clocks();
    send(book, 1);
    book.started(7);
    expect(book.isStarted(7)).toBe(false);
    expect(book.charged).toBe(1);
  });
});
