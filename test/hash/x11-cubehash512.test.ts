// The TypeScript cubehash512 against the X11 vectors and, on pseudo-random inputs of many
// lengths (every padding edge), against @dashevo/x11-hash-js.
import assert from 'node:assert/strict';
import { cubehash512 } from '../../lib/hash/js/x11/cubehash512';
import { fromHex, hex, loadVectors, randomBytes } from '../util/vectors';

// @dashevo/x11-hash-js stage functions: (input, 1 = byte array, 1 = byte array output).
type DashevoStage = (input: number[] | Uint8Array, inputFormat: number, outputFormat: number) => number[];
const dashevo = require('@dashevo/x11-hash-js/lib/cubehash') as DashevoStage;

const LENGTHS: number[] = [];
for (let len = 0; len <= 300; len++) LENGTHS.push(len);
for (let len = 1000; len <= 1100; len += 3) LENGTHS.push(len);
LENGTHS.push(2047, 2048, 2049, 4095, 4096, 5001);

describe('x11 cubehash512 (TypeScript)', function () {
  it('matches the cubehash512 vectors in x11.json', function () {
    const vectors = loadVectors('x11.json').filter((v) => v.name === 'cubehash512_empty' || v.name.endsWith('_cubehash512'));
    assert.equal(vectors.length, 2);
    for (const v of vectors) assert.equal(hex(cubehash512(fromHex(v.input_hex))), v.expected_hex, v.name);
  });

  it('matches @dashevo/x11-hash-js on random inputs of many lengths', function () {
    for (const len of LENGTHS) {
      const data = randomBytes(len, 9100 + len);
      assert.equal(hex(cubehash512(data)), hex(Uint8Array.from(dashevo(Array.from(data), 1, 1))), `length ${len}`);
    }
  });

  it('accepts a Uint8Array view at an offset, leaves the input untouched, and repeats', function () {
    const backing = randomBytes(400, 77);
    const view = new Uint8Array(backing.buffer, backing.byteOffset + 5, 333);
    const copy = Buffer.from(view);
    const digest = cubehash512(view);
    assert.equal(digest.length, 64);
    assert.equal(hex(digest), hex(cubehash512(copy)));
    assert.equal(hex(view), hex(copy));
    // Module scratch buffers are reused between calls: a short input after a long one.
    const short = randomBytes(3, 1);
    const first = hex(cubehash512(short));
    cubehash512(randomBytes(1000, 2));
    assert.equal(hex(cubehash512(short)), first);
  });
});
