// Checks that span several keys or touch the outside world (networks, addresses, files). They
// run on whatever survived schema validation, so one bad key does not hide problems elsewhere.
import fs from 'node:fs';
import { AddressError, addressToScript } from '../address';
import { getNetwork, NETWORK_NAMES, type NetworkParams } from '../protocol';
import type { ConfigIssue } from './errors';
import type { PartialDeep, PoolConfig, StratumPortConfig } from './pool-config';
import { hasCredentials } from './url-checks';

/** Vardiff may not go below this by default: lower values only flood the pool with shares. */
export const VARDIFF_MIN_FLOOR = 0.0001;
/** Default vardiff.min is the start difficulty divided by this. */
export const VARDIFF_MIN_DIVISOR = 64;

type Draft = PartialDeep<PoolConfig>;

/**
 * Default vardiff.min = difficulty / 64, but not below 0.0001 unless the start difficulty
 * itself is lower (then it equals the start difficulty, so min <= difficulty still holds).
 */
export function defaultVardiffMin(difficulty: number): number {
  return Math.min(difficulty, Math.max(difficulty / VARDIFF_MIN_DIVISOR, VARDIFF_MIN_FLOOR));
}

export function fillDerivedDefaults(draft: Draft): void {
  for (const p of draft.stratum?.ports ?? []) {
    if (p?.vardiff !== undefined && p.vardiff.min === undefined && p.difficulty !== undefined) {
      p.vardiff.min = defaultVardiffMin(p.difficulty);
    }
  }
}

export function checkPoolConfig(draft: Draft): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const network = checkNetwork(draft, issues);
  checkPayout(draft, network, issues);
  checkDaemons(draft, issues);
  checkShareLog(draft, issues);
  checkPorts(draft, issues);
  return issues;
}

function checkNetwork(draft: Draft, issues: ConfigIssue[]): NetworkParams | undefined {
  if (draft.network === undefined) return undefined;
  if (!NETWORK_NAMES.includes(draft.network)) {
    issues.push({ path: 'network', message: `unknown network '${draft.network}'; known networks: ${NETWORK_NAMES.join(', ')}` });
    return undefined;
  }
  const network = getNetwork(draft.network);
  if (network.miningUnsupported !== undefined) {
    issues.push({ path: 'network', message: `the pool cannot mine ${network.name}: ${network.miningUnsupported}` });
  }
  return network;
}

function checkPayout(draft: Draft, network: NetworkParams | undefined, issues: ConfigIssue[]): void {
  const payout = draft.payout;
  if (payout === undefined) return;
  if (payout.address === undefined) {
    if (payout.mode === 'pool' || payout.mode === 'pplns') {
      issues.push({ path: 'payout.address', message: `required when payout.mode is '${payout.mode}' (or pass --address): the pool's own address receives block rewards` });
    }
    return;
  }
  if (network === undefined) return;
  try {
    addressToScript(payout.address, network);
  } catch (error) {
    if (!(error instanceof AddressError)) throw error;
    issues.push({ path: 'payout.address', message: error.message });
  }
}

function checkDaemons(draft: Draft, issues: ConfigIssue[]): void {
  (draft.daemons ?? []).forEach((d, i) => {
    if (d?.url === undefined || d.cookieFile !== undefined || hasCredentials(d.url)) return;
    issues.push({ path: `daemons[${i}].url`, message: 'no user:pass in the URL and no cookieFile: the daemon refuses RPC without credentials' });
  });
}

function checkShareLog(draft: Draft, issues: ConfigIssue[]): void {
  const log = draft.shareLog;
  if (log?.backend === 'redis' && log.redis === undefined) {
    issues.push({ path: 'shareLog.redis', message: "required when shareLog.backend is 'redis' (or pass --redis URL)" });
  }
}

function checkPorts(draft: Draft, issues: ConfigIssue[]): void {
  const seen = new Map<number, string>();
  (draft.stratum?.ports ?? []).forEach((p, i) => {
    if (p === undefined) return;
    const base = `stratum.ports[${i}]`;
    if (p.port !== undefined) {
      const first = seen.get(p.port);
      if (first !== undefined) issues.push({ path: `${base}.port`, message: `duplicate port ${p.port} (also ${first})` });
      else seen.set(p.port, `${base}.port`);
    }
    checkVardiff(p, base, issues);
    checkTls(p, base, issues);
  });
  const monitor = draft.monitor;
  if (monitor?.enabled === true && monitor.port !== undefined) {
    const clash = seen.get(monitor.port);
    if (clash !== undefined) issues.push({ path: 'monitor.port', message: `port ${monitor.port} is already used by ${clash}` });
  }
}

function checkVardiff(p: PartialDeep<StratumPortConfig>, base: string, issues: ConfigIssue[]): void {
  const v = p.vardiff;
  if (v?.min === undefined || v.max === undefined) return;
  if (v.min > v.max) {
    issues.push({ path: `${base}.vardiff.min`, message: `vardiff.min ${v.min} is above vardiff.max ${v.max}` });
    return;
  }
  if (v.enabled === true && p.difficulty !== undefined && (p.difficulty < v.min || p.difficulty > v.max)) {
    issues.push({ path: `${base}.difficulty`, message: `start difficulty ${p.difficulty} is outside the vardiff range ${v.min}..${v.max}` });
  }
}

function checkTls(p: PartialDeep<StratumPortConfig>, base: string, issues: ConfigIssue[]): void {
  for (const which of ['cert', 'key'] as const) {
    const file = p.tls?.[which];
    if (file === undefined) continue;
    const problem = readableFileProblem(file);
    if (problem !== undefined) issues.push({ path: `${base}.tls.${which}`, message: problem });
  }
}

function readableFileProblem(file: string): string | undefined {
  try {
    if (!fs.statSync(file).isFile()) return `not a regular file: ${file}`;
    fs.accessSync(file, fs.constants.R_OK);
    return undefined;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    return code === 'ENOENT' ? `file not found: ${file}` : `cannot read ${file} (${code})`;
  }
}
