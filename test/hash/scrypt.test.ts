// The TypeScript scrypt and PBKDF2-HMAC-SHA256 against Node's OpenSSL-backed crypto on
// pseudo-random inputs and parameters, plus the scrypt-N conventions.
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { hmacSha256, pbkdf2Sha256 } from '../../lib/hash/js/pbkdf2';
import {
  nFromPoolNFactor,
  nFromVertcoinNFactor,
  scrypt,
  scryptBlockMix,
  scryptPow,
  scryptRoMix,
  vertcoinNFactorAt,
} from '../../lib/hash/js/scrypt';
import { hex, randomBytes } from '../util/vectors';

describe('scrypt and PBKDF2 (TypeScript)', function () {
  it('HMAC-SHA256 matches node:crypto for message lengths 0..300 and keys up to 200 bytes', function () {
    for (let len = 0; len <= 300; len++) {
      const key = randomBytes((len * 7) % 201, len);
      const msg = randomBytes(len, len + 1000);
      assert.equal(hex(hmacSha256(key, msg)), crypto.createHmac('sha256', key).update(msg).digest('hex'), `len ${len}`);
    }
  });

  it('PBKDF2-HMAC-SHA256 matches node:crypto (salt lengths 0..200, odd dkLen, several iterations)', function () {
    for (let i = 0; i <= 200; i++) {
      const password = randomBytes(i % 97, i);
      const salt = randomBytes(i, i + 500);
      const iterations = 1 + (i % 7) * 3;
      const dkLen = (i * 13) % 131;
      assert.equal(
        hex(pbkdf2Sha256(password, salt, iterations, dkLen)),
        crypto.pbkdf2Sync(password, salt, iterations, dkLen, 'sha256').toString('hex'),
        `case ${i}`,
      );
    }
  });

  it('scrypt matches crypto.scryptSync on random N, r, p, dkLen', function () {
    for (let i = 0; i < 120; i++) {
      const N = 2 ** (1 + (i % 9));
      const r = 1 + (i % 4);
      const p = 1 + ((i >> 2) % 3);
      const dkLen = 1 + ((i * 17) % 100);
      const password = randomBytes(i % 130, 7 * i);
      const salt = randomBytes((i * 3) % 200, 7 * i + 1);
      assert.equal(
        hex(scrypt(password, salt, N, r, p, dkLen)),
        crypto.scryptSync(password, salt, dkLen, { N, r, p }).toString('hex'),
        `N=${N} r=${r} p=${p} dkLen=${dkLen}`,
      );
    }
  });

  it('scryptPow equals scrypt(P = S = data, N, 1, 1, 32) for inputs of many lengths and N', function () {
    const lengths = [0, 1, 3, 55, 56, 63, 64, 65, 80, 111, 112, 127, 128, 129, 1000];
    for (const len of lengths) {
      for (const N of [2, 1024, 2048]) {
        const data = randomBytes(len, len * 31 + N);
        assert.equal(
          hex(scryptPow(data, N)),
          crypto.scryptSync(data, data, 32, { N, r: 1, p: 1 }).toString('hex'),
          `len ${len} N ${N}`,
        );
      }
    }
  });

  it('ROMix and BlockMix compose into scrypt for r = 1..3', function () {
    for (const r of [1, 2, 3]) {
      const password = randomBytes(20, r);
      const b = pbkdf2Sha256(password, password, 1, 128 * r);
      const mixed = scryptRoMix(b, 8, r);
      assert.equal(
        hex(pbkdf2Sha256(password, mixed, 1, 32)),
        crypto.scryptSync(password, password, 32, { N: 8, r, p: 1 }).toString('hex'),
      );
      assert.equal(scryptBlockMix(b, r).length, 128 * r);
    }
  });

  it('rejects invalid parameters with RangeError', function () {
    const one = new Uint8Array(1);
    const bad: Array<[number, number, number, number]> = [
      [0, 1, 1, 32], [1, 1, 1, 32], [3, 1, 1, 32], [1000, 1, 1, 32], [16.5, 1, 1, 32],
      [16, 0, 1, 32], [16, 1, 0, 32], [16, 1.5, 1, 32], [16, 1, 1, -1], [16, 1, 1, 1.5],
      [2 ** 25, 1, 1, 32], [16, 2 ** 15, 2 ** 15, 32],
    ];
    for (const [N, r, p, dkLen] of bad) {
      assert.throws(() => scrypt(one, one, N, r, p, dkLen), RangeError, `N=${N} r=${r} p=${p} dkLen=${dkLen}`);
    }
    assert.throws(() => scryptPow(one, 1000), RangeError);
    assert.throws(() => scryptBlockMix(new Uint8Array(100), 1), RangeError);
  });

  it('scrypt-N conventions: Vertcoin Nfactor, pool nFactor and the Vertcoin schedule', function () {
    assert.equal(nFromVertcoinNFactor(10), 2048);
    assert.equal(nFromPoolNFactor(10), 1024);
    assert.equal(nFromPoolNFactor(11), nFromVertcoinNFactor(10));
    assert.equal(nFromVertcoinNFactor(63), 0);
    assert.equal(vertcoinNFactorAt(0), 10);
    assert.equal(vertcoinNFactorAt(1389306217), 10);
    assert.equal(vertcoinNFactorAt(1456415080), 10);
    assert.equal(vertcoinNFactorAt(1456415081), 11);
    // node-stratum-pool's published scrypt-n time table: N at each transition time.
    const table: Array<[number, number]> = [
      [1506746729, 8192], [1557078377, 16384], [1657741673, 32768], [1859068265, 65536], [2060394857, 131072],
    ];
    for (const [time, N] of table) {
      assert.equal(nFromVertcoinNFactor(vertcoinNFactorAt(time)), N, `t=${time}`);
      assert.equal(nFromVertcoinNFactor(vertcoinNFactorAt(time - 1)), N / 2, `t=${time - 1}`);
    }
    let previous = 10;
    for (let t = 1389306217; t < 2 ** 40; t += 7777777777) {
      const f = vertcoinNFactorAt(t);
      assert.ok(f >= previous && f <= 30);
      previous = f;
    }
    assert.equal(vertcoinNFactorAt(2 ** 52), 30);
  });
});
