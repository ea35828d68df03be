// Coded errors of the address layer. Every refusal names its reason in the message, because
// the usual reader is an operator who typed a payout address into a config file.
import { HashpoolError } from '../hash/errors';

/** Not an address at all: bad characters, bad length, no separator, empty parts. */
export const ERR_ADDRESS_FORMAT = 'ERR_ADDRESS_FORMAT';
/** The base58check or bech32 checksum does not match. */
export const ERR_ADDRESS_CHECKSUM = 'ERR_ADDRESS_CHECKSUM';
/** A bech32 string mixing upper and lower case (BIP173 forbids it). */
export const ERR_ADDRESS_MIXED_CASE = 'ERR_ADDRESS_MIXED_CASE';
/** A valid checksum of the wrong kind: bech32 for v1+ or bech32m for v0 (BIP350). */
export const ERR_ADDRESS_ENCODING = 'ERR_ADDRESS_ENCODING';
/** Witness version above 16. */
export const ERR_ADDRESS_WITNESS_VERSION = 'ERR_ADDRESS_WITNESS_VERSION';
/** Witness program not 2..40 bytes, v0 program not 20 or 32, or bad 8-to-5 padding. */
export const ERR_ADDRESS_PROGRAM_LENGTH = 'ERR_ADDRESS_PROGRAM_LENGTH';
/** Well formed, but for another network (or no network we know). */
export const ERR_ADDRESS_NETWORK = 'ERR_ADDRESS_NETWORK';
/** A Litecoin MWEB (stealth) address: it has no scriptPubKey, so a coinbase cannot pay it. */
export const ERR_ADDRESS_MWEB = 'ERR_ADDRESS_MWEB';

export const ADDRESS_ERROR_CODES = [
  ERR_ADDRESS_FORMAT,
  ERR_ADDRESS_CHECKSUM,
  ERR_ADDRESS_MIXED_CASE,
  ERR_ADDRESS_ENCODING,
  ERR_ADDRESS_WITNESS_VERSION,
  ERR_ADDRESS_PROGRAM_LENGTH,
  ERR_ADDRESS_NETWORK,
  ERR_ADDRESS_MWEB,
] as const;
export type AddressErrorCode = (typeof ADDRESS_ERROR_CODES)[number];

export class AddressError extends HashpoolError {
  declare readonly code: AddressErrorCode;

  constructor(code: AddressErrorCode, message: string) {
    super(code, message);
  }
}
