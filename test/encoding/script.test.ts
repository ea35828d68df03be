// Minimal pushes. The scriptNumPush table follows Core's `CScript << int64` (OP_0,
// OP_1NEGATE, OP_1..OP_16, else a CScriptNum push); 113/500/1013 are the heights seen in
// real litecoind regtest coinbases (docs litecoind-regtest.md §5), 227836 is Bitcoin's
// first BIP34 block (its coinbase starts 03fc7903).
import assert from 'node:assert/strict';
import { EncodeError, pushData, scriptNumEncode, scriptNumPush } from '../../lib/encoding';

const TABLE: [number, string][] = [
  [0, '00'],
  [1, '51'],
  [2, '52'],
  [16, '60'],
  [17, '0111'],
  [113, '0171'],
  [127, '017f'],
  [128, '028000'],
  [255, '02ff00'],
  [256, '020001'],
  [500, '02f401'],
  [1013, '02f503'],
  [32767, '02ff7f'],
  [32768, '03008000'],
  [65535, '03ffff00'],
  [227836, '03fc7903'],
  [2 ** 23 - 1, '03ffff7f'],
  [2 ** 23, '0400008000'],
  [2 ** 24, '0400000001'],
  [2 ** 31 - 1, '04ffffff7f'],
  [2 ** 31, '050000008000'],
  [-1, '4f'],
  [-2, '0182'],
  [-16, '0190'],
  [-127, '01ff'],
  [-128, '028080'],
  [-255, '02ff80'],
  [-256, '020081'],
  [-(2 ** 23), '0400008080'],
];

describe('encoding: script numbers and pushes', () => {
  it('scriptNumPush matches the table', () => {
    for (const [n, expected] of TABLE) assert.equal(scriptNumPush(n).toString('hex'), expected, `push ${n}`);
  });

  it('scriptNumEncode: empty for zero, sign bit on the last byte', () => {
    assert.equal(scriptNumEncode(0).length, 0);
    assert.equal(scriptNumEncode(-1).toString('hex'), '81');
    assert.equal(scriptNumEncode(1n << 40n).toString('hex'), '000000000001');
  });

  it('rejects non-integers', () => {
    assert.throws(() => scriptNumPush(1.5), EncodeError);
    assert.throws(() => scriptNumPush(Number.NaN), EncodeError);
    assert.throws(() => scriptNumPush(2 ** 53), EncodeError);
  });

  it('pushData picks the smallest push opcode', () => {
    const cases: [number, string][] = [
      [0, '00'],
      [1, '01'],
      [75, '4b'],
      [76, '4c4c'],
      [255, '4cff'],
      [256, '4d0001'],
      [65535, '4dffff'],
      [65536, '4e00000100'],
    ];
    for (const [length, prefix] of cases) {
      const data = Buffer.alloc(length, 0xab);
      const out = pushData(data);
      assert.equal(out.subarray(0, prefix.length / 2).toString('hex'), prefix, `length ${length}`);
      assert.deepEqual(out.subarray(prefix.length / 2), data);
    }
  });
});
