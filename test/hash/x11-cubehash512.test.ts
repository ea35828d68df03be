// The TypeScript cubehash512 against the X11 vectors and, on pseudo-random inputs of many
// lengths (every padding edge), against @dashevo/x11-hash-js.
import { cubehash512 } from '../../lib/hash/js/x11/cubehash512';
import * as stage from '../util/x11-stage-checks';

const dashevo = require('@dashevo/x11-hash-js/lib/cubehash') as stage.DashevoStage;

const LENGTHS = stage.oracleLengths(stage.LONG_LENGTHS);

describe('x11 cubehash512 (TypeScript)', function () {
  it('matches the cubehash512 vectors in x11.json', function () {
    stage.checkVectors(cubehash512, 'cubehash512');
  });

  it('matches @dashevo/x11-hash-js on random inputs of many lengths', function () {
    stage.checkAgainstOracle(cubehash512, stage.dashevoOracle(dashevo), LENGTHS, 9100);
  });

  it('accepts a Uint8Array view at an offset, leaves the input untouched, and repeats', function () {
    stage.checkViewAtOffset(cubehash512, { backingLength: 400, seed: 77, offset: 5, length: 333 });
    stage.checkRepeatsAfterLongInput(cubehash512);
  });
});
