// getblocktemplate (BIP22/23 plus segwit and Litecoin's MWEB fields) decoded into typed
// values. Hashes are kept as Buffers in internal byte order (the reverse of RPC hex),
// because that is what merkle trees, headers and witness commitments consume.
import { hash } from '../hash';
import { TemplateError } from './errors';

export interface TemplateTransaction {
  /** Serialized tx exactly as the node gave it (witness form; HogEx with its MWEB flag). */
  data: Buffer;
  /** Hash of the serialization without witness, internal byte order. */
  txid: Buffer;
  /** wtxid, internal byte order (equals txid when there is no witness). */
  hash: Buffer;
  fee: number;
  /** 1-based indexes into the template's transaction list, as getblocktemplate gives them. */
  depends: number[];
  sigops: number;
  weight: number;
}

export interface BlockTemplate {
  /** Block version as an unsigned 32-bit number. */
  version: number;
  /** RPC (display) hex of the tip. */
  previousBlockHashHex: string;
  /** The tip hash in internal byte order, as it goes into the header. */
  previousBlockHash: Buffer;
  transactions: TemplateTransaction[];
  /** Subsidy plus fees, in satoshis. */
  coinbaseValue: bigint;
  bits: number;
  target: bigint;
  height: number;
  curtime: number;
  mintime: number;
  /** The whole commitment output script (6a24aa21a9ed ‖ 32 bytes), when the node sent one. */
  defaultWitnessCommitment: Buffer | undefined;
  /** Serialized MWEB extension block; present only once MWEB is active. */
  mweb: Buffer | undefined;
  /** The HogEx (integrating tx): the last transaction of an MWEB template. */
  hogEx: TemplateTransaction | undefined;
  longpollId: string | undefined;
  rules: string[];
  sigopLimit: number | undefined;
  sizeLimit: number | undefined;
  weightLimit: number | undefined;
}

const HEX = /^(?:[0-9a-fA-F]{2})*$/;
const MAX_UINT32 = 0xffffffff;

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function hexBytes(value: unknown, field: string, length?: number): Buffer {
  if (typeof value !== 'string') throw new TemplateError(field, `expected a hex string, got ${typeName(value)}`);
  if (!HEX.test(value)) throw new TemplateError(field, 'not valid hex');
  if (length !== undefined && value.length !== length * 2) {
    throw new TemplateError(field, `expected ${length} bytes, got ${value.length / 2}`);
  }
  return Buffer.from(value, 'hex');
}

/** A 32-byte hash given in RPC order, returned in internal order. */
function rpcHash(value: unknown, field: string): Buffer {
  return hexBytes(value, field, 32).reverse();
}

function integer(value: unknown, field: string, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    throw new TemplateError(field, `expected an integer, got ${typeName(value)}`);
  }
  if (value < min || value > max) throw new TemplateError(field, `${value} is outside [${min}, ${max}]`);
  return value;
}

function optionalInteger(value: unknown, field: string): number | undefined {
  return value === undefined ? undefined : integer(value, field, 0, Number.MAX_SAFE_INTEGER);
}

function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value;
}

function decodeTransaction(value: unknown, index: number): TemplateTransaction {
  const field = `transactions[${index}]`;
  if (!isObject(value)) throw new TemplateError(field, `expected an object, got ${typeName(value)}`);
  const data = hexBytes(value.data, `${field}.data`);
  if (data.length < 10) throw new TemplateError(`${field}.data`, `${data.length} bytes is too short for a transaction`);
  if (!Array.isArray(value.depends)) {
    throw new TemplateError(`${field}.depends`, `expected an array, got ${typeName(value.depends)}`);
  }
  // A tx may only depend on txs listed before it; anything else is a broken template.
  const depends = value.depends.map((d, i) => integer(d, `${field}.depends[${i}]`, 1, index));
  return {
    data,
    txid: rpcHash(value.txid, `${field}.txid`),
    // Pre-segwit nodes left `hash` out; then the wtxid is the txid.
    hash: rpcHash(value.hash ?? value.txid, `${field}.hash`),
    fee: integer(value.fee, `${field}.fee`, 0, Number.MAX_SAFE_INTEGER),
    depends,
    sigops: value.sigops === undefined ? 0 : integer(value.sigops, `${field}.sigops`, 0, Number.MAX_SAFE_INTEGER),
    weight: value.weight === undefined ? data.length * 4 : integer(value.weight, `${field}.weight`, 1, Number.MAX_SAFE_INTEGER),
  };
}

/** True when a tx serialization carries Litecoin's MWEB flag (marker 00, flag bit 0x08). */
export function hasMwebFlag(data: Uint8Array): boolean {
  return data.length > 5 && data[4] === 0x00 && (data[5] & 0x08) !== 0;
}

