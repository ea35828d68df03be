// The coinbase transaction, built as the two halves stratum miners receive. Its
// non-witness form (what the txid and the merkle root hash) is
//   coinb1 = version ‖ 01 ‖ null prevout ‖ varint(scriptSig length) ‖ height push ‖ tag
//   (extranonce1 ‖ extranonce2 go here, written by pool and miner)
//   coinb2 = sequence ‖ outputs ‖ locktime
import { hash } from '../hash';
import { BufferWriter, scriptNumPush } from '../encoding';
import { JobError } from './errors';
import { WITNESS_COMMITMENT_HEADER } from './template';

/** Consensus bounds on the coinbase scriptSig (bad-cb-length outside them). */
export const MIN_COINBASE_SCRIPT_SIG = 2;
export const MAX_COINBASE_SCRIPT_SIG = 100;

export interface CoinbaseOutput {
  script: Buffer;
  value: bigint;
}

export interface CoinbaseSpec {
  height: number;
  /** 1 or 2; nothing in a coinbase needs version 2 features. */
  version: number;
  poolTag: Buffer;
  extranonce1Size: number;
  extranonce2Size: number;
  outputs: readonly CoinbaseOutput[];
}

export interface CoinbaseParts {
  coinb1: Buffer;
  coinb2: Buffer;
}

const ZERO_HASH = Buffer.alloc(32);

/** BIP141 commitment: sha256d(witness merkle root ‖ reserved value), the coinbase wtxid taken as zero. */
export function witnessCommitment(wtxids: readonly Uint8Array[], reservedValue: Uint8Array = ZERO_HASH): Buffer {
  const root = hash.merkleRoot([ZERO_HASH, ...wtxids]);
  return hash.sha256d(Buffer.concat([root, reservedValue]));
}

export function witnessCommitmentScript(commitment: Uint8Array): Buffer {
  if (commitment.length !== 32) throw new JobError(`a witness commitment is 32 bytes, got ${commitment.length}`);
  return Buffer.concat([WITNESS_COMMITMENT_HEADER, commitment]);
}

export function buildCoinbase(spec: CoinbaseSpec): CoinbaseParts {
  if (spec.version !== 1 && spec.version !== 2) throw new JobError(`coinbase version must be 1 or 2, got ${spec.version}`);
  const prefix = Buffer.concat([scriptNumPush(spec.height), spec.poolTag]);
  const scriptSigLength = prefix.length + spec.extranonce1Size + spec.extranonce2Size;
  if (scriptSigLength < MIN_COINBASE_SCRIPT_SIG || scriptSigLength > MAX_COINBASE_SCRIPT_SIG) {
    throw new JobError(
      `coinbase scriptSig would be ${scriptSigLength} bytes (height push ${prefix.length - spec.poolTag.length}, ` +
        `tag ${spec.poolTag.length}, extranonces ${spec.extranonce1Size}+${spec.extranonce2Size}); ` +
        `it must be ${MIN_COINBASE_SCRIPT_SIG}..${MAX_COINBASE_SCRIPT_SIG}`,
    );
  }
  if (spec.outputs.length === 0) throw new JobError('a coinbase needs at least one output');

  const coinb1 = new BufferWriter()
    .u32le(spec.version)
    .varint(1)
    .bytes(ZERO_HASH)
    .u32le(0xffffffff)
    .varint(scriptSigLength)
    .bytes(prefix)
    .toBuffer();

  const tail = new BufferWriter().u32le(0xffffffff).varint(spec.outputs.length);
  for (const output of spec.outputs) tail.u64le(output.value).varbytes(output.script);
  tail.u32le(0);
  return { coinb1, coinb2: tail.toBuffer() };
}

/**
 * The segwit serialization of a non-witness coinbase: marker/flag after the version and
 * the one-item witness (the 32-byte zero reserved value) before the locktime.
 */
export function coinbaseWithWitness(coinbase: Uint8Array): Buffer {
  if (coinbase.length < 8) throw new JobError('coinbase too short');
  const body = Buffer.from(coinbase);
  return Buffer.concat([
    body.subarray(0, 4),
    Buffer.from([0x00, 0x01]),
    body.subarray(4, body.length - 4),
    Buffer.from([0x01, 0x20]),
    ZERO_HASH,
    body.subarray(body.length - 4),
  ]);
}
