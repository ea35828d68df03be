// The real pool path without a coin daemon: StratumServer + PoolCoreImpl + JobBook +
// ShareValidator + the SQLite share log (group commit), fed recorded litecoind templates
// the way PoolNode.onWork feeds it. Block targets are made hard (bits 0x1d00ffff) so the
// low-difficulty shares of the bench are not block candidates.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { silentLogger } from '../../lib/log/logger';
import { decodeTemplate, notifyParams, type BlockTemplate } from '../../lib/mining';
import { JobBook } from '../../lib/pool/job-book';
import { PoolCoreImpl } from '../../lib/pool/pool-core';
import { ShareValidator } from '../../lib/pool/share-validator';
import type { StratumServerOptions } from '../../lib/pool/server-options';
import { StratumServer } from '../../lib/pool/stratum-server';
import { getNetwork, type NetworkParams } from '../../lib/protocol';
import { openSqliteShareLog, type SqliteShareLog } from '../../lib/sharelog';
import { encodeLine, Method, notification } from '../../lib/stratum';

const SAMPLES = path.join(__dirname, '..', '..', '..', 'test', 'data', 'litecoind-samples');
// Two pre-MWEB templates on different tips: switching from the first to the second is a new block.
const FIRST_TEMPLATE = 'gbt-h102-premweb-empty.json';
const NEXT_TEMPLATE = 'gbt-h113-premweb-4tx.json';
const HARD_BITS = '1d00ffff';
const HARD_TARGET = `00000000ffff${'0'.repeat(52)}`;
const EXTRANONCE2_SIZE = 4;
const PAYOUT_SCRIPT = Buffer.from('51', 'hex');

export type BenchAlgorithm = 'sha256d' | 'scrypt';

export const NETWORK_OF: Record<BenchAlgorithm, string> = { sha256d: 'bitcoin-regtest', scrypt: 'litecoin-regtest' };

/** A template from the samples with a hard target and times around now (the samples' times are arbitrary). */
export function loadTemplate(file: string): BlockTemplate {
  const json = JSON.parse(readFileSync(path.join(SAMPLES, file), 'utf8')) as Record<string, unknown>;
  const now = Math.floor(Date.now() / 1000);
  json.bits = HARD_BITS;
  json.target = HARD_TARGET;
  json.curtime = now;
  json.mintime = now - 600;
  return decodeTemplate(json);
}

export function serverOptions(difficulty: number, network: NetworkParams): StratumServerOptions {
  return {
    host: '127.0.0.1',
    instanceId: 0xbe0c,
    extranonce2Size: EXTRANONCE2_SIZE,
    versionMask: 0x1fffe000,
    maxLineBytes: 16 * 1024,
    maxConnectionsPerIp: 1 << 20,
    idleTimeoutSeconds: 3600,
    unsubscribedTimeoutSeconds: 600,
    ban: { enabled: false, invalidPercent: 50, checkThreshold: 100, seconds: 600 },
    ports: [
      {
        port: 0,
        difficulty,
        vardiff: { enabled: false, targetSeconds: 15, retargetSeconds: 90, variancePercent: 30, min: difficulty, max: 1, powersOfTwo: false },
      },
    ],
    difficultyFactor: network.difficultyFactor,
  };
}

export class PoolUnderTest {
  readonly network: NetworkParams;
  readonly jobs: JobBook;
  readonly server: StratumServer;
  readonly shareLog: SqliteShareLog;
  port = 0;
  blockCandidates = 0;
  private readonly dir: string;

  constructor(
    algorithm: BenchAlgorithm,
    readonly difficulty: number,
  ) {
    this.network = getNetwork(NETWORK_OF[algorithm]);
    this.dir = mkdtempSync(path.join(os.tmpdir(), 'hashpool-bench-load-'));
    this.shareLog = openSqliteShareLog({ path: path.join(this.dir, 'shares.db') });
    this.jobs = new JobBook({ extranonce1Size: 4, extranonce2Size: EXTRANONCE2_SIZE, poolTag: Buffer.from('/bench/') }, () => ({ script: PAYOUT_SCRIPT }));
    const validator = new ShareValidator({ network: this.network, jobs: this.jobs });
    const core = new PoolCoreImpl({
      network: this.network,
      mode: 'pool',
      poolInstance: 1,
      jobs: this.jobs,
      validator,
      shareLog: this.shareLog,
      onBlock: () => {
        this.blockCandidates += 1;
      },
      log: silentLogger,
    });
    this.server = new StratumServer(serverOptions(difficulty, this.network), core);
    this.server.on('server-error', (error: Error) => console.error('pool server-error:', error.message));
    this.jobs.onTemplate(loadTemplate(FIRST_TEMPLATE), true);
  }

  async listen(): Promise<number> {
    const [bound] = await this.server.listen();
    this.port = bound.port;
    return this.port;
  }

  /** The mining.notify line of the current job, for the echo server's handshake. */
  notifyLine(): string {
    const job = this.jobs.jobFor('');
    if (job === undefined) throw new Error('no job');
    return encodeLine(notification(Method.notify, notifyParams(job, true)));
  }

  /**
   * A new block as PoolNode.onWork handles it: the book takes the template, every session
   * gets the new job. Times are performance.now() of this process.
   */
  newBlock(): { startedAt: number; lastWriteAt: number; sessions: number } {
    const template = loadTemplate(NEXT_TEMPLATE);
    const startedAt = performance.now();
    this.jobs.onTemplate(template, true);
    const { sessions, lastWriteAt } = this.server.broadcastJobs(true);
    return { startedAt, lastWriteAt, sessions };
  }

  async close(): Promise<void> {
    await this.server.close({ timeoutMs: 2000 });
    await this.shareLog.close();
    rmSync(this.dir, { recursive: true, force: true });
  }
}
