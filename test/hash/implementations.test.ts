// Every native implementation this CPU supports (SHA-NI, AVX2, AES-NI, ...) against the
// portable one, on random headers and on scans. Skipped on the JS backend.
import assert from 'node:assert/strict';
import { POW_ALGORITHMS, hash, type PowSpec } from '../../lib/hash';
import { randomBytes } from '../util/vectors';

describe('native implementations agree with portable', function () {
  this.timeout(120_000);
  before(function () {
    if (hash.kind !== 'native') this.skip();
  });
  afterEach(function () {
    for (const algorithm of POW_ALGORITHMS) hash.useImplementation(algorithm, 'best');
  });

  for (const algorithm of POW_ALGORITHMS) {
    const specs: PowSpec[] = algorithm === 'scrypt' ? [{ algorithm, scryptN: 1024 }, { algorithm, scryptN: 2 }, { algorithm, scryptN: 4096 }] : [{ algorithm }];
    it(`${algorithm}: each supported implementation matches portable`, async function () {
      const all = hash.implementations(algorithm);
      const portable = all[all.length - 1].name;
      assert.match(portable, /portable/);
      const headers = Array.from({ length: 37 }, (_, i) => randomBytes(80, 1000 + i));
      for (const pow of specs) {
        hash.useImplementation(algorithm, portable);
        const reference = headers.map((h) => hash.powHash(pow, h).toString('hex'));
        const easy = (1n << 253n) - 1n;
        const scanRef = await hash.scan({ pow, header: headers[0], nonceStart: 0xfffffe00 - 13, nonceCount: 300, target: easy });
        for (const impl of all.filter((i) => i.supported)) {
          hash.useImplementation(algorithm, impl.name);
          assert.equal(hash.implementation(algorithm), impl.name);
          assert.deepEqual(headers.map((h) => hash.powHash(pow, h).toString('hex')), reference, `${impl.name} N=${pow.scryptN}`);
          const scan = await hash.scan({ pow, header: headers[0], nonceStart: 0xfffffe00 - 13, nonceCount: 300, target: easy });
          assert.deepEqual(scan.nonces, scanRef.nonces, `${impl.name} scan`);
        }
      }
    });
  }

  it('lists the selected implementation and refuses unsupported ones', function () {
    for (const algorithm of POW_ALGORITHMS) {
      const all = hash.implementations(algorithm);
      assert.equal(all.filter((i) => i.selected).length, 1);
      for (const impl of all.filter((i) => !i.supported)) {
        assert.throws(() => hash.useImplementation(algorithm, impl.name), /not supported|not compiled|self-test/);
      }
    }
  });
});
