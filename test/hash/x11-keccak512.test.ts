// The TypeScript keccak512 against the X11 vectors and, on pseudo-random inputs of many
// lengths (every block and padding edge), against independent npm implementations.
import { keccak512 } from '../../lib/hash/js/x11/keccak512';
import * as stage from '../util/x11-stage-checks';

const dashevo = require('@dashevo/x11-hash-js') as { keccak: stage.DashevoStage };
const noble = require('@noble/hashes/sha3.js') as { keccak_512(data: Uint8Array): Uint8Array };

const LENGTHS = stage.oracleLengths(stage.LONG_LENGTHS);

describe('x11 keccak512 (TypeScript)', function () {
  it('matches the keccak512 vectors in x11.json', function () {
    stage.checkVectors(keccak512, 'keccak512');
  });

  it('matches @dashevo/x11-hash-js keccak on random inputs of many lengths', function () {
    stage.checkAgainstOracle(keccak512, stage.dashevoOracle(dashevo.keccak), LENGTHS, 5000);
  });

  it('matches @noble/hashes keccak_512 (original Keccak padding) on the same lengths', function () {
    stage.checkAgainstOracle(keccak512, (data) => noble.keccak_512(data), LENGTHS, 9000);
  });

  it('accepts a Uint8Array view at an offset, leaves the input untouched, returns fresh buffers', function () {
    const { digest, copy } = stage.checkViewAtOffset(keccak512, { backingLength: 200, seed: 99, offset: 3, length: 150 });
    stage.checkFreshBuffers(keccak512, digest, copy);
  });
});
