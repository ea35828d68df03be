// Hex fields of stratum messages: checked, normalized to lowercase so that case variants
// of one share compare equal, and converted for header building.
import { StratumProtocolError } from './errors';

const HEX = /^[0-9a-fA-F]*$/;

/** Lowercase hex of even length (any length); throws StratumProtocolError naming the field. */
export function normalizeHex(value: unknown, field: string): string {
  if (typeof value !== 'string') throw new StratumProtocolError(`${field} must be a hex string`);
  if (!HEX.test(value) || value.length % 2 !== 0) {
    throw new StratumProtocolError(`${field} must be hex with an even number of digits`);
  }
  return value.toLowerCase();
}

/** A uint32 written as 8 big-endian hex digits (version, nbits, ntime, nonce). */
export function parseHex32(value: string, field: string): number {
  if (value.length !== 8 || !HEX.test(value)) throw new StratumProtocolError(`${field} must be 8 hex digits`);
  return Number.parseInt(value, 16) >>> 0;
}

export function hex32(value: number): string {
  return (value >>> 0).toString(16).padStart(8, '0');
}
