// Bech32 (BIP173) and Bech32m (BIP350), plus the segwit address layer on top of them.
// Written from the BIPs' specification text; the decoder tells which checksum matched so
// the caller can insist on bech32 for witness v0 and bech32m for v1+.
import {
  AddressError,
  ERR_ADDRESS_CHECKSUM,
  ERR_ADDRESS_ENCODING,
  ERR_ADDRESS_FORMAT,
  ERR_ADDRESS_MIXED_CASE,
  ERR_ADDRESS_PROGRAM_LENGTH,
  ERR_ADDRESS_WITNESS_VERSION,
} from './errors';

export type Bech32Encoding = 'bech32' | 'bech32m';

/** BIP173's overall length limit; Litecoin's MWEB addresses are longer and never reach here. */
export const BECH32_MAX_LENGTH = 90;

const CHARSET = 'qpzry9x8gf2tvdw0s3jn54khce6mua7l';
const CHARSET_INDEX: ReadonlyMap<string, number> = new Map([...CHARSET].map((c, i) => [c, i]));
const GENERATOR = [0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3];
const FINAL_CONSTANT: Readonly<Record<Bech32Encoding, number>> = { bech32: 1, bech32m: 0x2bc830a3 };

export interface Bech32Parts {
  hrp: string;
  /** 5-bit values of the data part, checksum removed. */
  words: number[];
  encoding: Bech32Encoding;
}

export interface SegwitAddress {
  hrp: string;
  version: number;
  program: Buffer;
  encoding: Bech32Encoding;
}

function polymod(values: readonly number[]): number {
  let chk = 1;
  for (const v of values) {
    const top = chk >>> 25;
    chk = (((chk & 0x1ffffff) << 5) ^ v) >>> 0;
    for (let i = 0; i < 5; i++) if ((top >>> i) & 1) chk = (chk ^ GENERATOR[i]) >>> 0;
  }
  return chk;
}

function expandHrp(hrp: string): number[] {
  const high: number[] = [];
  const low: number[] = [];
  for (let i = 0; i < hrp.length; i++) {
    const c = hrp.charCodeAt(i);
    high.push(c >> 5);
    low.push(c & 31);
  }
  return [...high, 0, ...low];
}

function checkHrp(hrp: string): void {
  if (hrp.length === 0) throw new AddressError(ERR_ADDRESS_FORMAT, 'bech32 string has an empty human-readable part');
  for (let i = 0; i < hrp.length; i++) {
    const c = hrp.charCodeAt(i);
    if (c < 33 || c > 126) {
      throw new AddressError(ERR_ADDRESS_FORMAT, `bech32 human-readable part has a character out of range (code ${c})`);
    }
  }
}

export function bech32Encode(hrp: string, words: readonly number[], encoding: Bech32Encoding): string {
  checkHrp(hrp);
  const lower = hrp.toLowerCase();
  for (const w of words) {
    if (!Number.isInteger(w) || w < 0 || w > 31) {
      throw new AddressError(ERR_ADDRESS_FORMAT, `bech32 data value ${w} is not a 5-bit integer`);
    }
  }
  const mod = polymod([...expandHrp(lower), ...words, 0, 0, 0, 0, 0, 0]) ^ FINAL_CONSTANT[encoding];
  let out = lower + '1';
  for (const w of words) out += CHARSET[w];
  for (let i = 0; i < 6; i++) out += CHARSET[(mod >>> (5 * (5 - i))) & 31];
  return out;
}

