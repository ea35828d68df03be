// The TypeScript jh512 against the X11 vectors and, on pseudo-random inputs of many
// lengths (every block and padding edge), against independent npm implementations.
import { jh512 } from '../../lib/hash/js/x11/jh512';
import * as stage from '../util/x11-stage-checks';

const dashevo = require('@dashevo/x11-hash-js') as { jh: stage.DashevoStage };

const LENGTHS = stage.oracleLengths(stage.LONG_LENGTHS);

describe('x11 jh512 (TypeScript)', function () {
  it('matches the jh512 vectors in x11.json', function () {
    stage.checkVectors(jh512, 'jh512');
  });

  it('matches @dashevo/x11-hash-js jh on random inputs of many lengths', function () {
    stage.checkAgainstOracle(jh512, stage.dashevoOracle(dashevo.jh), LENGTHS, 5000);
  });

  it('accepts a Uint8Array view at an offset, leaves the input untouched, returns fresh buffers', function () {
    const { digest, copy } = stage.checkViewAtOffset(jh512, { backingLength: 200, seed: 99, offset: 3, length: 150 });
    stage.checkFreshBuffers(jh512, digest, copy);
  });
});
