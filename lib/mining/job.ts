// A stratum job: one template turned into coinb1/coinb2, a merkle branch and the header
// fields, all fixed at build time so every share on the job hashes the same work.
import { hash } from '../hash';
import { buildCoinbase, witnessCommitment, witnessCommitmentScript, type CoinbaseOutput } from './coinbase';
import { JobError } from './errors';
import type { BlockTemplate } from './template';
import { encodeNotify } from '../stratum/server-messages';

export interface JobOptions {
  jobId: string;
  /** Either explicit outputs summing to coinbaseValue, or one script that gets all of it. */
  outputs: readonly CoinbaseOutput[] | { script: Buffer };
  poolTag?: Buffer;
  extranonce1Size: number;
  extranonce2Size: number;
  /** Add the BIP141 commitment output; default: when the template has one. */
  witnessCommitment?: boolean;
  /** Coinbase tx version, 1 (default) or 2. */
  coinbaseVersion?: number;
}

export interface Job {
  readonly jobId: string;
  readonly template: BlockTemplate;
  readonly height: number;
  /** Non-witness coinbase up to (not including) extranonce1. */
  readonly coinb1: Buffer;
  /** Non-witness coinbase after extranonce2. */
  readonly coinb2: Buffer;
  /** Siblings of the coinbase leaf, leaf level first, internal order. */
  readonly merkleBranch: Buffer[];
  readonly version: number;
  readonly bits: number;
  readonly curtime: number;
  readonly mintime: number;
  readonly target: bigint;
  readonly extranonce1Size: number;
  readonly extranonce2Size: number;
  /** The coinbase outputs in order, the commitment output (if any) last. */
  readonly outputs: readonly CoinbaseOutput[];
  /** Whether the block carries a commitment, so its coinbase needs the witness form. */
  readonly hasWitnessCommitment: boolean;
}

const MAX_EXTRANONCE_SIZE = 32;
const MAX_SCRIPT_SIZE = 10000;

function checkSize(value: number, name: string): void {
  if (!Number.isInteger(value) || value < 0 || value > MAX_EXTRANONCE_SIZE) {
    throw new JobError(`${name} must be an integer in [0, ${MAX_EXTRANONCE_SIZE}], got ${String(value)}`);
  }
}

function isOutputList(outputs: JobOptions['outputs']): outputs is readonly CoinbaseOutput[] {
  return Array.isArray(outputs);
}

function payoutOutputs(template: BlockTemplate, outputs: JobOptions['outputs']): CoinbaseOutput[] {
  const list: readonly CoinbaseOutput[] = isOutputList(outputs)
    ? outputs
    : [{ script: outputs.script, value: template.coinbaseValue }];
  if (list.length === 0) throw new JobError('at least one payout output is needed');
  let total = 0n;
  for (const [i, output] of list.entries()) {
    if (!Buffer.isBuffer(output.script) || output.script.length > MAX_SCRIPT_SIZE) {
      throw new JobError(`output ${i}: script must be a Buffer of at most ${MAX_SCRIPT_SIZE} bytes`);
    }
    if (typeof output.value !== 'bigint' || output.value < 0n) throw new JobError(`output ${i}: value must be a bigint >= 0`);
    total += output.value;
  }
  // Less would burn fees silently; more is bad-cb-amount and an invalid block.
  if (total !== template.coinbaseValue) {
    throw new JobError(`outputs pay ${total} sat but the coinbase value is ${template.coinbaseValue} sat`);
  }
  return list.map((o) => ({ script: o.script, value: o.value }));
}

function commitmentOutput(template: BlockTemplate, wanted: boolean | undefined): CoinbaseOutput | undefined {
  const include = wanted ?? template.defaultWitnessCommitment !== undefined;
  if (!include) {
    if (template.transactions.some((tx) => !tx.hash.equals(tx.txid))) {
      throw new JobError('the template has segwit transactions, so the block needs a witness commitment');
    }
    return undefined;
  }
  const script = commitmentScript(template);
  // A mismatch means the template's tx list is not what the node committed to.
  if (template.defaultWitnessCommitment !== undefined && !script.equals(template.defaultWitnessCommitment)) {
    throw new JobError(
      `computed witness commitment ${script.toString('hex')} differs from the template's ` +
        template.defaultWitnessCommitment.toString('hex'),
    );
  }
  return { script, value: 0n };
}

// A template's merkle branch and witness commitment are the same for every job built on
// it; a solo pool builds one job per miner address, so they are worked out once per template.
const branchByTemplate = new WeakMap<BlockTemplate, Buffer[]>();
const commitmentByTemplate = new WeakMap<BlockTemplate, Buffer>();

function coinbaseBranch(template: BlockTemplate): Buffer[] {
  let branch = branchByTemplate.get(template);
  if (branch === undefined) {
    // Template order with the HogEx last is also block order, so it is the leaf order.
    branch = hash.merkleCoinbaseBranch(template.transactions.map((tx) => tx.txid));
    branchByTemplate.set(template, branch);
  }
  return branch;
}

function commitmentScript(template: BlockTemplate): Buffer {
  let script = commitmentByTemplate.get(template);
  if (script === undefined) {
    script = witnessCommitmentScript(witnessCommitment(template.transactions.map((tx) => tx.hash)));
    commitmentByTemplate.set(template, script);
  }
  return script;
}

export function buildJob(template: BlockTemplate, options: JobOptions): Job {
  if (typeof options.jobId !== 'string' || options.jobId.length === 0) throw new JobError('jobId must be a non-empty string');
  checkSize(options.extranonce1Size, 'extranonce1Size');
  checkSize(options.extranonce2Size, 'extranonce2Size');
  const poolTag = options.poolTag ?? Buffer.alloc(0);
  if (!Buffer.isBuffer(poolTag)) throw new JobError('poolTag must be a Buffer');

  const outputs = payoutOutputs(template, options.outputs);
  const commitment = commitmentOutput(template, options.witnessCommitment);
  if (commitment !== undefined) outputs.push(commitment);

  const { coinb1, coinb2 } = buildCoinbase({
    height: template.height,
    version: options.coinbaseVersion ?? 1,
    poolTag,
    extranonce1Size: options.extranonce1Size,
    extranonce2Size: options.extranonce2Size,
    outputs,
  });

  return {
    jobId: options.jobId,
    template,
    height: template.height,
    coinb1,
    coinb2,
    merkleBranch: coinbaseBranch(template),
    version: template.version,
    bits: template.bits,
    curtime: template.curtime,
    mintime: template.mintime,
    target: template.target,
    extranonce1Size: options.extranonce1Size,
    extranonce2Size: options.extranonce2Size,
    outputs,
    hasWitnessCommitment: commitment !== undefined,
  };
}

/** mining.notify params: [job_id, prevhash, coinb1, coinb2, merkle_branch, version, nbits, ntime, clean_jobs]. */
export function notifyParams(job: Job, cleanJobs: boolean): unknown[] {
  return encodeNotify({
    jobId: job.jobId,
    prevHash: job.template.previousBlockHash,
    coinb1: job.coinb1,
    coinb2: job.coinb2,
    merkleBranch: job.merkleBranch,
    version: job.version,
    bits: job.bits,
    time: job.curtime,
    cleanJobs,
  });
}