/** Decodes either checksum variant and reports which one matched. */
export function bech32Decode(text: string, maxLength: number = BECH32_MAX_LENGTH): Bech32Parts {
  if (text.length > maxLength) {
    throw new AddressError(ERR_ADDRESS_FORMAT, `bech32 string is ${text.length} characters, over the limit of ${maxLength}`);
  }
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 33 || c > 126) {
      throw new AddressError(ERR_ADDRESS_FORMAT, `bech32 string has a character out of range (code ${c}) at position ${i}`);
    }
  }
  const lower = text.toLowerCase();
  if (lower !== text && text.toUpperCase() !== text) {
    throw new AddressError(ERR_ADDRESS_MIXED_CASE, `'${text}' mixes upper and lower case, which bech32 forbids`);
  }
  const sep = lower.lastIndexOf('1');
  if (sep < 0) throw new AddressError(ERR_ADDRESS_FORMAT, `'${text}' has no bech32 separator '1'`);
  const hrp = lower.slice(0, sep);
  checkHrp(hrp);
  const dataPart = lower.slice(sep + 1);
  if (dataPart.length < 6) {
    throw new AddressError(ERR_ADDRESS_FORMAT, `'${text}' is too short to hold a bech32 checksum`);
  }
  const values: number[] = [];
  for (let i = 0; i < dataPart.length; i++) {
    const v = CHARSET_INDEX.get(dataPart[i]);
    if (v === undefined) {
      throw new AddressError(ERR_ADDRESS_FORMAT, `'${text}' has an invalid bech32 data character ${JSON.stringify(dataPart[i])}`);
    }
    values.push(v);
  }
  const check = polymod([...expandHrp(hrp), ...values]);
  let encoding: Bech32Encoding;
  if (check === FINAL_CONSTANT.bech32) encoding = 'bech32';
  else if (check === FINAL_CONSTANT.bech32m) encoding = 'bech32m';
  else throw new AddressError(ERR_ADDRESS_CHECKSUM, `'${text}' has a bad bech32/bech32m checksum (mistyped?)`);
  return { hrp, words: values.slice(0, values.length - 6), encoding };
}

/**
 * Regroups bits (8-to-5 with pad, 5-to-8 without). Returns undefined when, without padding,
 * more than 4 bits are left over or the leftover bits are not zero (BIP173's rules).
 */
export function convertBits(data: readonly number[], fromBits: number, toBits: number, pad: boolean): number[] | undefined {
  let acc = 0;
  let bits = 0;
  const out: number[] = [];
  const maxValue = (1 << toBits) - 1;
  for (const value of data) {
    if (value < 0 || value >> fromBits !== 0) return undefined;
    acc = ((acc << fromBits) | value) & 0xffffff;
    bits += fromBits;
    while (bits >= toBits) {
      bits -= toBits;
      out.push((acc >> bits) & maxValue);
    }
  }
  if (pad) {
    if (bits > 0) out.push((acc << (toBits - bits)) & maxValue);
  } else if (bits >= fromBits || ((acc << (toBits - bits)) & maxValue) !== 0) {
    return undefined;
  }
  return out;
}

export function encodeSegwitAddress(hrp: string, version: number, program: Uint8Array): string {
  checkWitness(version, program.length);
  const words = convertBits([...program], 8, 5, true) ?? [];
  return bech32Encode(hrp, [version, ...words], version === 0 ? 'bech32' : 'bech32m');
}

function checkWitness(version: number, length: number): void {
  if (!Number.isInteger(version) || version < 0 || version > 16) {
    throw new AddressError(ERR_ADDRESS_WITNESS_VERSION, `witness version ${version} is not in 0..16`);
  }
  if (length < 2 || length > 40) {
    throw new AddressError(ERR_ADDRESS_PROGRAM_LENGTH, `witness program of ${length} bytes is not 2..40 bytes`);
  }
  if (version === 0 && length !== 20 && length !== 32) {
    throw new AddressError(
      ERR_ADDRESS_PROGRAM_LENGTH,
      `witness v0 program of ${length} bytes: v0 allows only 20 (P2WPKH) or 32 (P2WSH) bytes`,
    );
  }
}

/** Decodes a segwit address of any HRP; the caller checks the HRP against its network. */
export function decodeSegwitAddress(text: string): SegwitAddress {
  const { hrp, words, encoding } = bech32Decode(text);
  if (words.length === 0) throw new AddressError(ERR_ADDRESS_FORMAT, `'${text}' has an empty data section`);
  const version = words[0];
  if (version > 16) {
    throw new AddressError(ERR_ADDRESS_WITNESS_VERSION, `'${text}' has witness version ${version}; only 0..16 exist`);
  }
  const bytes = convertBits(words.slice(1), 5, 8, false);
  if (bytes === undefined) {
    throw new AddressError(ERR_ADDRESS_PROGRAM_LENGTH, `'${text}' has invalid padding in its witness program`);
  }
  checkWitness(version, bytes.length);
  const wanted: Bech32Encoding = version === 0 ? 'bech32' : 'bech32m';
  if (encoding !== wanted) {
    throw new AddressError(
      ERR_ADDRESS_ENCODING,
      `'${text}' is witness v${version} with a ${encoding} checksum; v0 must use bech32 and v1+ bech32m (BIP350)`,
    );
  }
  return { hrp, version, program: Buffer.from(bytes), encoding };
}
