// Per-IP bookkeeping of the stratum server: live connection counts (a cap per address),
// temporary bans, and the invalid-share ratio that triggers one.
//
// Ban rule (NOMP's, which miners know): submissions are counted per IP; once an IP has
// `checkThreshold` of them, it is banned if at least `invalidPercent` percent were invalid,
// and its counters start again either way. Stale shares (a job replaced by a new block) are
// not counted as invalid: every honest miner sends some after each block.
export interface BanPolicy {
  enabled: boolean;
  invalidPercent: number;
  checkThreshold: number;
  seconds: number;
}

export interface ConnectionGuardOptions {
  maxConnectionsPerIp: number;
  ban: BanPolicy;
  /** Milliseconds; injectable for tests. */
  now?: () => number;
}

export type Admission = 'ok' | 'banned' | 'limit';

interface SubmitCounts {
  total: number;
  invalid: number;
}

/** IPv4 clients of a dual-stack socket show up as ::ffff:a.b.c.d; a ban on a.b.c.d must match. */
export function normalizeIp(ip: string | undefined): string {
  if (ip === undefined || ip.length === 0) return 'unknown';
  return ip.startsWith('::ffff:') && ip.includes('.') ? ip.slice(7) : ip;
}

export class ConnectionGuard {
  private readonly connections = new Map<string, number>();
  private readonly banned = new Map<string, number>();
  private readonly submits = new Map<string, SubmitCounts>();
  private readonly now: () => number;

  constructor(private readonly options: ConnectionGuardOptions) {
    this.now = options.now ?? Date.now;
  }

  /** Whether a new connection from `ip` may be accepted (does not count it). */
  admit(ip: string): Admission {
    if (this.isBanned(ip)) return 'banned';
    if ((this.connections.get(ip) ?? 0) >= this.options.maxConnectionsPerIp) return 'limit';
    return 'ok';
  }

  opened(ip: string): void {
    this.connections.set(ip, (this.connections.get(ip) ?? 0) + 1);
  }

  closed(ip: string): void {
    const count = (this.connections.get(ip) ?? 0) - 1;
    if (count > 0) this.connections.set(ip, count);
    else this.connections.delete(ip);
  }

  connectionsFrom(ip: string): number {
    return this.connections.get(ip) ?? 0;
  }

  /** Counts one submission; true when it makes the IP banned (the caller disconnects it). */
  recordSubmit(ip: string, invalid: boolean): boolean {
    const policy = this.options.ban;
    if (!policy.enabled) return false;
    let counts = this.submits.get(ip);
    if (counts === undefined) {
      counts = { total: 0, invalid: 0 };
      this.submits.set(ip, counts);
    }
    counts.total += 1;
    if (invalid) counts.invalid += 1;
    if (counts.total < policy.checkThreshold) return false;
    const ratio = (counts.invalid * 100) / counts.total;
    this.submits.delete(ip);
    if (ratio < policy.invalidPercent) return false;
    this.ban(ip, policy.seconds);
    return true;
  }

  ban(ip: string, seconds: number): void {
    this.banned.set(ip, this.now() + Math.max(0, seconds) * 1000);
    this.submits.delete(ip);
  }

  unban(ip: string): boolean {
    this.submits.delete(ip);
    return this.banned.delete(ip);
  }

  isBanned(ip: string): boolean {
    const until = this.banned.get(ip);
    if (until === undefined) return false;
    if (until > this.now()) return true;
    this.banned.delete(ip);
    return false;
  }

  /** Bans in force, `until` in milliseconds since the epoch. */
  bans(): Array<{ ip: string; until: number }> {
    const now = this.now();
    const out: Array<{ ip: string; until: number }> = [];
    for (const [ip, until] of this.banned) {
      if (until > now) out.push({ ip, until });
      else this.banned.delete(ip);
    }
    return out;
  }

  /** Drops counters of IPs with no live connection (called now and then, so the maps stay bounded). */
  sweep(): void {
    for (const ip of this.submits.keys()) if (!this.connections.has(ip)) this.submits.delete(ip);
    this.bans();
  }
}
