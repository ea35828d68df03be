// From a miner's submission to header and block bytes. Everything here is pure so the
// same code serves share checking, block submission and tests.
import { hash, type PowSpec } from '../hash';
import { BufferWriter } from '../encoding';
import { coinbaseWithWitness } from './coinbase';
import { ShareError, VersionBitsError } from './errors';
import type { Job } from './job';

export interface ShareInput {
  extranonce1: Buffer;
  extranonce2: Buffer;
  ntime: number;
  nonce: number;
  /** BIP310 rolled bits; used only under versionMask. */
  versionBits?: number;
  versionMask?: number;
}

export interface AssembledShare {
  /** Non-witness serialization (what the txid covers). */
  coinbase: Buffer;
  /** Internal byte order. */
  coinbaseTxid: Buffer;
  /** Internal byte order, as in the header. */
  merkleRoot: Buffer;
  header: Buffer;
  version: number;
}

function checkUint32(value: unknown, name: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > 0xffffffff) {
    throw new ShareError(`${name} must be a uint32, got ${String(value)}`);
  }
  return value;
}

/** BIP310: only bits inside the mask may differ from the job's version. */
export function rollVersion(jobVersion: number, versionBits: number | undefined, versionMask: number | undefined): number {
  if (versionBits === undefined) return jobVersion >>> 0;
  const bits = checkUint32(versionBits, 'versionBits');
  const mask = checkUint32(versionMask ?? 0, 'versionMask');
  if ((bits & ~mask) >>> 0 !== 0) throw new VersionBitsError(bits, mask);
  return ((jobVersion & ~mask) | (bits & mask)) >>> 0;
}

export function serializeHeader(fields: {
  version: number;
  previousBlockHash: Uint8Array;
  merkleRoot: Uint8Array;
  time: number;
  bits: number;
  nonce: number;
}): Buffer {
  if (fields.previousBlockHash.length !== 32 || fields.merkleRoot.length !== 32) {
    throw new ShareError('header hashes must be 32 bytes');
  }
  // Fixed layout, written in place: this runs once per share on the pool's hot path.
  const header = Buffer.allocUnsafe(80);
  header.writeUInt32LE(fields.version >>> 0, 0);
  header.set(fields.previousBlockHash, 4);
  header.set(fields.merkleRoot, 36);
  header.writeUInt32LE(checkUint32(fields.time, 'time'), 68);
  header.writeUInt32LE(fields.bits >>> 0, 72);
  header.writeUInt32LE(checkUint32(fields.nonce, 'nonce'), 76);
  return header;
}

export function assembleShare(job: Job, share: ShareInput): AssembledShare {
  if (!Buffer.isBuffer(share.extranonce1) || share.extranonce1.length !== job.extranonce1Size) {
    throw new ShareError(`extranonce1 must be ${job.extranonce1Size} bytes`);
  }
  if (!Buffer.isBuffer(share.extranonce2) || share.extranonce2.length !== job.extranonce2Size) {
    throw new ShareError(`extranonce2 must be ${job.extranonce2Size} bytes`);
  }
  const ntime = checkUint32(share.ntime, 'ntime');
  const nonce = checkUint32(share.nonce, 'nonce');
  const version = rollVersion(job.version, share.versionBits, share.versionMask);

  // coinb1 | extranonce1 | extranonce2 | coinb2, copied into one buffer of known size.
  const coinbase = Buffer.allocUnsafe(job.coinb1.length + share.extranonce1.length + share.extranonce2.length + job.coinb2.length);
  let at = job.coinb1.copy(coinbase, 0);
  at += share.extranonce1.copy(coinbase, at);
  at += share.extranonce2.copy(coinbase, at);
  job.coinb2.copy(coinbase, at);
  const coinbaseTxid = hash.sha256d(coinbase);
  const merkleRoot = hash.merkleFoldBranch(coinbaseTxid, job.merkleBranch, 0);
  const header = serializeHeader({
    version,
    previousBlockHash: job.template.previousBlockHash,
    merkleRoot,
    time: ntime,
    bits: job.bits,
    nonce,
  });
  return { coinbase, coinbaseTxid, merkleRoot, header, version };
}

/**
 * The full block for submitblock: header, tx count, coinbase (witness form when the block
 * commits to witnesses), the template's txs untouched with the HogEx last, then for MWEB
 * the presence byte 01 and the extension block.
 */
export function serializeBlock(job: Job, share: AssembledShare): Buffer {
  if (share.header.length !== 80) throw new ShareError(`header must be 80 bytes, got ${share.header.length}`);
  const txs = job.template.transactions;
  const writer = new BufferWriter()
    .bytes(share.header)
    .varint(txs.length + 1)
    .bytes(job.hasWitnessCommitment ? coinbaseWithWitness(share.coinbase) : share.coinbase);
  for (const tx of txs) writer.bytes(tx.data);
  if (job.template.mweb !== undefined) writer.u8(0x01).bytes(job.template.mweb);
  return writer.toBuffer();
}

/** The parts of a network's params that decide how a block is named. */
export interface BlockHashParams {
  blockHashAlgorithm: 'sha256d' | 'pow';
  pow: PowSpec;
}

export interface BlockHash {
  /** Internal byte order. */
  hash: Buffer;
  /** RPC / explorer form: the bytes reversed, as hex. */
  hex: string;
}

/** sha256d of the header, or the PoW hash for coins (Dash) that name blocks by it. */
export function blockHash(header: Uint8Array, network?: BlockHashParams): BlockHash {
  if (header.length !== 80) throw new ShareError(`header must be 80 bytes, got ${header.length}`);
  const digest =
    network !== undefined && network.blockHashAlgorithm === 'pow' ? hash.powHash(network.pow, header) : hash.sha256d(header);
  return { hash: digest, hex: Buffer.from(digest).reverse().toString('hex') };
}
