// The pool node: one coin, its daemons, the stratum ports, the share log and the monitor,
// composed from a PoolConfig. Start order puts the share log and the first template
// before the stratum ports, so a miner is never accepted before shares can be recorded.
import fs from 'node:fs';
import path from 'node:path';
import type { PoolConfig } from '../config';
import { createLogger, type Logger } from '../log/logger';
import { BlockSubmitter, listenForBlockNotify, WorkSource, type NotifyListener, type WorkUpdate } from '../mining';
import { createDashboardHandler } from '../monitor/dashboard-assets';
import { MonitorServer, PoolStats, StatsdClient } from '../monitor';
import { P2PClient } from '../p2p/client';
import { getNetwork, type NetworkParams } from '../protocol';
import { DaemonClient, DaemonPool } from '../rpc';
import { openShareLog } from './open-share-log';
import type { ShareLog } from '../sharelog';
import { BlockTracker } from './block-tracker';
import { JobBook } from './job-book';
import { PayoutOutputs } from './payout-outputs';
import { PoolCoreImpl } from './pool-core';
import { PoolMonitorSource } from './monitor-source';
import { createSharePruner, type SharePruner } from './share-pruner';
import { ShareValidator } from './share-validator';
import { StratumServer } from './stratum-server';
import { stratumServerOptions } from './server-options-from-config';
import { wireStats } from './stats-wiring';
import { HashpoolError } from '../hash/errors';
import { hash } from '../hash';

export const ERR_POOL_START = 'ERR_POOL_START';

export class PoolStartError extends HashpoolError {
  constructor(message: string) {
    super(ERR_POOL_START, message);
  }
}

const EXTRANONCE1_SIZE = 4;
const BLOCK_CHECK_INTERVAL_MS = 10_000;
const STATUS_INTERVAL_MS = 5_000;

export interface PoolNodeOptions {
  log?: Logger;
}

export class PoolNode {
  readonly network: NetworkParams;
  readonly stats: PoolStats;
  stratumPorts: Array<{ port: number; tls: boolean }> = [];
  monitorUrl: string | undefined;
  private readonly log: Logger;
  private readonly daemons: DaemonPool;
  private readonly work: WorkSource;
  private readonly jobs: JobBook;
  private readonly payouts: PayoutOutputs;
  private readonly server: StratumServer;
  private readonly tracker: BlockTracker;
  private readonly journalPath: string;
  private readonly timers: NodeJS.Timeout[] = [];
  private monitor: MonitorServer | undefined;
  private statsd: StatsdClient | undefined;
  private p2p: P2PClient | undefined;
  private notifyListener: NotifyListener | undefined;
  private pruner: SharePruner | undefined;
  private stopping: Promise<void> | undefined;
  /** Block candidates still being submitted or recorded; stop() waits for them. */
  private readonly blocksInFlight = new Set<Promise<unknown>>();

  private constructor(
    readonly config: PoolConfig,
    private readonly shareLog: ShareLog,
    options: PoolNodeOptions,
  ) {
    this.log = options.log ?? createLogger({ level: config.log.level });
    this.network = getNetwork(config.network);
    this.stats = new PoolStats({ difficultyFactor: this.network.difficultyFactor });
    this.daemons = new DaemonPool(
      config.daemons.map((d, i) => ({
        client: new DaemonClient({ url: d.url, cookieFile: d.cookieFile, name: `daemon${i}` }),
        priority: d.priority,
      })),
    );
    this.p2p = config.p2p === undefined ? undefined : new P2PClient({ network: this.network, peers: [config.p2p] });
    this.payouts = new PayoutOutputs(
      { mode: config.payout.mode, network: this.network, address: config.payout.address, pplns: config.payout.pplns },
      shareLog,
    );
    this.jobs = new JobBook(
      { extranonce1Size: EXTRANONCE1_SIZE, extranonce2Size: config.stratum.extranonce2Size, poolTag: Buffer.from(config.poolTag, 'utf8') },
      this.payouts.outputsFor,
    );
    this.journalPath = path.join(config.shareLog.dir, 'blocks.jsonl');
    const submitter = new BlockSubmitter(this.daemons, {
      journalPath: this.journalPath,
      relay: this.p2p === undefined ? undefined : (raw) => this.p2p?.manager.broadcast({ command: 'block', raw }) ?? 0,
    });
    this.tracker = new BlockTracker({
      daemons: this.daemons,
      submitter,
      shareLog,
      poolInstance: config.instanceId,
      maturity: this.network.coinbaseMaturity,
      log: this.log.child('blocks'),
      onRecorded: (block) => {
        this.stats.recordBlock({ height: block.height, hash: block.hash, worker: block.worker, time: block.time });
        this.monitor?.publish('block', { height: block.height, hash: block.hash, status: block.status, worker: block.worker });
        // The tip moved (or should have): fetch the next template now rather than at the next poll.
        void this.work.refresh('notify');
      },
    });
    const validator = new ShareValidator({ network: this.network, jobs: this.jobs });
    const core = new PoolCoreImpl({
      network: this.network,
      mode: config.payout.mode,
      poolInstance: config.instanceId,
      jobs: this.jobs,
      validator,
      shareLog,
      onBlock: (verdict, finder) => this.trackBlock(this.tracker.found(verdict.block, finder)),
      log: this.log.child('shares'),
    });
    this.server = new StratumServer(stratumServerOptions(config, this.network), core);
    this.work = new WorkSource({
      daemons: this.daemons,
      rules: this.network.gbtRules,
      pollIntervalMs: config.pollIntervalMs,
      refreshIntervalMs: config.jobRefreshSeconds * 1000,
      tipAnnouncements: this.p2p?.waitForNewTip(),
    });
  }

