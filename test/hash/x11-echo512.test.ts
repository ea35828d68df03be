// The TypeScript echo512 against the X11 vectors and, on pseudo-random inputs of many
// lengths (every padding edge), against an independent npm implementation.
import { echo512 } from '../../lib/hash/js/x11/echo512';
import * as stage from '../util/x11-stage-checks';

const dashevo = require('@dashevo/x11-hash-js/lib/echo') as stage.DashevoStage;

// 0..300 covers one- and two-block padding (the length field needs 18 bytes).
const LENGTHS = stage.oracleLengths([...stage.LONG_LENGTHS, 8192, 20000]);

describe('x11 echo512 (TypeScript)', function () {
  it('matches the echo512 vectors in x11.json', function () {
    stage.checkVectors(echo512, 'echo512');
  });

  it('matches @dashevo/x11-hash-js echo on random inputs of many lengths', function () {
    stage.checkAgainstOracle(echo512, stage.dashevoOracle(dashevo), LENGTHS, 9000);
  });

  it('accepts a Uint8Array view at an offset and leaves the input untouched', function () {
    stage.checkViewAtOffset(echo512, { backingLength: 300, seed: 97, offset: 7, length: 250 });
  });
});
