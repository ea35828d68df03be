// The TypeScript echo512 against the X11 vectors and, on pseudo-random inputs of many
// lengths (every padding edge), against an independent npm implementation.
import assert from 'node:assert/strict';
import { echo512 } from '../../lib/hash/js/x11/echo512';
import { fromHex, hex, loadVectors, randomBytes } from '../util/vectors';

// @dashevo/x11-hash-js stage functions: (input, 1 = byte array, 1 = byte array output).
type DashevoStage = (input: number[] | Uint8Array, inputFormat: number, outputFormat: number) => number[];
const dashevo = require('@dashevo/x11-hash-js/lib/echo') as DashevoStage;
const oracle = (data: Uint8Array): number[] => dashevo(Array.from(data), 1, 1);

// 0..300 covers one- and two-block padding (the length field needs 18 bytes).
const LENGTHS: number[] = [];
for (let len = 0; len <= 300; len++) LENGTHS.push(len);
for (let len = 1000; len <= 1100; len += 3) LENGTHS.push(len);
LENGTHS.push(2047, 2048, 2049, 4095, 4096, 5001, 8192, 20000);

describe('x11 echo512 (TypeScript)', function () {
  it('matches the echo512 vectors in x11.json', function () {
    const vectors = loadVectors('x11.json').filter((v) => v.name === 'echo512_empty' || v.name.endsWith('_echo512'));
    assert.equal(vectors.length, 2);
    for (const v of vectors) assert.equal(hex(echo512(fromHex(v.input_hex))), v.expected_hex, v.name);
  });

  it('matches @dashevo/x11-hash-js echo on random inputs of many lengths', function () {
    for (const len of LENGTHS) {
      const data = randomBytes(len, 9000 + len);
      assert.equal(hex(echo512(data)), hex(Uint8Array.from(oracle(data))), `length ${len}`);
    }
  });

  it('accepts a Uint8Array view at an offset and leaves the input untouched', function () {
    const backing = randomBytes(300, 97);
    const view = new Uint8Array(backing.buffer, backing.byteOffset + 7, 250);
    const copy = Buffer.from(view);
    const digest = echo512(view);
    assert.equal(digest.length, 64);
    assert.equal(hex(digest), hex(echo512(copy)));
    assert.equal(hex(view), hex(copy));
  });
});
