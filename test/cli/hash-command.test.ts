// `hashpool hash` as a user runs it: a child process per call, every vector that is a
// plain digest of its input, plus the error contract (one stderr line, exit code 2).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { X11_STAGES } from '../../lib/hash';
import { loadVectors } from '../util/vectors';

const BIN = path.resolve(__dirname, '..', '..', '..', 'bin', 'hashpool.js');

function hashpool(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: process.env });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

interface CliCase {
  name: string;
  algo: string;
  input: string;
  expected: string;
}

function cliCases(): CliCase[] {
  const cases: CliCase[] = [];
  for (const v of loadVectors('x11.json')) {
    const stage = X11_STAGES.find((s) => v.name.endsWith(`_${s}`) || v.name.startsWith(`${s}_`));
    cases.push({ name: v.name, algo: stage ?? 'x11', input: v.input_hex, expected: v.expected_hex });
  }
  for (const v of loadVectors('sha256d.json').filter((x) => !x.name.includes('midstate'))) {
    cases.push({ name: v.name, algo: 'sha256d', input: v.input_hex, expected: v.expected_hex });
  }
  for (const v of loadVectors('scrypt.json').filter((x) => x.name.startsWith('ltc_'))) {
    cases.push({ name: v.name, algo: 'scrypt', input: v.input_hex, expected: v.expected_hex });
  }
  for (const v of loadVectors('scrypt_n.json').filter((x) => x.name.startsWith('scryptN_'))) {
    cases.push({ name: v.name, algo: `scrypt:${v.params?.N}`, input: v.input_hex, expected: v.expected_hex });
  }
  const txid = loadVectors('merkle.json').find((x) => x.name.endsWith('coinbase_txid'));
  if (txid) cases.push({ name: txid.name, algo: 'sha256d', input: txid.input_hex, expected: txid.expected_hex });
  cases.push({
    name: 'fips180_sha256_abc',
    algo: 'sha256',
    input: '616263',
    expected: 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
  });
  return cases;
}

describe('hashpool hash', function () {
  this.timeout(20_000);

  for (const c of cliCases()) {
    it(`${c.algo}: ${c.name}`, function () {
      const out = hashpool('hash', '--algo', c.algo, c.input);
      assert.equal(out.stderr, '');
      assert.equal(out.status, 0);
      assert.equal(out.stdout, `${c.expected}\n`);
    });
  }

  it('--display prints the digest byte-reversed', function () {
    const genesis = loadVectors('sha256d.json')[0];
    const out = hashpool('hash', '--algo', 'sha256d', '--display', genesis.input_hex);
    assert.equal(out.stdout.trim(), '000000000019d6689c085ae165831e934ff763ae46a2a6c172b3f1b60a8ce26f');
  });

  it('hashes the empty input', function () {
    const out = hashpool('hash', '--algo', 'sha256', '');
    assert.equal(out.stdout.trim(), 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });

  const failures: [string, string[], RegExp][] = [
    ['bad hex', ['hash', '--algo', 'sha256d', 'zz'], /not hex/],
    ['odd-length hex', ['hash', '--algo', 'sha256d', 'abc'], /not hex/],
    ['an unknown algorithm', ['hash', '--algo', 'md5', '00'], /unknown algorithm 'md5'/],
    ['scrypt:N with N not a power of two', ['hash', '--algo', 'scrypt:1000', '00'], /power of two/],
    ['a missing --algo', ['hash', '00'], /--algo/],
    ['an unknown option', ['hash', '--algo', 'sha256', '--bogus', '00'], /bogus/],
    ['an unknown command', ['frobnicate'], /unknown command/],
  ];
  for (const [what, args, message] of failures) {
    it(`${what}: one line on stderr, exit code 2`, function () {
      const out = hashpool(...args);
      assert.equal(out.status, 2);
      assert.equal(out.stdout, '');
      assert.match(out.stderr, message);
      assert.equal(out.stderr.trim().split('\n').length, 1);
    });
  }
});
