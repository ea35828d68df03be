// What the miner prints. Three forms: a status line redrawn in place on a terminal
// (hashrate per thread and total, accepted/rejected, difficulty, job age) with events
// as lines above it; plain timestamped lines when stdout is not a terminal; or --json,
// one event object per line. Quiet prints problems only; debug adds jobs and detail;
// protocol dumps every JSON-RPC line in and out.
import type { Miner } from './miner';
import { formatHashrate } from '../log/format-rate';

export interface StatusIo {
  out(line: string): void;
  err(line: string): void;
  /** Replaces the status line in place (terminal only). */
  redraw(text: string): void;
  isTTY: boolean;
}

export interface StatusOptions {
  json?: boolean;
  quiet?: boolean;
  debug?: boolean;
  protocol?: boolean;
}

export class StatusPrinter {
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly io: StatusIo,
    private readonly options: StatusOptions = {},
  ) {}

  private event(fields: Record<string, unknown>): void {
    this.io.out(JSON.stringify({ time: new Date().toISOString(), ...fields }));
  }

  private log(text: string, level: 'info' | 'error' | 'debug' = 'info'): void {
    if (this.options.quiet && level !== 'error') return;
    if (level === 'debug' && !this.options.debug) return;
    const line = `[${new Date().toISOString()}] ${text}`;
    if (level === 'error') this.io.err(line);
    else this.io.out(line);
    if (this.io.isTTY) this.io.redraw('');
  }

  statusLine(miner: Miner): string {
    const rate = miner.hashrate;
    const job = miner.currentJob;
    const age = job ? `${Math.round((Date.now() - job.receivedAt) / 1000)}s` : '-';
    const threads = rate.perThread.map((r) => formatHashrate(r)).join(' ');
    const { accepted, rejected } = miner.stats;
    return `${formatHashrate(rate.total)} [${threads}] A:${accepted} R:${rejected} diff ${miner.subscription.difficulty} job ${job?.id ?? '-'} age ${age}`;
  }

  attach(miner: Miner): void {
    const json = this.options.json === true;
    miner.on('connected', (info) => {
      if (json) this.event({ event: 'connected', url: info.url, extranonce1: info.extranonce1.toString('hex'), extranonce2Size: info.extranonce2Size, versionMask: info.versionMask });
      else this.log(`connected to ${info.url} (extranonce1 ${info.extranonce1.toString('hex')}, extranonce2 ${info.extranonce2Size} bytes${info.versionMask ? `, version mask ${info.versionMask.toString(16)}` : ''})`);
    });
    miner.on('disconnected', (info) => {
      if (json) this.event({ event: 'disconnected', url: info.url, reason: info.reason });
      else this.log(`disconnected from ${info.url}: ${info.reason}`, 'error');
    });
    miner.on('difficulty', (difficulty) => {
      if (json) this.event({ event: 'difficulty', difficulty });
      else this.log(`difficulty ${difficulty}`, 'debug');
    });
    miner.on('job', (job) => {
      if (json) this.event({ event: 'job', jobId: job.id, cleanJobs: job.cleanJobs, difficulty: job.difficulty });
      else this.log(`new job ${job.id}${job.cleanJobs ? ' (clean)' : ''}`, 'debug');
    });
    miner.on('share', (share) => {
      if (json) {
        const fields: Record<string, unknown> = { event: 'share', accepted: share.accepted, jobId: share.jobId, difficulty: share.difficulty, nonce: share.share.nonce };
        if (share.reason !== undefined) fields.reason = share.reason;
        this.event(fields);
      } else if (share.accepted) {
        this.log(`accepted share for job ${share.jobId} (difficulty ${share.difficulty})`, this.io.isTTY ? 'debug' : 'info');
      } else this.log(`rejected share for job ${share.jobId}: ${share.reason ?? 'unknown'}`, 'error');
    });
    miner.on('hashrate', (rate) => {
      if (json) this.event({ event: 'hashrate', total: Math.round(rate.total), perThread: rate.perThread.map(Math.round), accepted: miner.stats.accepted, rejected: miner.stats.rejected });
      else if (!this.io.isTTY) this.log(this.statusLine(miner));
    });
    miner.on('message', (text) => {
      if (json) this.event({ event: 'message', text });
      else this.log(`pool says: ${text}`);
    });
    miner.on('problem', (error) => {
      if (json) this.event({ event: 'problem', code: (error as Error & { code?: string }).code, message: error.message });
      else this.log(error.message, 'error');
    });
    if (this.options.protocol) {
      miner.on('line', (direction, line) => {
        if (json) this.event({ event: 'line', direction, line });
        else this.io.out(`${direction === 'in' ? '<' : '>'} ${line}`);
      });
    }
    if (this.io.isTTY && !json && !this.options.quiet) {
      this.timer = setInterval(() => this.io.redraw(this.statusLine(miner)), 1000);
      this.timer.unref();
    }
  }

  detach(): void {
    if (this.timer) clearInterval(this.timer);
    if (this.io.isTTY) this.io.redraw('');
  }
}