function coinbaseValue(value: unknown): bigint {
  if (typeof value === 'bigint') {
    if (value < 0n) throw new TemplateError('coinbasevalue', 'negative');
    return value;
  }
  return BigInt(integer(value, 'coinbasevalue', 0, Number.MAX_SAFE_INTEGER));
}

function stringList(value: unknown, field: string): string[] {
  if (!Array.isArray(value)) throw new TemplateError(field, `expected an array, got ${typeName(value)}`);
  return value.map((item, i) => {
    if (typeof item !== 'string') throw new TemplateError(`${field}[${i}]`, `expected a string, got ${typeName(item)}`);
    return item;
  });
}

/** Validates a getblocktemplate result; throws TemplateError naming the first bad field. */
export function decodeTemplate(json: unknown): BlockTemplate {
  if (!isObject(json)) throw new TemplateError('(result)', `expected an object, got ${typeName(json)}`);

  // The node prints nVersion as a signed int; keep the unsigned 32-bit value.
  const version = integer(json.version, 'version', -0x80000000, MAX_UINT32) >>> 0;
  const previousBlockHash = rpcHash(json.previousblockhash, 'previousblockhash');
  if (!Array.isArray(json.transactions)) {
    throw new TemplateError('transactions', `expected an array, got ${typeName(json.transactions)}`);
  }
  const transactions = json.transactions.map(decodeTransaction);

  const bitsBytes = hexBytes(json.bits, 'bits', 4);
  const bits = bitsBytes.readUInt32BE(0);
  let bitsTarget: bigint;
  try {
    bitsTarget = hash.bitsToTarget(bits);
  } catch (error) {
    throw new TemplateError('bits', `not a valid compact target (${(error as Error).message})`);
  }
  const target = BigInt(`0x${hexBytes(json.target, 'target', 32).toString('hex')}`);
  if (target !== bitsTarget) throw new TemplateError('target', `does not match bits ${json.bits as string}`);

  const defaultWitnessCommitment =
    json.default_witness_commitment === undefined
      ? undefined
      : hexBytes(json.default_witness_commitment, 'default_witness_commitment');
  if (defaultWitnessCommitment !== undefined && !isCommitmentScript(defaultWitnessCommitment)) {
    throw new TemplateError('default_witness_commitment', 'not an OP_RETURN aa21a9ed commitment script');
  }

  const mweb = json.mweb === undefined ? undefined : hexBytes(json.mweb, 'mweb');
  let hogEx: TemplateTransaction | undefined;
  if (mweb !== undefined) {
    if (mweb.length === 0) throw new TemplateError('mweb', 'empty');
    hogEx = transactions[transactions.length - 1];
    // The node reads the MWEB blob only after a HogEx, so without one the block is unusable.
    if (hogEx === undefined || !hasMwebFlag(hogEx.data)) {
      throw new TemplateError('transactions', 'an MWEB template must end with the HogEx (MWEB-flagged tx)');
    }
  }

  if (json.longpollid !== undefined && typeof json.longpollid !== 'string') {
    throw new TemplateError('longpollid', `expected a string, got ${typeName(json.longpollid)}`);
  }

  return {
    version,
    previousBlockHashHex: Buffer.from(previousBlockHash).reverse().toString('hex'),
    previousBlockHash,
    transactions,
    coinbaseValue: coinbaseValue(json.coinbasevalue),
    bits,
    target,
    height: integer(json.height, 'height', 0, 0x7fffffff),
    curtime: integer(json.curtime, 'curtime', 0, MAX_UINT32),
    mintime: integer(json.mintime, 'mintime', 0, MAX_UINT32),
    defaultWitnessCommitment,
    mweb,
    hogEx,
    longpollId: json.longpollid,
    rules: json.rules === undefined ? [] : stringList(json.rules, 'rules'),
    sigopLimit: optionalInteger(json.sigoplimit, 'sigoplimit'),
    sizeLimit: optionalInteger(json.sizelimit, 'sizelimit'),
    weightLimit: optionalInteger(json.weightlimit, 'weightlimit'),
  };
}

export const WITNESS_COMMITMENT_HEADER = Buffer.from('6a24aa21a9ed', 'hex');

/** OP_RETURN, push 36, aa21a9ed, 32-byte commitment (BIP141); longer scripts are allowed. */
export function isCommitmentScript(script: Uint8Array): boolean {
  return script.length >= 38 && Buffer.from(script.subarray(0, 6)).equals(WITNESS_COMMITMENT_HEADER);
}
