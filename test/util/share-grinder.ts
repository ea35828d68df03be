// Finds valid shares for a mining.notify the way a miner would: coinbase from coinb1,
// extranonce1, extranonce2 and coinb2, the merkle root from the branch, the header, then
// a nonce scan against the share target.
import { hash, type PowSpec } from '../../lib/hash';
import { serializeHeader } from '../../lib/mining';
import { decodeNotify, hex32 } from '../../lib/stratum';

export interface GroundShare {
  jobId: string;
  extranonce2: string;
  ntime: string;
  nonce: string;
  /** PoW hash in display order, as the share log records it. */
  hashHex: string;
}

export interface GrindOptions {
  notify: unknown[];
  extranonce1: string;
  extranonce2Size: number;
  /** Distinct per call so two calls never make the same work. */
  extranonce2: bigint;
  difficulty: number;
  pow: PowSpec;
  difficultyFactor: number;
  /** Nonces scanned from 0. */
  nonceCount: number;
}

export async function grindShares(options: GrindOptions): Promise<GroundShare[]> {
  const notify = decodeNotify(options.notify);
  const extranonce2 = Buffer.from(options.extranonce2.toString(16).padStart(options.extranonce2Size * 2, '0'), 'hex');
  const coinbase = Buffer.concat([notify.coinb1, Buffer.from(options.extranonce1, 'hex'), extranonce2, notify.coinb2]);
  const merkleRoot = hash.merkleFoldBranch(hash.sha256d(coinbase), notify.merkleBranch, 0);
  const header = serializeHeader({
    version: notify.version,
    previousBlockHash: notify.prevHash,
    merkleRoot,
    time: notify.time,
    bits: notify.bits,
    nonce: 0,
  });
  const target = hash.difficultyToTarget(options.difficulty, options.difficultyFactor);
  const result = await hash.scan({ pow: options.pow, header, nonceStart: 0, nonceCount: options.nonceCount, target });
  return result.nonces.map((nonce) => {
    header.writeUInt32LE(nonce, 76);
    return {
      jobId: notify.jobId,
      extranonce2: extranonce2.toString('hex'),
      ntime: hex32(notify.time),
      nonce: hex32(nonce),
      hashHex: Buffer.from(hash.powHash(options.pow, header)).reverse().toString('hex'),
    };
  });
}
