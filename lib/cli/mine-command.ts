// `hashpool mine`: the stratum CPU miner with nightminer's flags. Runs until SIGINT or
// SIGTERM; -B re-runs itself detached with output to hashpool-miner.log and prints its pid.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { HashpoolError } from '../hash/errors';
import { Miner, type MinerOptions } from '../miner/miner';
import { parsePoolUrl } from '../miner/pool-url';
import { resolvePow } from '../miner/pow-registry';
import { checkTrustAnchors } from '../miner/tls-trust';
import { StatusPrinter, type StatusIo } from '../miner/status';
import { UsageError } from './errors';

export const MINE_USAGE = `usage: hashpool mine -o URL -u USER -p PASS [options]
  -o, --url URL          stratum+tcp://HOST:PORT, stratum+ssl:// or stratum+tcps:// for TLS (repeat for failover)
  -u, --user USER        worker name          -p, --pass PASS   password (default x)
  -O, --userpass U:P     user and password together
  -a, --algo ALGO        scrypt (default), scrypt:N, sha256d, x11
  -t, --threads N        mining threads (default: all ${os.availableParallelism()} cores)
  -B, --background       run in the background, log to hashpool-miner.log
  -q, --quiet            errors only           -d, --debug       debug detail
  -P, --dump-protocol    print every JSON-RPC line in and out
      --diff D           ask the pool for difficulty D (mining.suggest_difficulty)
      --json             one JSON event per line
      --no-version-rolling  do not ask for BIP310 version rolling
      --cert FILE        stratum+ssl: trust this PEM certificate (the pool's own or its CA)
      --insecure         stratum+ssl: accept any certificate (no protection from interception)
  -v, --version          print the version    -h, --help        this help`;

export const MINER_LOG = 'hashpool-miner.log';

export interface MineSettings {
  miner: MinerOptions;
  background: boolean;
  json: boolean;
  quiet: boolean;
  debug: boolean;
  protocol: boolean;
  help: boolean;
  version: boolean;
}

export interface MineIo extends StatusIo {
  /** Ends the miner; without one, SIGINT and SIGTERM do. */
  signal?: AbortSignal;
}

function positive(text: string | undefined, flag: string, integer: boolean): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!(value > 0) || !Number.isFinite(value) || (integer && !Number.isInteger(value))) {
    throw new UsageError(`${flag} must be a ${integer ? 'whole ' : ''}number above 0, got '${text}'`);
  }
  return value;
}

