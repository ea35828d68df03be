// The TypeScript bmw512 against the X11 vectors and, on pseudo-random inputs of many
// lengths (every padding edge), against an independent npm implementation.
import { bmw512 } from '../../lib/hash/js/x11/bmw512';
import * as stage from '../util/x11-stage-checks';

const dashevo = require('@dashevo/x11-hash-js/lib/bmw') as stage.DashevoStage;

const LENGTHS = stage.oracleLengths(stage.LONG_LENGTHS);

describe('x11 bmw512 (TypeScript)', function () {
  it('matches the bmw512 vectors in x11.json', function () {
    stage.checkVectors(bmw512, 'bmw512');
  });

  it('matches @dashevo/x11-hash-js bmw on random inputs of many lengths', function () {
    stage.checkAgainstOracle(bmw512, stage.dashevoOracle(dashevo), LENGTHS, 5000);
  });

  it('accepts a Uint8Array view at an offset and leaves the input untouched', function () {
    stage.checkViewAtOffset(bmw512, { backingLength: 200, seed: 99, offset: 3, length: 150 });
  });
});
