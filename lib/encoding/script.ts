// The few script encodings a coinbase needs: minimal data pushes and CScriptNum pushes
// (BIP34 compares the coinbase prefix with Core's `CScript() << height` byte for byte).
import { EncodeError } from './writer';

export const OP_0 = 0x00;
export const OP_PUSHDATA1 = 0x4c;
export const OP_PUSHDATA2 = 0x4d;
export const OP_PUSHDATA4 = 0x4e;
export const OP_1NEGATE = 0x4f;
export const OP_1 = 0x51;
export const OP_RETURN = 0x6a;

/** CScriptNum bytes: little-endian magnitude, sign in the top bit of the last byte. */
export function scriptNumEncode(n: number | bigint): Buffer {
  if (typeof n === 'number' && !Number.isSafeInteger(n)) {
    throw new EncodeError(`script number must be a safe integer, got ${String(n)}`);
  }
  let value = BigInt(n);
  if (value === 0n) return Buffer.alloc(0);
  const negative = value < 0n;
  if (negative) value = -value;
  const bytes: number[] = [];
  while (value > 0n) {
    bytes.push(Number(value & 0xffn));
    value >>= 8n;
  }
  // A magnitude whose top bit is set needs an extra byte to carry the sign.
  if (bytes[bytes.length - 1] & 0x80) bytes.push(negative ? 0x80 : 0x00);
  else if (negative) bytes[bytes.length - 1] |= 0x80;
  return Buffer.from(bytes);
}

/** A push of `data` with the smallest opcode that fits its length. */
export function pushData(data: Uint8Array): Buffer {
  const n = data.length;
  let prefix: Buffer;
  if (n < OP_PUSHDATA1) {
    prefix = Buffer.from([n]);
  } else if (n <= 0xff) {
    prefix = Buffer.from([OP_PUSHDATA1, n]);
  } else if (n <= 0xffff) {
    prefix = Buffer.alloc(3);
    prefix[0] = OP_PUSHDATA2;
    prefix.writeUInt16LE(n, 1);
  } else if (n <= 0xffffffff) {
    prefix = Buffer.alloc(5);
    prefix[0] = OP_PUSHDATA4;
    prefix.writeUInt32LE(n, 1);
  } else {
    throw new EncodeError(`push of ${n} bytes is too long`);
  }
  return Buffer.concat([prefix, data]);
}

/** A number pushed the way `CScript << int64` does: OP_0, OP_1NEGATE, OP_1..OP_16, else bytes. */
export function scriptNumPush(n: number): Buffer {
  if (!Number.isSafeInteger(n)) throw new EncodeError(`script number must be a safe integer, got ${String(n)}`);
  if (n === 0) return Buffer.from([OP_0]);
  if (n === -1) return Buffer.from([OP_1NEGATE]);
  if (n >= 1 && n <= 16) return Buffer.from([OP_1 + n - 1]);
  return pushData(scriptNumEncode(n));
}