export function parseMineArgs(args: string[]): MineSettings {
  let values;
  try {
    ({ values } = parseArgs({
      args,
      options: {
        url: { type: 'string', short: 'o', multiple: true },
        user: { type: 'string', short: 'u' },
        pass: { type: 'string', short: 'p' },
        userpass: { type: 'string', short: 'O' },
        algo: { type: 'string', short: 'a', default: 'scrypt' },
        threads: { type: 'string', short: 't' },
        background: { type: 'boolean', short: 'B', default: false },
        quiet: { type: 'boolean', short: 'q', default: false },
        'dump-protocol': { type: 'boolean', short: 'P', default: false },
        debug: { type: 'boolean', short: 'd', default: false },
        version: { type: 'boolean', short: 'v', default: false },
        help: { type: 'boolean', short: 'h', default: false },
        diff: { type: 'string' },
        json: { type: 'boolean', default: false },
        'no-version-rolling': { type: 'boolean', default: false },
        cert: { type: 'string' },
        insecure: { type: 'boolean', default: false },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const common = {
    background: values.background === true, json: values.json === true, quiet: values.quiet === true,
    debug: values.debug === true, protocol: values['dump-protocol'] === true, help: values.help === true, version: values.version === true,
  };
  let user = values.user;
  let password = values.pass ?? 'x';
  if (values.userpass !== undefined) {
    const colon = values.userpass.indexOf(':');
    if (colon <= 0) throw new UsageError(`-O needs USER:PASS, got '${values.userpass}'`);
    user = values.userpass.slice(0, colon);
    password = values.userpass.slice(colon + 1);
  }
  const urls = values.url ?? [];
  if (common.help || common.version) return { ...common, miner: { urls, user: user ?? '' } };
  if (urls.length === 0) throw new UsageError('-o URL is required');
  if (user === undefined || user.length === 0) throw new UsageError('-u USER (or -O USER:PASS) is required');
  try {
    for (const url of urls) parsePoolUrl(url, user, password);
    resolvePow(values.algo ?? 'scrypt');
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (values.cert !== undefined && values.insecure === true) throw new UsageError('--cert and --insecure contradict each other: give one');
  return {
    ...common,
    miner: {
      urls, user, password,
      ...trustOptions(values.cert, values.insecure === true),
      algorithm: values.algo,
      threads: positive(values.threads, '-t', true),
      suggestDifficulty: positive(values.diff, '--diff', false),
      versionRolling: values['no-version-rolling'] !== true,
      hashrateIntervalMs: 5000,
    },
  };
}

/** --cert FILE / --insecure as MinerOptions; the file is read and checked now so a bad one is a usage error. */
function trustOptions(certFile: string | undefined, insecure: boolean): Pick<MinerOptions, 'ca' | 'rejectUnauthorized'> {
  if (insecure) return { rejectUnauthorized: false };
  if (certFile === undefined) return {};
  let ca: Buffer;
  try {
    ca = fs.readFileSync(certFile);
  } catch (error) {
    throw new UsageError(`--cert: cannot read '${certFile}': ${(error as Error).message}`);
  }
  try {
    checkTrustAnchors(ca);
  } catch (error) {
    throw new UsageError(`--cert '${certFile}': ${(error as Error).message}`);
  }
  return { ca };
}

function packageVersion(): string {
  try {
    const pkg = JSON.parse(fs.readFileSync(path.resolve(__dirname, '..', '..', '..', 'package.json'), 'utf8')) as { version?: string };
    return pkg.version ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

function processIo(): MineIo {
  const tty = process.stdout.isTTY === true;
  return {
    out: (line) => process.stdout.write(tty ? `\r\x1b[2K${line}\n` : `${line}\n`),
    err: (line) => process.stderr.write(tty ? `\r\x1b[2K${line}\n` : `${line}\n`),
    redraw: (text) => process.stdout.write(`\r\x1b[2K${text}`),
    isTTY: tty,
  };
}

/** Runs the command; resolves with the exit code (2 for usage errors, with the usage text). */
export async function runMineCommand(args: string[], io: MineIo = processIo()): Promise<number> {
  let settings: MineSettings;
  try {
    settings = parseMineArgs(args);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.err(`hashpool mine: ${error.message}`);
    io.err(MINE_USAGE);
    return 2;
  }
  if (settings.help) {
    io.out(MINE_USAGE);
    return 0;
  }
  if (settings.version) {
    io.out(`hashpool mine ${packageVersion()}`);
    return 0;
  }
  if (settings.background) return background(args, io);

  if (settings.miner.rejectUnauthorized === false) {
    io.err('hashpool mine: warning: --insecure: the pool\'s TLS certificate is not checked; anyone on the path can read and alter the work');
  }
  const miner = new Miner(settings.miner);
  const printer = new StatusPrinter(io, settings);
  printer.attach(miner);
  const stopper = new AbortController();
  const onSignal = (): void => stopper.abort();
  if (io.signal === undefined) {
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
  }
  try {
    await miner.serve(io.signal ?? stopper.signal);
  } catch (error) {
    if (error instanceof HashpoolError) {
      io.err(`hashpool mine: ${error.message}`);
      return 1;
    }
    throw error;
  } finally {
    printer.detach();
    process.removeListener('SIGINT', onSignal);
    process.removeListener('SIGTERM', onSignal);
  }
  const { accepted, rejected } = miner.stats;
  if (settings.json) io.out(JSON.stringify({ event: 'stopped', accepted, rejected }));
  else if (!settings.quiet) io.out(`stopped: ${accepted} accepted, ${rejected} rejected`);
  return 0;
}

/** -B: the same command without -B, detached, stdout and stderr appended to the log. */
function background(args: string[], io: MineIo): number {
  const rest = args.filter((a) => a !== '-B' && a !== '--background');
  const log = fs.openSync(path.resolve(MINER_LOG), 'a');
  const child = spawn(process.execPath, [path.resolve(__dirname, '..', '..', '..', 'bin', 'hashpool.js'), 'mine', ...rest], {
    detached: true,
    stdio: ['ignore', log, log],
  });
  fs.closeSync(log);
  child.unref();
  io.out(`hashpool mine running in the background, pid ${child.pid}, log ${path.resolve(MINER_LOG)}`);
  return 0;
}
