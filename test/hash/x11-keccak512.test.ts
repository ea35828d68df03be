// The TypeScript keccak512 against the X11 vectors and, on pseudo-random inputs of many
// lengths (every block and padding edge), against independent npm implementations.
import assert from 'node:assert/strict';
import { keccak512 } from '../../lib/hash/js/x11/keccak512';
import { fromHex, hex, loadVectors, randomBytes } from '../util/vectors';

// @dashevo/x11-hash-js stage functions: (input, 1 = byte array, 1 = byte array output).
type DashevoStage = (input: number[] | Uint8Array, inputFormat: number, outputFormat: number) => number[];
const dashevo = require('@dashevo/x11-hash-js') as { keccak: DashevoStage };
const noble = require('@noble/hashes/sha3.js') as { keccak_512(data: Uint8Array): Uint8Array };

const LENGTHS: number[] = [];
for (let len = 0; len <= 300; len++) LENGTHS.push(len);
for (let len = 1000; len <= 1100; len += 3) LENGTHS.push(len);
LENGTHS.push(2047, 2048, 2049, 4095, 4096, 5001);

describe('x11 keccak512 (TypeScript)', function () {
  it('matches the keccak512 vectors in x11.json', function () {
    const vectors = loadVectors('x11.json').filter((v) => v.name === 'keccak512_empty' || v.name.endsWith('_keccak512'));
    assert.equal(vectors.length, 2);
    for (const v of vectors) assert.equal(hex(keccak512(fromHex(v.input_hex))), v.expected_hex, v.name);
  });

  it('matches @dashevo/x11-hash-js keccak on random inputs of many lengths', function () {
    for (const len of LENGTHS) {
      const data = randomBytes(len, 5000 + len);
      assert.equal(hex(keccak512(data)), hex(Uint8Array.from(dashevo.keccak(Array.from(data), 1, 1))), `length ${len}`);
    }
  });

  it('matches @noble/hashes keccak_512 (original Keccak padding) on the same lengths', function () {
    for (const len of LENGTHS) {
      const data = randomBytes(len, 9000 + len);
      assert.equal(hex(keccak512(data)), hex(Uint8Array.from(noble.keccak_512(data))), `length ${len}`);
    }
  });

  it('accepts a Uint8Array view at an offset, leaves the input untouched, returns fresh buffers', function () {
    const backing = randomBytes(200, 99);
    const view = new Uint8Array(backing.buffer, backing.byteOffset + 3, 150);
    const copy = Buffer.from(view);
    const digest = keccak512(view);
    assert.equal(digest.length, 64);
    assert.equal(hex(digest), hex(keccak512(copy)));
    assert.equal(hex(view), hex(copy));
    const again = keccak512(new Uint8Array(0));
    assert.notEqual(again, keccak512(new Uint8Array(0)));
    assert.equal(hex(digest), hex(keccak512(copy)));
  });
});
