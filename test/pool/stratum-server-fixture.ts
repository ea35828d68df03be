// A PoolCore for the stratum server tests, made of the real pool pieces (JobBook,
// ShareValidator, parseCredentials) over recorded litecoind regtest templates, so shares
// sent through the server are really hashed and checked. Also: grinding real shares, and
// the server options the tests start from.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { hash } from '../../lib/hash';
import { bytesLEToTarget } from '../../lib/hash/js/target';
import { assembleShare, decodeTemplate, type BlockTemplate, type Job } from '../../lib/mining';
import type { AuthorizeOutcome, PoolCore, SessionView, ShareVerdict } from '../../lib/pool/contracts';
import { parseCredentials } from '../../lib/pool/credentials';
import { JobBook } from '../../lib/pool/job-book';
import { ShareValidator } from '../../lib/pool/share-validator';
import type { PortOptions, StratumServerOptions } from '../../lib/pool/server-options';
import { getNetwork, type NetworkParams } from '../../lib/protocol';
import type { SubmitParams } from '../../lib/stratum';

const SAMPLES = path.join(__dirname, '..', '..', '..', 'test', 'data', 'litecoind-samples');
// Two pre-MWEB templates on different tips: switching between them is a new block.
const TEMPLATE_FILES = ['gbt-h102-premweb-empty.json', 'gbt-h113-premweb-4tx.json'];

export const NETWORK: NetworkParams = getNetwork('litecoin-regtest');
export const EXTRANONCE2_SIZE = 4;
// OP_TRUE: the tests never broadcast a block, any script is fine.
const PAYOUT_SCRIPT = Buffer.from('51', 'hex');

function loadTemplateJson(file: string): Record<string, unknown> {
  return JSON.parse(readFileSync(path.join(SAMPLES, file), 'utf8')) as Record<string, unknown>;
}

export interface TestCoreOptions {
  /** Delay before a submit's verdict is returned, standing in for the share log commit. */
  submitDelayMs?: number;
}

export class TestCore implements PoolCore {
  readonly jobs: JobBook;
  readonly validator: ShareValidator;
  submits = 0;
  private templateIndex = 0;
  private timeBump = 0;

  constructor(private readonly options: TestCoreOptions = {}) {
    this.jobs = new JobBook({ extranonce1Size: 4, extranonce2Size: EXTRANONCE2_SIZE, poolTag: Buffer.from('/test/') }, () => ({
      script: PAYOUT_SCRIPT,
    }));
    this.validator = new ShareValidator({ network: NETWORK, jobs: this.jobs });
    this.jobs.onTemplate(this.template(0, 0), true);
  }

  /** A template from the samples, with curtime moved so that every call gives new work. */
  private template(index: number, bump: number): BlockTemplate {
    const json = loadTemplateJson(TEMPLATE_FILES[index % TEMPLATE_FILES.length]);
    json.curtime = Number(json.curtime) + bump;
    return decodeTemplate(json);
  }

  /** New work: on a new tip (clean) or on the same tip (not clean). */
  newTemplate(clean: boolean): void {
    if (clean) this.templateIndex += 1;
    this.timeBump += 1;
    this.jobs.onTemplate(this.template(this.templateIndex, this.timeBump), clean);
  }

  authorize(_session: SessionView, user: string, password: string): Promise<AuthorizeOutcome> {
    if (user.startsWith('reject')) return Promise.resolve({ ok: false, message: 'this worker is refused' });
    return Promise.resolve(parseCredentials(user, password, { network: NETWORK, mode: 'pool' }));
  }

  currentJob(session: SessionView): Job | undefined {
    return this.jobs.jobFor(session.worker?.payoutKey ?? '');
  }

  async submit(session: SessionView, share: SubmitParams): Promise<ShareVerdict> {
    this.submits += 1;
    const verdict = await this.validator.validate(session, share);
    const delay = this.options.submitDelayMs ?? 0;
    if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
    return verdict;
  }

  transactions(jobId: string): string[] | undefined {
    return this.jobs.lookup(jobId)?.job.template.transactions.map((tx) => tx.data.toString('hex'));
  }

  job(jobId: string): Job {
    const found = this.jobs.lookup(jobId);
    if (found === undefined) throw new Error(`no job ${jobId}`);
    return found.job;
  }
}

export interface GrindOptions {
  /** The share must meet this difficulty... */
  minDifficulty: number;
  /** ...and, when given, stay below this one. */
  belowDifficulty?: number;
  extranonce2?: string;
  versionBits?: number;
  versionMask?: number;
  startNonce?: number;
}

export interface GroundShare {
  extranonce2: string;
  ntime: string;
  nonce: string;
  versionBits?: string;
  difficulty: number;
}

/** Hashes nonces one by one until a share in the wanted difficulty band turns up. */
export function grindShare(job: Job, extranonce1: Buffer, options: GrindOptions): GroundShare {
  const extranonce2 = options.extranonce2 ?? '00000001';
  const ntime = job.curtime;
  for (let nonce = options.startNonce ?? 0; nonce < 1_000_000; nonce++) {
    const { header } = assembleShare(job, {
      extranonce1,
      extranonce2: Buffer.from(extranonce2, 'hex'),
      ntime,
      nonce,
      versionBits: options.versionBits,
      versionMask: options.versionMask,
    });
    const difficulty = hash.targetToDifficulty(bytesLEToTarget(hash.powHash(NETWORK.pow, header)), NETWORK.difficultyFactor);
    if (difficulty < options.minDifficulty) continue;
    if (options.belowDifficulty !== undefined && difficulty >= options.belowDifficulty) continue;
    const share: GroundShare = { extranonce2, ntime: hex32(ntime), nonce: hex32(nonce), difficulty };
    if (options.versionBits !== undefined) share.versionBits = hex32(options.versionBits);
    return share;
  }
  throw new Error('no share found in a million nonces');
}

export function hex32(value: number): string {
  return (value >>> 0).toString(16).padStart(8, '0');
}

export const PORT_DIFFICULTY = 0.002;

export function portOptions(overrides: Partial<PortOptions> = {}): PortOptions {
  return {
    port: 0,
    difficulty: PORT_DIFFICULTY,
    vardiff: { enabled: false, targetSeconds: 15, retargetSeconds: 90, variancePercent: 30, min: 0.001, max: 1000, powersOfTwo: false },
    ...overrides,
  };
}

export function serverOptions(overrides: Partial<StratumServerOptions> = {}): StratumServerOptions {
  return {
    host: '127.0.0.1',
    instanceId: 0x4a11,
    extranonce2Size: EXTRANONCE2_SIZE,
    versionMask: 0x1fffe000,
    maxLineBytes: 16 * 1024,
    maxConnectionsPerIp: 10_000,
    idleTimeoutSeconds: 600,
    unsubscribedTimeoutSeconds: 60,
    ban: { enabled: false, invalidPercent: 50, checkThreshold: 100, seconds: 600 },
    ports: [portOptions()],
    difficultyFactor: NETWORK.difficultyFactor,
    ...overrides,
  };
}
