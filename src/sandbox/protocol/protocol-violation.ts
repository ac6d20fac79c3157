/** The REPL sent bytes that are not a valid frame: the channel cannot be trusted any more. */
export class ProtocolViolation extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ProtocolViolation';
  }
}
