// The TypeScript simd512 against the X11 vectors and, on pseudo-random inputs of many
// lengths (every padding edge), against an independent npm implementation.
import assert from 'node:assert/strict';
import { simd512 } from '../../lib/hash/js/x11/simd512';
import * as stage from '../util/x11-stage-checks';
import { hex } from '../util/vectors';

const dashevo = require('@dashevo/x11-hash-js/lib/simd') as stage.DashevoStage;

// The oracle writes bytes 2, 3, 6 and 7 of the 64-bit length field with the wrong
// shift, so it is only right below 2^16 bits (8192 bytes).
const LENGTHS = stage.oracleLengths([...stage.LONG_LENGTHS, 8191]);

function rampInput(length: number): Buffer {
  const data = Buffer.alloc(length);
  for (let i = 0; i < length; i++) data[i] = (i * 7 + 3) & 0xff;
  return data;
}

describe('x11 simd512 (TypeScript)', function () {
  it('matches the simd512 vectors in x11.json', function () {
    stage.checkVectors(simd512, 'simd512');
  });

  it('matches @dashevo/x11-hash-js simd on random inputs of many lengths', function () {
    stage.checkAgainstOracle(simd512, stage.dashevoOracle(dashevo), LENGTHS, 7000);
  });

  it('encodes bit counts of 2^16 and more (where the oracle is wrong)', function () {
    // From the oracle with its length-field shifts corrected; the native simd512 agrees.
    const known: [number, string][] = [
      [8192, '25adec53748ea3965683e28175555cb2a4f4c9162e150edabfd7c5933d610229a2dac76e013d35578f1d182b89289a87a3ef4924fc5c96c77f80f2e860840c92'],
      [70000, '2f5818f4814ce7941959752aac9cb382bd3e40141eff713bfeac0f4790c4750ba41cb9e076a3634ce8bc589c6d79a9d2065054001cf8c51742c6c329cd31ed6d'],
    ];
    for (const [len, expected] of known) assert.equal(hex(simd512(rampInput(len))), expected, `length ${len}`);
  });

  it('accepts a Uint8Array view at an offset and leaves the input untouched', function () {
    stage.checkViewAtOffset(simd512, { backingLength: 300, seed: 98, offset: 5, length: 250 });
  });
});
