// Every vector file in test/vectors through the backend chosen by HASHPOOL_BACKEND
// (npm test runs this suite once per backend).
import assert from 'node:assert/strict';
import { DEFAULT_DIFFICULTY_FACTOR, X11_STAGES, hash, type PowAlgorithm, type X11Stage } from '../../lib/hash';
import { fromHex, hex, loadVectors, vectorsWithPrefix } from '../util/vectors';

const backend = hash;

function param(params: Record<string, string | number> | undefined, key: string): number {
  const value = params?.[key];
  assert.ok(value !== undefined, `vector is missing params.${key}`);
  return Number(value);
}

function paramText(params: Record<string, string | number> | undefined, key: string): string {
  const value = params?.[key];
  assert.ok(value !== undefined, `vector is missing params.${key}`);
  return String(value);
}

describe(`vectors through the ${backend.kind} backend`, function () {
  describe('sha256d.json', function () {
    for (const v of loadVectors('sha256d.json')) {
      it(v.name, function () {
        const input = fromHex(v.input_hex);
        if (v.name.includes('midstate')) {
          const state = backend.sha256Midstate(input);
          // The getwork form stores each state word little-endian.
          const expected = v.name.includes('le_words') ? Buffer.from(state).swap32() : state;
          assert.equal(hex(expected), v.expected_hex);
        } else {
          assert.equal(hex(backend.sha256d(input)), v.expected_hex);
          assert.equal(hex(backend.powHash({ algorithm: 'sha256d' }, input)), v.expected_hex);
        }
      });
    }
  });

  describe('scrypt.json', function () {
    for (const v of loadVectors('scrypt.json')) {
      const heavy = v.name.includes('heavy');
      it(v.name, function () {
        if (heavy) this.timeout(300_000);
        const input = fromHex(v.input_hex);
        let out: Buffer;
        if (v.name.startsWith('rfc7914_pbkdf2')) {
          out = backend.pbkdf2Sha256(input, fromHex(paramText(v.params, 'salt_hex')), param(v.params, 'iterations'), param(v.params, 'dklen'));
        } else if (v.name.startsWith('rfc7914_salsa20_8')) {
          out = backend.salsa20_8(input);
        } else if (v.name.startsWith('rfc7914_scrypt_blockmix')) {
          out = backend.scryptBlockMix(input, 1);
        } else if (v.name.startsWith('rfc7914_scrypt_romix')) {
          out = backend.scryptRoMix(input, param(v.params, 'N'), param(v.params, 'r'));
        } else if (v.name.startsWith('ltc_')) {
          out = backend.scryptPow(input, 1024);
          assert.equal(hex(backend.powHash({ algorithm: 'scrypt' }, input)), v.expected_hex);
        } else {
          const p = v.params;
          out = backend.scrypt(input, fromHex(paramText(p, 'salt_hex')), param(p, 'N'), param(p, 'r'), param(p, 'p'), param(p, 'dklen'));
        }
        assert.equal(hex(out), v.expected_hex);
      });
    }
  });

  describe('scrypt_n.json', function () {
    for (const v of loadVectors('scrypt_n.json')) {
      it(v.name, function () {
        this.timeout(30_000);
        const input = fromHex(v.input_hex);
        if (v.name.startsWith('vtc_nfactor')) {
          const time = input.readUInt32LE(0);
          assert.equal(backend.vertcoinNFactorAt(time), parseInt(v.expected_hex, 16));
          return;
        }
        const n = param(v.params, 'N');
        assert.equal(hex(backend.scryptPow(input, n)), v.expected_hex);
        assert.equal(hex(backend.powHash({ algorithm: 'scrypt', scryptN: n }, input)), v.expected_hex);
      });
    }
  });

  describe('x11.json', function () {
    for (const v of loadVectors('x11.json')) {
      it(v.name, function () {
        const input = fromHex(v.input_hex);
        const stage = X11_STAGES.find((s) => v.name.endsWith(`_${s}`) || v.name.startsWith(`${s}_`));
        if (stage) {
          assert.equal(hex(backend.x11Stage(stage as X11Stage, input)), v.expected_hex);
        } else {
          assert.equal(hex(backend.x11(input)), v.expected_hex);
          if (input.length === 80) assert.equal(hex(backend.powHash({ algorithm: 'x11' }, input)), v.expected_hex);
        }
      });
    }
  });

  describe('merkle.json', function () {
    const split = (data: Buffer): Buffer[] => Array.from({ length: data.length / 32 }, (_, i) => data.subarray(32 * i, 32 * i + 32));
    for (const v of loadVectors('merkle.json')) {
      it(v.name, function () {
        const input = fromHex(v.input_hex);
        if (v.name.endsWith('coinbase_txid')) {
          assert.equal(hex(backend.sha256d(input)), v.expected_hex);
        } else if (v.name.endsWith('merkle_branch')) {
          const branch = backend.merkleCoinbaseBranch(split(input));
          assert.equal(hex(Buffer.concat(branch)), v.expected_hex);
          const coinbase = fromHex(vectorsWithPrefix('merkle.json', 'btc_block_100000_coinbase_txid')[0].expected_hex);
          const root = vectorsWithPrefix('merkle.json', 'btc_block_100000_merkle_root')[0].expected_hex;
          assert.equal(hex(backend.merkleFoldBranch(coinbase, branch, 0)), root);
        } else {
          assert.equal(hex(backend.merkleRoot(split(input))), v.expected_hex);
        }
      });
    }
  });

  describe('target.json', function () {
    const bigHex = (t: bigint): string => t.toString(16).padStart(64, '0');
    for (const v of loadVectors('target.json')) {
      it(v.name, function () {
        if (v.name.startsWith('nbits_')) {
          assert.equal(bigHex(backend.bitsToTarget(parseInt(v.input_hex, 16))), v.expected_hex);
        } else if (v.name.startsWith('target_to_nbits_')) {
          assert.equal(backend.targetToBits(BigInt(`0x${v.input_hex}`)).toString(16).padStart(8, '0'), v.expected_hex);
        } else if (v.name.startsWith('difficulty_of_nbits_')) {
          const target = backend.bitsToTarget(parseInt(v.input_hex, 16));
          assert.equal(backend.targetToDifficulty(target, 1), param(v.params, 'difficulty'));
          assert.equal(Buffer.from(String(param(v.params, 'difficulty'))).toString('hex'), v.expected_hex);
        } else if (v.name.startsWith('diff1_target_')) {
          const algorithm: PowAlgorithm = v.name.includes('scrypt') ? 'scrypt' : 'sha256d';
          assert.equal(bigHex(backend.difficultyToTarget(1, DEFAULT_DIFFICULTY_FACTOR[algorithm])), v.expected_hex);
        } else if (v.name.startsWith('stratum_share_target_')) {
          const algorithm = paramText(v.params, 'algo') as PowAlgorithm;
          const target = backend.difficultyToTarget(param(v.params, 'difficulty'), DEFAULT_DIFFICULTY_FACTOR[algorithm]);
          assert.equal(bigHex(target), v.expected_hex);
        } else {
          assert.fail(`no check for vector ${v.name}`);
        }
      });
    }
  });
});
