// Base58 and Base58Check (Bitcoin alphabet). The checksum is the first 4 bytes of sha256d.
import { hash } from '../hash';
import { AddressError, ERR_ADDRESS_CHECKSUM, ERR_ADDRESS_FORMAT } from './errors';

const ALPHABET = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';
const DIGIT_OF: ReadonlyMap<string, number> = new Map([...ALPHABET].map((c, i) => [c, i]));

export function base58Encode(data: Uint8Array): string {
  let zeros = 0;
  while (zeros < data.length && data[zeros] === 0) zeros++;
  let value = 0n;
  for (const byte of data) value = (value << 8n) | BigInt(byte);
  let out = '';
  while (value > 0n) {
    out = ALPHABET[Number(value % 58n)] + out;
    value /= 58n;
  }
  return '1'.repeat(zeros) + out;
}

export function base58Decode(text: string): Buffer {
  let zeros = 0;
  while (zeros < text.length && text[zeros] === '1') zeros++;
  let value = 0n;
  for (let i = 0; i < text.length; i++) {
    const digit = DIGIT_OF.get(text[i]);
    if (digit === undefined) {
      throw new AddressError(
        ERR_ADDRESS_FORMAT,
        `'${text}' is not base58: character ${JSON.stringify(text[i])} at position ${i} is not in the alphabet`,
      );
    }
    value = value * 58n + BigInt(digit);
  }
  const body: number[] = [];
  while (value > 0n) {
    body.push(Number(value & 0xffn));
    value >>= 8n;
  }
  return Buffer.concat([Buffer.alloc(zeros), Buffer.from(body.reverse())]);
}

function checksum(payload: Uint8Array): Buffer {
  return hash.sha256d(payload).subarray(0, 4);
}

export function base58CheckEncode(payload: Uint8Array): string {
  return base58Encode(Buffer.concat([payload, checksum(payload)]));
}

/** Returns the payload (version byte included) after checking the 4-byte checksum. */
export function base58CheckDecode(text: string): Buffer {
  const raw = base58Decode(text);
  if (raw.length < 5) {
    throw new AddressError(ERR_ADDRESS_FORMAT, `'${text}' is too short for base58check (${raw.length} bytes)`);
  }
  const payload = raw.subarray(0, raw.length - 4);
  if (!checksum(payload).equals(raw.subarray(raw.length - 4))) {
    throw new AddressError(ERR_ADDRESS_CHECKSUM, `'${text}' has a bad base58check checksum (mistyped?)`);
  }
  return Buffer.from(payload);
}
