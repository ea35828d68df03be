// `hashpool demo` (what `npm start` runs): a private litecoind regtest, the pool node on it
// (solo payout, embedded SQLite share log, monitor) and a local CPU miner, so a newcomer
// sees shares accepted and blocks found and accepted by a real daemon within a minute.
// Everything lives in a temporary folder and is removed on Ctrl-C.
import fs from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { configFromSources } from '../config';
import { RegtestLitecoind, freeLoopbackPort } from '../devnet/regtest-litecoind';
import { createLogger } from '../log/logger';
import { Miner } from '../miner/miner';
import { PoolNode } from '../pool/pool-node';
import { formatHashrate } from '../log/format-rate';
import { UsageError } from './errors';

const WALLET = 'demo';
const PREFERRED_STRATUM_PORT = 3333;
const PREFERRED_MONITOR_PORT = 8080;
const REPORT_INTERVAL_MS = 2000;

async function portOr(preferred: number): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => void freeLoopbackPort().then(resolve));
    probe.listen(preferred, '127.0.0.1', () => probe.close(() => resolve(preferred)));
  });
}

interface CoinbaseInfo {
  height: number;
  // litecoind 0.21 lists `addresses`; newer Core versions give one `address`.
  tx: Array<{ vout: Array<{ value: number; scriptPubKey: { address?: string; addresses?: string[] } }> }>;
}

export const DEMO_USAGE = `usage: hashpool demo [--seconds S]
  Starts a litecoind regtest in a temporary folder, the pool node on it (solo payout,
  SQLite share log, dashboard) and a CPU miner, and prints each block litecoind accepts.
  Other scrypt miners may join on the printed stratum URL. Ctrl-C (or --seconds S) stops
  everything and removes the temporary folders.`;

export async function runDemoCommand(args: readonly string[], write: (line: string) => void): Promise<void> {
  if (args.includes('-h') || args.includes('--help')) {
    write(DEMO_USAGE);
    return;
  }
  const seconds = args[0] === '--seconds' ? Number(args[1]) : undefined;
  if (args.length > 0 && (args[0] !== '--seconds' || seconds === undefined || !Number.isFinite(seconds) || seconds <= 0 || args.length > 2)) {
    throw new UsageError(`bad arguments: ${args.join(' ')}\n${DEMO_USAGE}`);
  }
  const threads = Math.max(1, os.availableParallelism() - 1);
  write('== starting litecoind (regtest, temporary datadir)');
  const daemon = await RegtestLitecoind.start();
  const cleanups: Array<() => Promise<void>> = [() => daemon.stop()];
  const onExit = (): void => daemon.killSync();
  process.once('exit', onExit);
  try {
    await daemon.rpc('createwallet', WALLET);
    const address = await daemon.client.call<string>('getnewaddress', ['', 'bech32'], { wallet: WALLET });
    // Regtest starts in initial block download; one block ends it so getblocktemplate works.
    await daemon.rpc('generatetoaddress', 1, address);

    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hashpool-demo-pool-'));
    cleanups.unshift(async () => fs.rmSync(dataDir, { recursive: true, force: true }));
    const stratumPort = await portOr(PREFERRED_STRATUM_PORT);
    const monitorPort = await portOr(PREFERRED_MONITOR_PORT);
    const config = configFromSources({
      flags: {
        network: 'litecoin-regtest',
        daemon: [daemon.rpcUrl],
        stratumPort: [stratumPort],
        payoutMode: 'solo',
        shareLog: dataDir,
        monitorPort,
        difficulty: 0.5,
      },
    });
    // The pool's P2P link is also the peer litecoind needs before it hands out templates.
    config.p2p = { host: '127.0.0.1', port: daemon.p2pPort };
    config.monitor.host = '127.0.0.1';
    config.log.level = 'warn';
    write('== starting the pool node');
    const pool = await PoolNode.start(config, { log: createLogger({ level: 'warn' }) });
    cleanups.unshift(() => pool.stop());

    write(`== starting a CPU miner (${threads} thread${threads > 1 ? 's' : ''}, scrypt) paying ${address}`);
    const miner = new Miner({
      urls: [`stratum+tcp://127.0.0.1:${stratumPort}`],
      user: `${address}.demo`,
      password: 'x',
      algorithm: 'scrypt',
      threads,
    });
    miner.on('problem', (error) => write(`miner: ${error.message}`));
    miner.start();
    cleanups.unshift(() => miner.stop());

    write('');
    write(`   dashboard:  ${pool.monitorUrl ?? '(monitor disabled)'}/`);
    write(`   stratum:    stratum+tcp://127.0.0.1:${stratumPort}  (point any scrypt miner here; username = a regtest address)`);
    write(`   metrics:    ${pool.monitorUrl ?? ''}/metrics`);
    write('   Ctrl-C stops everything and removes the temporary folders.');
    write('');

    let lastHeight = await daemon.rpc<number>('getblockcount');
    let lastStatus = '';
    const report = async (): Promise<void> => {
      const height = await daemon.rpc<number>('getblockcount');
      for (let h = lastHeight + 1; h <= height; h++) {
        const hash = await daemon.rpc<string>('getblockhash', h);
        const block = await daemon.rpc<CoinbaseInfo>('getblock', hash, 2);
        const payee = block.tx[0]?.vout.find((out) => out.value > 0);
        const payeeAddress = payee?.scriptPubKey.address ?? payee?.scriptPubKey.addresses?.[0];
        const who = payeeAddress === address ? 'the demo miner' : (payeeAddress ?? 'a script without an address');
        write(`block ${h} accepted by litecoind: ${hash}${payee ? `, coinbase pays ${payee.value} LTC to ${who}` : ''}`);
      }
      lastHeight = height;
      const { total } = pool.stats.counters();
      const status = `   pool: shares accepted ${total.accepted}, rejected ${total.rejected}; hashrate ${formatHashrate(pool.stats.poolHashrate())}`;
      if (status !== lastStatus) write(status);
      lastStatus = status;
    };

    await new Promise<void>((resolve) => {
      const timer = setInterval(() => void report().catch((error: unknown) => write(`report: ${String(error)}`)), REPORT_INTERVAL_MS);
      const finish = (): void => {
        clearInterval(timer);
        process.off('SIGINT', finish);
        process.off('SIGTERM', finish);
        resolve();
      };
      process.on('SIGINT', finish);
      process.on('SIGTERM', finish);
      if (seconds !== undefined && Number.isFinite(seconds)) setTimeout(finish, seconds * 1000);
    });
    write('== stopping');
  } finally {
    for (const cleanup of cleanups) await cleanup().catch(() => undefined);
    process.off('exit', onExit);
  }
}
