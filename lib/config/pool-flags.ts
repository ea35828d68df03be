// Command-line flags of `hashpool pool`. Parsing only turns argv into typed values; how they
// override the file lives in apply-flags.ts.
import { ConfigError, type ConfigIssue } from './errors';
import { describeNumber, describeValue } from './schema';
import { closestName } from './suggest';

export interface PoolFlags {
  network?: string;
  daemon?: string[];
  stratumPort?: number[];
  payoutMode?: string;
  address?: string;
  shareLog?: string;
  monitorPort?: number;
  redis?: string;
  instanceId?: number;
  difficulty?: number;
}

export interface ParsedPoolArgs {
  flags: PoolFlags;
  configFile?: string;
  help: boolean;
}

type StringKey = 'config' | 'network' | 'daemon' | 'payoutMode' | 'address' | 'shareLog' | 'redis';
type NumberKey = 'stratumPort' | 'difficulty' | 'monitorPort' | 'instanceId';
interface NumberRange {
  readonly integer: boolean;
  readonly min: number;
  readonly max?: number;
  readonly minExclusive?: boolean;
}
type FlagSpec = { readonly name: string; readonly repeatable?: boolean } & (
  | { readonly kind: 'string'; readonly key: StringKey }
  | { readonly kind: 'number'; readonly key: NumberKey; readonly range: NumberRange }
);

const PORT: NumberRange = { integer: true, min: 1, max: 65535 };

const FLAG_SPECS: readonly FlagSpec[] = [
  { name: '--config', kind: 'string', key: 'config' },
  { name: '--network', kind: 'string', key: 'network' },
  { name: '--daemon', kind: 'string', key: 'daemon', repeatable: true },
  { name: '--stratum-port', kind: 'number', key: 'stratumPort', range: PORT, repeatable: true },
  { name: '--difficulty', kind: 'number', key: 'difficulty', range: { integer: false, min: 0, minExclusive: true } },
  { name: '--payout-mode', kind: 'string', key: 'payoutMode' },
  { name: '--address', kind: 'string', key: 'address' },
  { name: '--share-log', kind: 'string', key: 'shareLog' },
  { name: '--redis', kind: 'string', key: 'redis' },
  { name: '--monitor-port', kind: 'number', key: 'monitorPort', range: PORT },
  { name: '--instance-id', kind: 'number', key: 'instanceId', range: { integer: true, min: 0, max: 65535 } },
];

export const POOL_FLAGS_HELP = `usage: hashpool pool [--config FILE] [flags]

Starts the stratum pool. Settings come from the YAML file given by --config (see
config.example.yml for every key), then the flags below override the file's keys.
Without --config, --network, --daemon, --stratum-port and --payout-mode are required.

  --config FILE          YAML configuration file
  --network NAME         network, e.g. litecoin-main, litecoin-regtest      (network)
  --daemon URL           coin daemon RPC, http://USER:PASS@HOST:PORT; repeat for
                         failover, the first is preferred; replaces the file's list  (daemons)
  --stratum-port PORT    stratum port; repeatable; replaces the file's list  (stratum.ports)
  --difficulty D         start difficulty of every stratum port (default 1 for ports
                         given by --stratum-port)                           (stratum.ports[].difficulty)
  --payout-mode MODE     solo | pool | pplns                                (payout.mode)
  --address ADDR         pool address, required for pool and pplns         (payout.address)
  --share-log DIR        data directory for the share log                   (shareLog.dir)
  --redis URL            log shares to redis, redis://HOST:PORT[/DB]         (shareLog.backend, shareLog.redis.url)
  --monitor-port PORT    dashboard port; also turns the dashboard on         (monitor.port)
  --instance-id N        0..65535, unique per pool process sharing a daemon  (instanceId)
  -h, --help             show this text

Flags take their value as --flag VALUE or --flag=VALUE.`;

/** Parses `hashpool pool` arguments; every problem is collected into one ConfigError. */
export function parsePoolFlags(argv: readonly string[]): ParsedPoolArgs {
  const issues: ConfigIssue[] = [];
  const flags: PoolFlags = {};
  const result: ParsedPoolArgs = { flags, help: false };
  const given = new Set<string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '-h' || arg === '--help') {
      result.help = true;
      continue;
    }
    if (!arg.startsWith('--')) {
      issues.push({ path: arg, message: `unexpected argument '${arg}' (flags start with --)` });
      continue;
    }
    const eq = arg.indexOf('=');
    const name = eq < 0 ? arg : arg.slice(0, eq);
    const spec = FLAG_SPECS.find((s) => s.name === name);
    if (spec === undefined) {
      const guess = closestName(name.slice(2), FLAG_SPECS.map((s) => s.name.slice(2)));
      issues.push({ path: name, message: `unknown flag '${name}'${guess === undefined ? '' : ` (did you mean '--${guess}'?)`}` });
      if (eq < 0 && i + 1 < argv.length && !argv[i + 1].startsWith('-')) i++; // skip its likely value
      continue;
    }
    let raw: string | undefined;
    if (eq >= 0) raw = arg.slice(eq + 1);
    else if (i + 1 < argv.length && !argv[i + 1].startsWith('--')) raw = argv[++i];
    if (raw === undefined || raw === '') {
      issues.push({ path: name, message: `${name} needs a value` });
      continue;
    }
    if (given.has(name) && spec.repeatable !== true) {
      issues.push({ path: name, message: `${name} given more than once` });
      continue;
    }
    given.add(name);
    store(spec, raw, result, issues);
  }
  if (issues.length > 0) throw new ConfigError('command-line flags', issues);
  return result;
}

function store(spec: FlagSpec, raw: string, result: ParsedPoolArgs, issues: ConfigIssue[]): void {
  const flags = result.flags;
  if (spec.kind === 'string') {
    if (spec.key === 'config') result.configFile = raw;
    else if (spec.key === 'daemon') (flags.daemon ??= []).push(raw);
    else flags[spec.key] = raw;
    return;
  }
  const n = parseNumber(raw, spec.range);
  if (n === undefined) {
    issues.push({ path: spec.name, message: `expected ${describeNumber(spec.range)}, got ${describeValue(raw)}` });
  } else if (spec.key === 'stratumPort') {
    (flags.stratumPort ??= []).push(n);
  } else {
    flags[spec.key] = n;
  }
}

function parseNumber(raw: string, range: NumberRange): number | undefined {
  // Number() also takes '', ' ', '0x1f' and 'Infinity'; a flag value must be plain decimal.
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(raw)) return undefined;
  const n = Number(raw);
  const ok =
    Number.isFinite(n) &&
    (!range.integer || Number.isInteger(n)) &&
    (range.minExclusive === true ? n > range.min : n >= range.min) &&
    (range.max === undefined || n <= range.max);
  return ok ? n : undefined;
}
