// The TypeScript sha256d nonce scan against a brute-force loop over an independent
// SHA-256 (@noble/hashes): random headers, every short range length, the top of the
// nonce space, targets equal to a hash, maxFound, and the Bitcoin genesis nonce.
import assert from 'node:assert/strict';
import { scanSha256d } from '../../lib/hash/js/sha256d-scan';
import { fromHex, loadVectors, randomBytes } from '../util/vectors';

const noble = require('@noble/hashes/sha2.js') as { sha256(data: Uint8Array): Uint8Array };

function meets(hash: Uint8Array, target: Uint8Array): boolean {
  for (let i = 31; i >= 0; i--) if (hash[i] !== target[i]) return hash[i] < target[i];
  return true;
}

function withNonce(header: Uint8Array, nonce: number): Uint8Array {
  const out = Uint8Array.from(header.subarray(0, 80));
  new DataView(out.buffer).setUint32(76, nonce, true);
  return out;
}

function bruteForce(header: Uint8Array, start: number, count: number, target: Uint8Array, maxFound: number): number[] {
  const out: number[] = [];
  const end = Math.min(start + count, 0x100000000);
  for (let nonce = start; nonce < end; nonce++) {
    const digest = noble.sha256(noble.sha256(withNonce(header, nonce)));
    if (meets(digest, target) && out.length < maxFound) out.push(nonce);
  }
  return out;
}

/** A little-endian target a hash meets with probability about 2^-bits. */
function easyTarget(bits: number): Uint8Array {
  const t = new Uint8Array(32).fill(0xff);
  let i = 31;
  for (; bits >= 8; bits -= 8) t[i--] = 0;
  if (bits > 0) t[i] = 0xff >> bits;
  return t;
}

function check(header: Uint8Array, start: number, count: number, target: Uint8Array, what: string): number {
  const expected = bruteForce(header, start, count, target, Infinity);
  const got = scanSha256d(header, start, count, target, 1 << 20);
  assert.deepEqual(got.nonces, expected, what);
  assert.equal(got.hashesDone, Math.min(count, 0x100000000 - start), what);
  return expected.length;
}

describe('sha256d nonce scan (TypeScript)', function () {
  this.timeout(120000);

  it('matches brute force on random headers over 50k nonces', function () {
    let winners = 0;
    for (let seed = 1; seed <= 2; seed++) {
      const start = randomBytes(4, seed).readUInt32LE(0) >>> 1;
      winners += check(randomBytes(80, 900 + seed), start, 50003, easyTarget(13), `seed ${seed}`);
    }
    assert.ok(winners >= 4, `only ${winners} winners: the target is too hard to test anything`);
  });

  it('matches brute force on every short range length and at the top of the nonce space', function () {
    const header = randomBytes(80, 77);
    for (let count = 0; count <= 40; count++) check(header, 1000 + 97 * count, count, easyTarget(2), `count ${count}`);
    for (const count of [1, 3, 9, 5001]) check(header, 0x100000000 - count, count, easyTarget(5), `top ${count}`);
    check(header, 0xffffffff - 9, 100, easyTarget(3), 'range clamped at 2^32');
  });

  it('decides ties on the top word with the full comparison', function () {
    const header = randomBytes(80, 31337);
    const nonce = 0x12345678;
    const digest = Uint8Array.from(noble.sha256(noble.sha256(withNonce(header, nonce))));
    const below = Uint8Array.from(digest);
    for (let i = 0; i < 32; i++) if (below[i]-- !== 0) break;
    assert.deepEqual(scanSha256d(header, nonce, 1, digest, 10).nonces, [nonce]);
    assert.deepEqual(scanSha256d(header, nonce, 1, below, 10).nonces, []);
    check(header, nonce - 20, 41, digest, 'target == hash');
    check(header, nonce - 20, 41, below, 'target == hash - 1');
  });

  it('keeps at most maxFound nonces but hashes the whole range', function () {
    const header = randomBytes(80, 5);
    const everything = new Uint8Array(32).fill(0xff);
    assert.deepEqual(scanSha256d(header, 100, 1000, everything, 7), { nonces: [100, 101, 102, 103, 104, 105, 106], hashesDone: 1000 });
    assert.deepEqual(scanSha256d(header, 0, 50, everything, 0), { nonces: [], hashesDone: 50 });
    assert.deepEqual(scanSha256d(header, 0, 0, everything, 10), { nonces: [], hashesDone: 0 });
  });

  it('finds the Bitcoin genesis nonce from bits 0x1d00ffff', function () {
    const vector = loadVectors('sha256d.json').find((v) => v.name === 'btc_mainnet_genesis_header_sha256d');
    assert.ok(vector);
    const header = fromHex(vector.input_hex);
    const target = new Uint8Array(32);
    target[26] = 0xff;
    target[27] = 0xff;
    const genesis = 2083236893;
    assert.deepEqual(scanSha256d(header, genesis - 1000, 2000, target, 10), { nonces: [genesis], hashesDone: 2000 });
  });

  it('rejects malformed arguments', function () {
    const target = new Uint8Array(32);
    assert.throws(() => scanSha256d(new Uint8Array(79), 0, 1, target, 1), RangeError);
    assert.throws(() => scanSha256d(new Uint8Array(80), 0, 1, new Uint8Array(31), 1), RangeError);
    assert.throws(() => scanSha256d(new Uint8Array(80), -1, 1, target, 1), RangeError);
    assert.throws(() => scanSha256d(new Uint8Array(80), 2 ** 32, 1, target, 1), RangeError);
    assert.throws(() => scanSha256d(new Uint8Array(80), 0, 1.5, target, 1), RangeError);
  });
});
