// A custom proof of work registered as a module path runs in every scan thread: shares
// against the independent stratum server on two threads, stop() halting the threads' JS
// loops, a module that throws reported as a problem, and registrations refused up front.
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  BadPowError, ERR_MINER_BAD_POW, ERR_MINER_SCAN_THREAD, Job, Miner, registeredPows, registerPow, resolvePow, ScanPool,
  unregisterPow, type MinerOptions, type Share,
} from '../../lib/miner';
import { IndependentStratumServer } from '../util/independent-stratum-server';
import { until } from './helpers';

const MD5_MODULE = path.join(__dirname, 'md5-pow.js');
// md5 zero-extended and read little-endian is always below 2^128, far under diff1 (about
// 2^224): at the usual test difficulties every hash is a share. 2^110 puts the target at
// about 2^114, one share per ~16k hashes.
const MD5_DIFFICULTY = 2 ** 110;
const MD5_TARGET = 1n << 114n;

function md5Pow(header: Buffer): Buffer {
  return Buffer.concat([crypto.createHash('md5').update(header).digest(), Buffer.alloc(16)]);
}

function badPow(name: string, spec: Parameters<typeof registerPow>[1], mention: string): void {
  assert.throws(
    () => registerPow(name, spec),
    (error: unknown) => error instanceof BadPowError && error.code === ERR_MINER_BAD_POW && error.message.includes(mention),
  );
  assert.ok(!registeredPows().includes(name), `${name} must not be registered`);
}

