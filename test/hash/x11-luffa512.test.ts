// The TypeScript luffa512 against the X11 vectors and, on pseudo-random inputs of many
// lengths (every padding edge), against @dashevo/x11-hash-js.
import assert from 'node:assert/strict';
import { luffa512 } from '../../lib/hash/js/x11/luffa512';
import { fromHex, hex, loadVectors, randomBytes } from '../util/vectors';

// @dashevo/x11-hash-js stage functions: (input, 1 = byte array, 1 = byte array output).
type DashevoStage = (input: number[] | Uint8Array, inputFormat: number, outputFormat: number) => number[];
const dashevo = require('@dashevo/x11-hash-js/lib/luffa') as DashevoStage;

const LENGTHS: number[] = [];
for (let len = 0; len <= 300; len++) LENGTHS.push(len);
for (let len = 1000; len <= 1100; len += 3) LENGTHS.push(len);
LENGTHS.push(2047, 2048, 2049, 4095, 4096, 5001);

describe('x11 luffa512 (TypeScript)', function () {
  it('matches the luffa512 vectors in x11.json', function () {
    const vectors = loadVectors('x11.json').filter((v) => v.name === 'luffa512_empty' || v.name.endsWith('_luffa512'));
    assert.equal(vectors.length, 2);
    for (const v of vectors) assert.equal(hex(luffa512(fromHex(v.input_hex))), v.expected_hex, v.name);
  });

  it('matches @dashevo/x11-hash-js on random inputs of many lengths', function () {
    for (const len of LENGTHS) {
      const data = randomBytes(len, 9100 + len);
      assert.equal(hex(luffa512(data)), hex(Uint8Array.from(dashevo(Array.from(data), 1, 1))), `length ${len}`);
    }
  });

  it('accepts a Uint8Array view at an offset, leaves the input untouched, and repeats', function () {
    const backing = randomBytes(400, 77);
    const view = new Uint8Array(backing.buffer, backing.byteOffset + 5, 333);
    const copy = Buffer.from(view);
    const digest = luffa512(view);
    assert.equal(digest.length, 64);
    assert.equal(hex(digest), hex(luffa512(copy)));
    assert.equal(hex(view), hex(copy));
    // Module scratch buffers are reused between calls: a short input after a long one.
    const short = randomBytes(3, 1);
    const first = hex(luffa512(short));
    luffa512(randomBytes(1000, 2));
    assert.equal(hex(luffa512(short)), first);
  });
});
