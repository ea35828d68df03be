// Pure parts of the miner: the work split, URL parsing, the PoW registry, and Job's header
// against the independent server's own header construction.
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { BadPowError, BadUrlError, Job, parsePoolUrl, registerPow, resolvePow, spreadIntoMask, UnknownPowError, unitCoordinates } from '../../lib/miner';
import { sha256d } from '../util/independent-stratum-server';

describe('miner units', () => {
  it('spreads a counter over the mask bits and splits units without repeats', () => {
    assert.equal(spreadIntoMask(0b101n, 0x1fffe000), (1 << 13) | (1 << 15));
    const seen = new Set<string>();
    for (let i = 0n; i < 600n; i++) {
      const u = unitCoordinates(i, 1, 0x00006000);
      seen.add(`${u.extranonce2.toString('hex')}/${u.versionBits}/${u.ntimeOffset}`);
      assert.equal((u.versionBits ?? 0) & ~0x6000, 0);
    }
    assert.equal(seen.size, 600);
    assert.deepEqual(unitCoordinates(1024n + 5n, 1, 0x6000), { extranonce2: Buffer.from([1]), versionBits: 0x2000, ntimeOffset: 1 });
    assert.deepEqual(unitCoordinates(258n, 2, 0), { extranonce2: Buffer.from([1, 2]), versionBits: undefined, ntimeOffset: 0 });
  });

  it('parses pool URLs', () => {
    assert.deepEqual(parsePoolUrl('stratum+ssl://pool.example:3334', 'u', 'p'), { url: 'stratum+ssl://pool.example:3334', host: 'pool.example', port: 3334, tls: true, user: 'u', password: 'p' });
    assert.equal(parsePoolUrl('127.0.0.1:3333', 'u', 'p').tls, false);
    assert.equal(parsePoolUrl('stratum+tcps://pool.example:3334', 'u', 'p').tls, true, "cpuminer's spelling of TLS");
    assert.equal(parsePoolUrl('stratum+tcp://pool.example:3333', 'u', 'p').tls, false);
    assert.equal(parsePoolUrl('stratum+tcp://[::1]:3333', 'u', 'p').host, '::1');
    assert.throws(() => parsePoolUrl('http://x:1', 'u', 'p'), BadUrlError);
    assert.throws(() => parsePoolUrl('stratum+tcp://x:70000', 'u', 'p'), BadUrlError);
  });

  it('resolves built-in and custom proofs of work, with typed errors', () => {
    assert.equal(resolvePow('scrypt').difficultyFactor, 65536);
    assert.deepEqual(resolvePow('scrypt:2048').native, { algorithm: 'scrypt', scryptN: 2048 });
    assert.throws(() => resolvePow('scrypt:1000'), BadPowError);
    assert.throws(() => resolvePow('nope'), UnknownPowError);
    assert.throws(() => registerPow('sha256d', { hash: (h) => h, difficultyFactor: 1 }), BadPowError);
    registerPow('short', { hash: () => Buffer.alloc(8), difficultyFactor: 1 });
    assert.throws(() => resolvePow('short').hash(Buffer.alloc(80)), BadPowError);
  });

  it('builds the same header as an independent construction', () => {
    const prevHash = crypto.randomBytes(32);
    const coinb1 = crypto.randomBytes(40);
    const coinb2 = crypto.randomBytes(30);
    const branch = [crypto.randomBytes(32), crypto.randomBytes(32)];
    const extranonce1 = Buffer.from('0a0b0c0d', 'hex');
    const job = new Job(
      { jobId: 'x', prevHash, coinb1, coinb2, merkleBranch: branch, version: 0x20000000, bits: 0x1e0ffff0, time: 0x5f000000, cleanJobs: true },
      { pow: resolvePow('sha256d'), extranonce1, extranonce2Size: 4, difficulty: 1, target: 1n, versionMask: 0x1fffe000 },
    );
    const e2 = Buffer.from('00000007', 'hex');
    let root = sha256d(Buffer.concat([coinb1, extranonce1, e2, coinb2]));
    for (const b of branch) root = sha256d(Buffer.concat([root, b]));
    const expected = Buffer.alloc(80);
    expected.writeUInt32LE(0x20000000 | 0x2000, 0);
    prevHash.copy(expected, 4);
    root.copy(expected, 36);
    expected.writeUInt32LE(0x5f000001, 68);
    expected.writeUInt32LE(0x1e0ffff0, 72);
    expected.writeUInt32LE(0xdeadbeef, 76);
    assert.deepEqual(job.header(e2, 0x5f000001, 0xdeadbeef, 0x2000), expected);
    assert.deepEqual(job.submitParams({ jobId: 'x', extranonce2: e2, ntime: 0x5f000001, nonce: 0xdeadbeef, versionBits: 0x2000, header: expected, hash: Buffer.alloc(32), difficulty: 1 }, 'w'), {
      worker: 'w', jobId: 'x', extranonce2: '00000007', ntime: '5f000001', nonce: 'deadbeef', versionBits: '00002000',
    });
  });
});