describe('custom PoW in the scan threads', function () {
  this.timeout(60_000);
  const servers: IndependentStratumServer[] = [];
  const miners: Miner[] = [];
  const pools: ScanPool[] = [];
  const names: string[] = [];

  afterEach(async () => {
    for (const miner of miners.splice(0)) await miner.stop();
    for (const pool of pools.splice(0)) await pool.close();
    for (const server of servers.splice(0)) await server.stop();
    for (const name of names.splice(0)) unregisterPow(name);
  });

  function register(name: string, exportName?: string): void {
    registerPow(name, { module: MD5_MODULE, exportName, difficultyFactor: 1 });
    names.push(name);
  }

  async function serveMd5(): Promise<IndependentStratumServer> {
    const server = new IndependentStratumServer({ algorithm: 'md5', difficulty: MD5_DIFFICULTY });
    await server.start();
    servers.push(server);
    return server;
  }

  function mine(url: string, options: Partial<MinerOptions>): Miner {
    const miner = new Miner({
      urls: [url], user: 'tester', threads: 2, hashrateIntervalMs: 500,
      client: { initialBackoffMs: 100, maxBackoffMs: 500, requestTimeoutMs: 5000 }, ...options,
    });
    miners.push(miner);
    miner.start();
    return miner;
  }

  it('mines md5 from a module on two threads: shares accepted, none rejected, both threads hashing', async () => {
    register('md5-module');
    const server = await serveMd5();
    const miner = mine(server.url, { algorithm: 'md5-module' });
    assert.equal(miner.scanPool.threads, 2);
    await until(() => server.accepted().length >= 5 && miner.scanPool.hashesByThread().every((h) => h > 0), 'md5 shares from both threads');
    assert.deepEqual(server.rejected(), []);
    assert.equal(miner.stats.rejected, 0);
    const perThread = miner.scanPool.hashesByThread();
    assert.equal(perThread.length, 2);
    for (const hashes of perThread) assert.ok(hashes > 0, `every thread hashes: ${perThread.join(', ')}`);
  });

  it('ScanPool: found nonces are real md5 shares, and stop() halts the JS loops of the threads', async () => {
    register('md5-pool');
    const target = MD5_TARGET;
    const job = new Job(
      {
        jobId: 'j1', prevHash: crypto.randomBytes(32), coinb1: crypto.randomBytes(40), coinb2: crypto.randomBytes(30),
        merkleBranch: [], version: 0x20000000, bits: 0x1e0ffff0, time: 0x5f000000, cleanJobs: true,
      },
      { pow: resolvePow('md5-pool'), extranonce1: Buffer.from('01020304', 'hex'), extranonce2Size: 4, difficulty: 1, target, versionMask: 0 },
    );
    const pool = new ScanPool({ threads: 2 });
    pools.push(pool);
    const shares: Share[] = [];
    const errors: Error[] = [];
    pool.on('share', (share) => shares.push(share));
    pool.on('error', (error) => errors.push(error));
    pool.start(job);
    await until(() => shares.length >= 3 && pool.hashesByThread().every((h) => h > 0), 'shares from the md5 module');
    for (const share of shares) {
      const expected = md5Pow(share.header);
      assert.deepEqual(share.hash, expected);
      assert.ok(Buffer.from(expected).reverse().compare(Buffer.from(target.toString(16).padStart(64, '0'), 'hex')) <= 0);
      assert.equal(share.header.readUInt32LE(76), share.nonce);
    }
    pool.stop();
    const afterStop = shares.length;
    // Every unit has 2^32 nonces: only the loop's own look at the generation can end it.
    let last = -1;
    await until(() => {
      const now = pool.totalHashes();
      const still = now === last;
      last = now;
      return still;
    }, 'the threads to stop hashing');
    assert.equal(shares.length, afterStop, 'nothing reported for the stopped job');
    assert.deepEqual(errors, []);
  });

  it('a module whose hash throws: a problem event, no share, stop() resolves', async () => {
    register('md5-broken', 'hashFailsOnWork');
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown): void => void unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      const server = await serveMd5();
      const miner = mine(server.url, { algorithm: 'md5-broken' });
      const problems: Error[] = [];
      miner.on('problem', (error) => problems.push(error));
      await until(() => problems.length > 0, 'a problem from the scan threads');
      const problem = problems[0] as Error & { code?: string };
      assert.equal(problem.code, ERR_MINER_SCAN_THREAD);
      assert.match(problem.message, /deliberately broken/);
      await miner.stop();
      assert.deepEqual(server.submits, []);
      assert.equal(miner.stats.accepted + miner.stats.rejected, 0);
      assert.deepEqual(unhandled, []);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });

  it('a closure PoW that throws on the main thread: an error event, not an unhandled rejection', async () => {
    registerPow('closure-broken', { hash: (header) => (header.some((b) => b !== 0) ? assert.fail('closure broken') : md5Pow(header)), difficultyFactor: 1 });
    names.push('closure-broken');
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown): void => void unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      const job = new Job(
        {
          jobId: 'c1', prevHash: crypto.randomBytes(32), coinb1: crypto.randomBytes(40), coinb2: crypto.randomBytes(30),
          merkleBranch: [], version: 0x20000000, bits: 0x1e0ffff0, time: 0x5f000000, cleanJobs: true,
        },
        { pow: resolvePow('closure-broken'), extranonce1: Buffer.from('01020304', 'hex'), extranonce2Size: 4, difficulty: 1, target: MD5_TARGET, versionMask: 0 },
      );
      const pool = new ScanPool({ threads: 1 });
      pools.push(pool);
      const errors: Error[] = [];
      pool.on('error', (error) => errors.push(error));
      pool.start(job);
      await until(() => errors.length > 0, 'the error event');
      assert.match(errors[0]?.message ?? '', /closure broken/);
      assert.equal(pool.currentJob, undefined, 'the broken job is no longer searched');
      assert.deepEqual(unhandled, []);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });

  it('refuses bad module registrations with BadPowError naming the path', () => {
    const missing = path.join(os.tmpdir(), `hashpool-no-such-pow-${process.pid}.js`);
    assert.ok(!fs.existsSync(missing));
    badPow('bad-missing', { module: missing, difficultyFactor: 1 }, missing);
    badPow('bad-relative', { module: './md5-pow.js', difficultyFactor: 1 }, './md5-pow.js');
    badPow('bad-export', { module: MD5_MODULE, exportName: 'nope', difficultyFactor: 1 }, MD5_MODULE);
    badPow('bad-not-function', { module: MD5_MODULE, exportName: 'notAFunction', difficultyFactor: 1 }, MD5_MODULE);
    badPow('bad-length', { module: MD5_MODULE, exportName: 'hashHalf', difficultyFactor: 1 }, '16 bytes');
    badPow('bad-factor', { module: MD5_MODULE, difficultyFactor: 0 }, 'difficultyFactor');
  });

  it('takes a file: URL, and resolves to the module for the threads', () => {
    registerPow('md5-url', { module: pathToFileURL(MD5_MODULE).href, difficultyFactor: 1 });
    names.push('md5-url');
    const pow = resolvePow('md5-url');
    assert.deepEqual(pow.module, { path: MD5_MODULE, exportName: 'hash' });
    assert.equal(pow.native, undefined);
    const header = crypto.randomBytes(80);
    assert.deepEqual(pow.hash(header), md5Pow(header));
  });
});
