// The TypeScript luffa512 against the X11 vectors and, on pseudo-random inputs of many
// lengths (every padding edge), against @dashevo/x11-hash-js.
import { luffa512 } from '../../lib/hash/js/x11/luffa512';
import * as stage from '../util/x11-stage-checks';

const dashevo = require('@dashevo/x11-hash-js/lib/luffa') as stage.DashevoStage;

const LENGTHS = stage.oracleLengths(stage.LONG_LENGTHS);

describe('x11 luffa512 (TypeScript)', function () {
  it('matches the luffa512 vectors in x11.json', function () {
    stage.checkVectors(luffa512, 'luffa512');
  });

  it('matches @dashevo/x11-hash-js on random inputs of many lengths', function () {
    stage.checkAgainstOracle(luffa512, stage.dashevoOracle(dashevo), LENGTHS, 9100);
  });

  it('accepts a Uint8Array view at an offset, leaves the input untouched, and repeats', function () {
    stage.checkViewAtOffset(luffa512, { backingLength: 400, seed: 77, offset: 5, length: 333 });
    stage.checkRepeatsAfterLongInput(luffa512);
  });
});
