// The TypeScript blake512 against the X11 vectors and, on pseudo-random inputs of many
// lengths (every padding edge), against an independent npm implementation.
import assert from 'node:assert/strict';
import { blake512 } from '../../lib/hash/js/x11/blake512';
import { fromHex, hex, loadVectors, randomBytes } from '../util/vectors';

// @dashevo/x11-hash-js stage functions: (input, 1 = byte array, 1 = byte array output).
type DashevoStage = (input: number[] | Uint8Array, inputFormat: number, outputFormat: number) => number[];
// @dashevo/x11-hash-js's blake throws for lengths 112..127 mod 128, so @noble/hashes is the
// oracle here; the dashevo one is still compared wherever it works.
const noble = require('@noble/hashes/blake1.js') as { blake512(data: Uint8Array): Uint8Array };
const dashevo = require('@dashevo/x11-hash-js/lib/blake') as DashevoStage;
const oracle = (data: Uint8Array): Uint8Array => noble.blake512(data);

const LENGTHS: number[] = [];
for (let len = 0; len <= 300; len++) LENGTHS.push(len);
for (let len = 1000; len <= 1100; len += 3) LENGTHS.push(len);
LENGTHS.push(2047, 2048, 2049, 4095, 4096, 5001);

describe('x11 blake512 (TypeScript)', function () {
  it('matches the blake512 vectors in x11.json', function () {
    const vectors = loadVectors('x11.json').filter((v) => v.name === 'blake512_empty' || v.name.endsWith('_blake512'));
    assert.equal(vectors.length, 2);
    for (const v of vectors) assert.equal(hex(blake512(fromHex(v.input_hex))), v.expected_hex, v.name);
  });

  it('matches @noble/hashes blake512 on random inputs of many lengths', function () {
    for (const len of LENGTHS) {
      const data = randomBytes(len, 5000 + len);
      assert.equal(hex(blake512(data)), hex(Uint8Array.from(oracle(data))), `length ${len}`);
    }
  });

  it('agrees with @dashevo/x11-hash-js where that one works', function () {
    for (let len = 0; len <= 300; len++) {
      if (len % 128 >= 112) continue;
      const data = randomBytes(len, 7000 + len);
      assert.equal(hex(blake512(data)), hex(Uint8Array.from(dashevo(Array.from(data), 1, 1))), `length ${len}`);
    }
  });

  it('accepts a Uint8Array view at an offset and leaves the input untouched', function () {
    const backing = randomBytes(200, 99);
    const view = new Uint8Array(backing.buffer, backing.byteOffset + 3, 150);
    const copy = Buffer.from(view);
    const digest = blake512(view);
    assert.equal(digest.length, 64);
    assert.equal(hex(digest), hex(blake512(copy)));
    assert.equal(hex(view), hex(copy));
  });
});
