// The HashBackend contract beyond the vectors, on the backend HASHPOOL_BACKEND picks:
// scans find the real genesis nonces, cancel, keep the event loop free; batch
// validation; typed errors for bad arguments.
import assert from 'node:assert/strict';
import {
  CancelledError,
  InvalidArgumentError,
  TargetError,
  UnknownBackendError,
  bytesLEToTarget,
  hash,
  type PowSpec,
} from '../../lib/hash';
import { fromHex, loadVectors, randomBytes } from '../util/vectors';

const backend = hash;

interface Genesis {
  name: string;
  pow: PowSpec;
  header: Buffer;
  nonce: number;
  bits: number;
}

function genesisBlocks(): Genesis[] {
  const find = (file: string, name: string): Buffer => fromHex(loadVectors(file).find((v) => v.name === name)!.input_hex);
  const make = (name: string, pow: PowSpec, header: Buffer): Genesis => ({
    name,
    pow,
    header,
    nonce: header.readUInt32LE(76),
    bits: header.readUInt32LE(72),
  });
  return [
    make('bitcoin', { algorithm: 'sha256d' }, find('sha256d.json', 'btc_mainnet_genesis_header_sha256d')),
    make('litecoin', { algorithm: 'scrypt' }, find('scrypt.json', 'ltc_mainnet_genesis_scrypt_pow')),
    make('dash', { algorithm: 'x11' }, find('x11.json', 'dash_mainnet_genesis_x11')),
  ];
}

describe(`HashBackend contract (${backend.kind})`, function () {
  this.timeout(60_000);

  for (const g of genesisBlocks()) {
    it(`scan finds the ${g.name} genesis nonce and nothing else near it`, async function () {
      const span = g.pow.algorithm === 'sha256d' ? 5000 : 200;
      const result = await backend.scan({
        pow: g.pow,
        header: g.header,
        nonceStart: g.nonce - span / 2,
        nonceCount: span + 1,
        target: backend.bitsToTarget(g.bits),
      });
      assert.deepEqual(result.nonces, [g.nonce]);
      assert.equal(result.hashesDone, span + 1);
      assert.equal(result.cancelled, false);
    });
  }

  it('scan reports every winner up to maxFound, in order, with an easy target', async function () {
    const header = randomBytes(80, 7);
    const target = (1n << 252n) - 1n; // about 1 in 16 hashes wins
    const result = await backend.scan({ pow: { algorithm: 'sha256d' }, header, nonceStart: 0xffffff00, nonceCount: 256, target });
    const expected: number[] = [];
    const work = Buffer.from(header);
    for (let n = 0xffffff00; n <= 0xffffffff; n++) {
      work.writeUInt32LE(n, 76);
      if (bytesLEToTarget(backend.sha256d(work)) <= target) expected.push(n);
    }
    assert.deepEqual(result.nonces, expected);
    const capped = await backend.scan({ pow: { algorithm: 'sha256d' }, header, nonceStart: 0xffffff00, nonceCount: 256, target, maxFound: 3 });
    assert.deepEqual(capped.nonces, expected.slice(0, 3));
    assert.equal(capped.hashesDone, 256);
  });

  it('an aborted scan stops early and says so', async function () {
    const controller = new AbortController();
    const pending = backend.scan({
      pow: { algorithm: 'scrypt' },
      header: randomBytes(80, 3),
      nonceStart: 0,
      nonceCount: 1_000_000,
      target: 0n,
      signal: controller.signal,
    });
    setTimeout(() => controller.abort(), 100);
    const result = await pending;
    assert.equal(result.cancelled, true);
    assert.ok(result.hashesDone < 1_000_000);
  });

  it('a scan does not block the event loop', async function () {
    let ticks = 0;
    const timer = setInterval(() => ticks++, 5);
    const started = Date.now();
    await backend.scan({ pow: { algorithm: 'scrypt' }, header: randomBytes(80, 4), nonceStart: 0, nonceCount: 300, target: 0n });
    clearInterval(timer);
    const elapsed = Date.now() - started;
    // A blocked loop would tick ~0 times; a free one about elapsed/5 times.
    assert.ok(ticks >= Math.floor(elapsed / 20), `only ${ticks} timer ticks in ${elapsed} ms`);
  });

  it('validateHeaders hashes a batch and judges each header against its own target', async function () {
    for (const pow of [{ algorithm: 'sha256d' }, { algorithm: 'scrypt' }, { algorithm: 'x11' }] as PowSpec[]) {
      const headers = Array.from({ length: 70 }, (_, i) => randomBytes(80, 100 + i));
      const hashes = headers.map((h) => backend.powHash(pow, h));
      // Each target sits exactly at, or one below, its header's hash.
      const targets = hashes.map((h, i) => bytesLEToTarget(h) - BigInt(i % 2));
      const result = await backend.validateHeaders(pow, headers, targets);
      assert.deepEqual(result.hashes.map((h) => h.toString('hex')), hashes.map((h) => h.toString('hex')));
      assert.deepEqual(result.valid, targets.map((_, i) => i % 2 === 0));
    }
  });

  it('an aborted validation rejects with CancelledError', async function () {
    const controller = new AbortController();
    controller.abort();
    const headers = Array.from({ length: 200 }, (_, i) => randomBytes(80, i));
    await assert.rejects(
      backend.validateHeaders({ algorithm: 'scrypt' }, headers, headers.map(() => 0n), controller.signal),
      CancelledError,
    );
  });

  it('streaming SHA-256 equals the one-shot digest at any split', function () {
    const data = randomBytes(1000, 9);
    for (const cut of [0, 1, 55, 64, 65, 999, 1000]) {
      const stream = backend.createSha256().update(data.subarray(0, cut)).update(data.subarray(cut));
      assert.deepEqual(stream.digest(), backend.sha256(data));
    }
  });

  it('bad arguments throw typed errors', async function () {
    assert.throws(() => backend.powHash({ algorithm: 'sha256d' }, Buffer.alloc(79)), InvalidArgumentError);
    assert.throws(() => backend.powHash({ algorithm: 'md5' as 'x11' }, Buffer.alloc(80)), InvalidArgumentError);
    assert.throws(() => backend.powHash({ algorithm: 'scrypt', scryptN: 1000 }, Buffer.alloc(80)), InvalidArgumentError);
    assert.throws(() => backend.scrypt(Buffer.alloc(1), Buffer.alloc(1), 1000, 1, 1, 32), InvalidArgumentError);
    assert.throws(() => backend.scryptPow(Buffer.alloc(80), 3), InvalidArgumentError);
    assert.throws(() => backend.bitsToTarget(0x04923456), TargetError);
    assert.throws(() => backend.bitsToTarget(0xff123456), TargetError);
    assert.throws(() => backend.difficultyToTarget(0, 1), TargetError);
    assert.throws(() => backend.useImplementation('x11', 'no-such-backend'), UnknownBackendError);
    await assert.rejects(
      backend.scan({ pow: { algorithm: 'sha256d' }, header: Buffer.alloc(80), nonceStart: 0xffffffff, nonceCount: 2, target: 0n }),
      InvalidArgumentError,
    );
  });

  it('difficulty and target round-trip through the standard factors', function () {
    for (const [difficulty, factor] of [[1, 1], [1024, 1], [0.5, 65536], [16, 65536], [123456.789, 1]] as const) {
      const target = backend.difficultyToTarget(difficulty, factor);
      assert.ok(Math.abs(backend.targetToDifficulty(target, factor) / difficulty - 1) < 1e-9);
    }
  });
});
