// Vardiff as a table of share-time sequences (test/data/pool/vardiff-cases.json) plus the
// clamping and flooring helpers.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { PoolConfigError } from '../../lib/pool/errors';
import {
  VARDIFF_SHARE_BUFFER,
  checkVardiffConfig,
  clampDifficulty,
  floorRequestedDifficulty,
  initialVardiffState,
  recordShare,
  retarget,
  type VardiffConfig,
} from '../../lib/pool/vardiff';

const DATA = path.resolve(__dirname, '..', '..', '..', 'test', 'data', 'pool', 'vardiff-cases.json');
const DEFAULTS: VardiffConfig = { targetSeconds: 10, retargetSeconds: 60, variancePercent: 30, min: 1, max: 65536, powersOfTwo: false };

interface VardiffCase {
  name: string;
  config?: Partial<VardiffConfig>;
  start: number;
  shares: number[];
  checkAt?: number;
  expect: [number, number][];
}

describe('pool/vardiff', () => {
  const table = JSON.parse(fs.readFileSync(DATA, 'utf8')) as { cases: VardiffCase[] };
  for (const c of table.cases) {
    it(c.name, () => {
      const config = { ...DEFAULTS, ...c.config };
      let state = initialVardiffState(0);
      let difficulty = c.start;
      const changes: [number, number][] = [];
      const step = (now: number): void => {
        const next = retarget(config, state, difficulty, now);
        if (next === undefined) return;
        difficulty = next.difficulty;
        state = next.state;
        changes.push([now, difficulty]);
      };
      for (const t of c.shares) {
        state = recordShare(state, t);
        assert.ok(state.shareTimes.length <= VARDIFF_SHARE_BUFFER);
        step(t);
      }
      if (c.checkAt !== undefined) step(c.checkAt);
      assert.deepEqual(changes, c.expect);
    });
  }

  it('recordShare returns a new state and leaves the old one alone', () => {
    const a = initialVardiffState(5);
    const b = recordShare(a, 7);
    assert.deepEqual(a, { lastRetargetAt: 5, shareTimes: [] });
    assert.deepEqual(b, { lastRetargetAt: 5, shareTimes: [7] });
  });

  const clampTable: [Parameters<typeof clampDifficulty>[0], number, number][] = [
    [{ min: 1, max: 1000, powersOfTwo: false }, 0.5, 1],
    [{ min: 1, max: 1000, powersOfTwo: false }, 5000, 1000],
    [{ min: 1, max: 1000, powersOfTwo: false }, 123.4, 123.4],
    [{ min: 1, max: 1000, powersOfTwo: false }, Number.NaN, 1],
    [{ min: 1, max: 1000, powersOfTwo: false }, -3, 1],
    [{ min: 1, max: 1000, powersOfTwo: true }, 100, 128],
    [{ min: 1, max: 1000, powersOfTwo: true }, 90, 64],
    [{ min: 1, max: 1000, powersOfTwo: true }, 5000, 512],
    [{ min: 3, max: 1000, powersOfTwo: true }, 1, 4],
    [{ min: 0.001, max: 1, powersOfTwo: true }, 0.01, 2 ** -7],
    [{ min: 5, max: 7, powersOfTwo: true }, 100, 7],
  ];
  for (const [config, input, expected] of clampTable) {
    it(`clampDifficulty(${JSON.stringify(config)}, ${input}) = ${expected}`, () => {
      assert.equal(clampDifficulty(config, input), expected);
    });
  }

  it('a difficulty asked for by the miner is floored by the minimum but not capped', () => {
    assert.equal(floorRequestedDifficulty({ min: 16 }, 4), 16);
    assert.equal(floorRequestedDifficulty({ min: 16 }, 1e9), 1e9);
    assert.equal(floorRequestedDifficulty({ min: 16 }, Number.NaN), 16);
  });

  it('checkVardiffConfig refuses settings that cannot work', () => {
    checkVardiffConfig(DEFAULTS);
    for (const bad of [{ min: 0 }, { min: 10, max: 5 }, { targetSeconds: 0 }, { retargetSeconds: -1 }, { variancePercent: 100 }]) {
      assert.throws(() => checkVardiffConfig({ ...DEFAULTS, ...bad }), PoolConfigError, JSON.stringify(bad));
    }
  });
});
