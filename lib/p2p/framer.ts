// Frame layout: magic(4) ‖ command(12, ASCII, NUL padded) ‖ payload length u32le ‖
// checksum (first 4 bytes of sha256d(payload)) ‖ payload.
import { hash } from '../hash';
import { P2PEncodeError } from './errors';
import { encodePayload, type Message } from './messages';

export const HEADER_SIZE = 24;
export const COMMAND_SIZE = 12;

/** True for a command Core would accept: printable ASCII, at most 12 characters. */
export function isValidCommandName(command: string): boolean {
  return command.length <= COMMAND_SIZE && /^[\x20-\x7e]*$/.test(command);
}

export function checksum(payload: Uint8Array): Buffer {
  return hash.sha256d(payload).subarray(0, 4);
}

export function encodeFrame(magic: Buffer, command: string, payload: Buffer): Buffer {
  if (magic.length !== 4) throw new P2PEncodeError(`magic must be 4 bytes, got ${magic.length}`);
  if (!isValidCommandName(command)) throw new P2PEncodeError(`bad command name '${command}'`);
  if (payload.length > 0xffffffff) throw new P2PEncodeError(`payload of ${payload.length} bytes is too long`);
  const frame = Buffer.alloc(HEADER_SIZE + payload.length);
  magic.copy(frame, 0);
  frame.write(command, 4, 'latin1');
  frame.writeUInt32LE(payload.length, 16);
  checksum(payload).copy(frame, 20);
  payload.copy(frame, HEADER_SIZE);
  return frame;
}

export function encodeMessage(magic: Buffer, message: Message): Buffer {
  const name = message.command === 'unknown' ? message.name : message.command;
  return encodeFrame(magic, name, encodePayload(message));
}
