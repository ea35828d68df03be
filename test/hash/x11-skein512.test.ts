// The TypeScript skein512 against the X11 vectors and, on pseudo-random inputs of many
// lengths (every block and padding edge), against independent npm implementations.
import { skein512 } from '../../lib/hash/js/x11/skein512';
import * as stage from '../util/x11-stage-checks';

const dashevo = require('@dashevo/x11-hash-js') as { skein: stage.DashevoStage };

const LENGTHS = stage.oracleLengths(stage.LONG_LENGTHS);

describe('x11 skein512 (TypeScript)', function () {
  it('matches the skein512 vectors in x11.json', function () {
    stage.checkVectors(skein512, 'skein512');
  });

  it('matches @dashevo/x11-hash-js skein on random inputs of many lengths', function () {
    stage.checkAgainstOracle(skein512, stage.dashevoOracle(dashevo.skein), LENGTHS, 5000);
  });

  it('accepts a Uint8Array view at an offset, leaves the input untouched, returns fresh buffers', function () {
    const { digest, copy } = stage.checkViewAtOffset(skein512, { backingLength: 200, seed: 99, offset: 3, length: 150 });
    stage.checkFreshBuffers(skein512, digest, copy);
  });
});