  /** Opens everything in order; on failure closes what was opened and throws. */
  static async start(config: PoolConfig, options: PoolNodeOptions = {}): Promise<PoolNode> {
    const network = getNetwork(config.network);
    if (network.miningUnsupported !== undefined) throw new PoolStartError(`${network.name}: ${network.miningUnsupported}`);
    fs.mkdirSync(config.shareLog.dir, { recursive: true });
    const shareLog = await openShareLog(config);
    let node: PoolNode;
    try {
      node = new PoolNode(config, shareLog, options);
    } catch (error) {
      // e.g. a TLS certificate that cannot be read: nothing else was opened yet.
      await shareLog.close();
      throw error;
    }
    try {
      await node.open();
    } catch (error) {
      await node.stop();
      throw error;
    }
    return node;
  }

  private async open(): Promise<void> {
    const { config, log } = this;
    this.daemons.on('down', (name, reason) => log.warn('daemon down', { daemon: name, reason: reason.message }));
    this.daemons.on('up', (name) => log.info('daemon up', { daemon: name }));
    this.daemons.start();
    if (this.p2p !== undefined) await this.p2p.start();

    this.work.on('error', (error: Error) => log.warn('no template', { error: error.message }));
    this.work.on('work', (update: WorkUpdate) => this.onWork(update));
    await this.work.start();
    if (this.work.current() === undefined) {
      log.warn('no block template yet; miners will get work as soon as the daemon gives one');
    }

    if (config.blockNotifySocket !== undefined) {
      this.notifyListener = await listenForBlockNotify(config.blockNotifySocket, () => void this.work.refresh('notify'));
    }

    if (config.monitor.statsd !== undefined) this.statsd = new StatsdClient(config.monitor.statsd);
    wireStats(this.server, this.stats, this.statsd);
    // Books first: a block found just before a crash is recorded before new work is taken.
    await this.tracker.recover(this.journalPath);
    this.stratumPorts = await this.server.listen();
    log.info('stratum listening', { ports: this.stratumPorts.map((p) => `${p.port}${p.tls ? '/tls' : ''}`).join(',') });

    if (config.monitor.enabled) {
      this.monitor = new MonitorServer({
        host: config.monitor.host,
        port: config.monitor.port,
        stats: this.stats,
        source: new PoolMonitorSource(this, this.server, this.shareLog),
        dashboard: createDashboardHandler(),
      });
      const address = await this.monitor.listen();
      this.monitorUrl = address.url;
      log.info('monitor listening', { url: address.url });
    }

    this.pruner = createSharePruner(config, this.network, this.shareLog, () => this.work.current()?.template, log.child('retention'));
    this.pruner?.start();
    this.timers.push(setInterval(() => void this.tracker.refresh(), BLOCK_CHECK_INTERVAL_MS));
    this.timers.push(setInterval(() => this.publishStatus(), STATUS_INTERVAL_MS));
    this.publishStatus();
  }

  private onWork(update: WorkUpdate): void {
    const { template } = update;
    this.jobs.onTemplate(template, update.cleanJobs);
    const { sessions } = this.server.broadcastJobs(update.cleanJobs);
    this.stats.recordNotify({ sessions, latencyMs: Date.now() - update.triggeredAt });
    this.stats.setTemplate({ height: template.height, receivedAt: Date.now() });
    this.stats.setNetwork({ height: template.height - 1, difficulty: this.networkDifficulty() });
    this.log.debug('new work', { height: template.height, clean: update.cleanJobs, reason: update.reason, sessions });
    // The next jobs pay the window as it is after this template's shares.
    void this.payouts.refreshWindow(template).catch((error: unknown) => this.log.warn('PPLNS window not read', { error: String(error) }));
  }

  private networkDifficulty(): number {
    const template = this.work.current()?.template;
    return template === undefined ? 0 : hash.targetToDifficulty(template.target, this.network.difficultyFactor);
  }

  private publishStatus(): void {
    this.stats.setDaemons(this.config.daemons.map((_d, i) => ({ name: `daemon${i}`, healthy: this.daemons.healthy().includes(`daemon${i}`) })));
    this.stats.setShareLog({ backend: this.shareLog.kind, ...this.shareLog.status() });
  }

  private trackBlock(submission: Promise<unknown>): void {
    this.blocksInFlight.add(submission);
    // found() never rejects, so neither does this.
    void submission.finally(() => this.blocksInFlight.delete(submission));
  }

  /** Sessions, ports and info for the monitor. */
  get stratum(): StratumServer {
    return this.server;
  }

  /** Graceful stop: no new miners, client.reconnect to the connected ones, flush the share log. */
  stop(): Promise<void> {
    this.stopping ??= (async () => {
      for (const timer of this.timers.splice(0)) clearInterval(timer);
      this.work.stop();
      await this.server.close().catch((error: unknown) => this.log.warn('stratum close', { error: String(error) }));
      // A block found by one of the last shares must still reach the daemons and the share log
      // (it may be the pool's reward), so the daemons and the log stay open until it has.
      await Promise.all([...this.blocksInFlight]);
      await this.notifyListener?.close();
      await this.monitor?.close();
      this.statsd?.close();
      await this.p2p?.stop();
      this.daemons.close();
      await this.pruner?.stop();
      await this.shareLog.close();
      this.log.info('pool stopped');
    })();
    return this.stopping;
  }
}
