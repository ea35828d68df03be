// The TypeScript blake512 against the X11 vectors and, on pseudo-random inputs of many
// lengths (every padding edge), against an independent npm implementation.
import { blake512 } from '../../lib/hash/js/x11/blake512';
import * as stage from '../util/x11-stage-checks';

// @dashevo/x11-hash-js's blake throws for lengths 112..127 mod 128, so @noble/hashes is the
// oracle here; the dashevo one is still compared wherever it works.
const noble = require('@noble/hashes/blake1.js') as { blake512(data: Uint8Array): Uint8Array };
const dashevo = require('@dashevo/x11-hash-js/lib/blake') as stage.DashevoStage;
const oracle = (data: Uint8Array): Uint8Array => noble.blake512(data);

const LENGTHS = stage.oracleLengths(stage.LONG_LENGTHS);

describe('x11 blake512 (TypeScript)', function () {
  it('matches the blake512 vectors in x11.json', function () {
    stage.checkVectors(blake512, 'blake512');
  });

  it('matches @noble/hashes blake512 on random inputs of many lengths', function () {
    stage.checkAgainstOracle(blake512, oracle, LENGTHS, 5000);
  });

  it('agrees with @dashevo/x11-hash-js where that one works', function () {
    const lengths: number[] = [];
    for (let len = 0; len <= 300; len++) if (len % 128 < 112) lengths.push(len);
    stage.checkAgainstOracle(blake512, stage.dashevoOracle(dashevo), lengths, 7000);
  });

  it('accepts a Uint8Array view at an offset and leaves the input untouched', function () {
    stage.checkViewAtOffset(blake512, { backingLength: 200, seed: 99, offset: 3, length: 150 });
  });
});
