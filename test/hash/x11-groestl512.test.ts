// The TypeScript groestl512 against the X11 vectors and, on pseudo-random inputs of many
// lengths (every padding edge), against an independent npm implementation.
import { groestl512 } from '../../lib/hash/js/x11/groestl512';
import * as stage from '../util/x11-stage-checks';

const dashevo = require('@dashevo/x11-hash-js/lib/groestl') as stage.DashevoStage;

const LENGTHS = stage.oracleLengths(stage.LONG_LENGTHS);

describe('x11 groestl512 (TypeScript)', function () {
  it('matches the groestl512 vectors in x11.json', function () {
    stage.checkVectors(groestl512, 'groestl512');
  });

  it('matches @dashevo/x11-hash-js groestl on random inputs of many lengths', function () {
    stage.checkAgainstOracle(groestl512, stage.dashevoOracle(dashevo), LENGTHS, 5000);
  });

  it('accepts a Uint8Array view at an offset and leaves the input untouched', function () {
    stage.checkViewAtOffset(groestl512, { backingLength: 200, seed: 99, offset: 3, length: 150 });
  });
});
