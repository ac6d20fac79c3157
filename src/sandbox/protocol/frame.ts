/**
 * Frame layout shared by both directions (docs/sandbox-protocol.md):
 *   magic "RLMF" | u32 BE json length | u32 BE binary length | UTF-8 JSON object | binary payload
 * Only host→REPL context chunks carry a binary payload; the REPL never sends one.
 */
export const FRAME_MAGIC = Buffer.from('RLMF', 'latin1');
export const FRAME_HEADER_BYTES = 12;

export function encodeFrame(message: object, binaryLength = 0): Buffer {
  const body = Buffer.from(JSON.stringify(message), 'utf8');
  const frame = Buffer.allocUnsafe(FRAME_HEADER_BYTES + body.length);
  FRAME_MAGIC.copy(frame, 0);
  frame.writeUInt32BE(body.length, 4);
  frame.writeUInt32BE(binaryLength, 8);
  body.copy(frame, FRAME_HEADER_BYTES);
  return frame;
}
