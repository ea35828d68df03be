// Payout outputs: solo and pool pay one address; PPLNS splits by the table in
// test/data/pool/pplns-cases.json (hand-computed amounts, exact sums).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { AddressError } from '../../lib/address/errors';
import { decodeTemplate } from '../../lib/mining/template';
import { PayoutError } from '../../lib/pool/errors';
import { JobBook } from '../../lib/pool/job-book';
import { outputsForMode, poolOutputs, pplnsOutputs, soloOutputs } from '../../lib/pool/payout';
import { getNetwork } from '../../lib/protocol';

const DATA = path.resolve(__dirname, '..', '..', '..', 'test', 'data');
const NETWORK = getNetwork('litecoin-regtest');
const LEGACY = 'mi2sqeazFXH1gY9bxdrKQXSGHcbKmiq33H';
const LEGACY_SCRIPT = '76a9141b9902e83d0ef35575bd0e1ee8a83a5c8ea9e4b988ac';
const BECH32 = 'rltc1qltezvfg2eg8j2gvmg9shv9pg4hrj0m53h870jt';
const BECH32_SCRIPT = '0014faf226250aca0f25219b4161761428adc727ee91';

interface PplnsCase {
  name: string;
  value: number;
  feePercent: number;
  maxOutputs?: number;
  dustLimit?: number;
  window: [string, number][];
  expect: [string, number][];
}

describe('pool/payout', () => {
  it('solo and pool pay the whole value to one address', () => {
    const ctx = { network: NETWORK, coinbaseValue: 5_000_012_345n };
    for (const fn of [soloOutputs, poolOutputs]) {
      const out = fn(LEGACY, ctx);
      assert.equal(out.length, 1);
      assert.equal(out[0].script.toString('hex'), LEGACY_SCRIPT);
      assert.equal(out[0].value, 5_000_012_345n);
      assert.throws(() => fn('LVuDpNCSSj6pQ7t9Pv6d6sUkLKoqDEVUnJ', ctx), AddressError);
    }
  });

  describe('pplns table', () => {
    const table = JSON.parse(fs.readFileSync(path.join(DATA, 'pool', 'pplns-cases.json'), 'utf8')) as {
      addresses: Record<string, string>;
      cases: PplnsCase[];
    };
    const addr = (u: string): string => table.addresses[u] ?? u;
    for (const c of table.cases) {
      it(c.name, () => {
        const options = {
          feePercent: c.feePercent,
          feeAddress: addr('F'),
          ...(c.maxOutputs !== undefined ? { maxOutputs: c.maxOutputs } : {}),
          ...(c.dustLimit !== undefined ? { dustLimit: BigInt(c.dustLimit) } : {}),
        };
        const window = c.window.map(([user, difficulty]) => ({ user: addr(user), difficulty }));
        const out = pplnsOutputs(window, options, { network: NETWORK, coinbaseValue: BigInt(c.value) });
        assert.equal(out.reduce((s, o) => s + o.value, 0n), BigInt(c.value), 'outputs sum to the coinbase value');
        const scriptOf = (u: string): string => {
          const entry = fs.readFileSync(path.join(DATA, '..', 'vectors', 'addresses.json'), 'utf8');
          const valid = (JSON.parse(entry) as { valid: { network: string; address: string; script_hex: string }[] }).valid;
          const found = valid.find((v) => v.network === 'litecoin-regtest' && v.address === addr(u));
          assert.ok(found, `no vector for ${u}`);
          return found.script_hex;
        };
        assert.deepEqual(
          out.map((o) => [o.script.toString('hex'), Number(o.value)]),
          c.expect.map(([u, v]) => [scriptOf(u), v]),
        );
      });
    }
  });

  it('pplns refuses a bad fee address or fee percent with PayoutError', () => {
    const ctx = { network: NETWORK, coinbaseValue: 100n };
    assert.throws(() => pplnsOutputs([], { feePercent: 1, feeAddress: 'ltc1qw508d6qejxtdg4y5r3zarvary0c5xw7kgmn4n9' }, ctx), PayoutError);
    assert.throws(() => pplnsOutputs([], { feePercent: 101, feeAddress: BECH32 }, ctx), PayoutError);
    assert.throws(() => pplnsOutputs([], { feePercent: Number.NaN, feeAddress: BECH32 }, ctx), PayoutError);
    assert.throws(() => pplnsOutputs([], { feePercent: 1, feeAddress: BECH32, maxOutputs: 0 }, ctx), PayoutError);
  });

  it('pplns is deterministic whatever the window order', () => {
    const ctx = { network: NETWORK, coinbaseValue: 123_456_789n };
    const window = [
      { user: LEGACY, difficulty: 3 },
      { user: BECH32, difficulty: 7 },
      { user: LEGACY, difficulty: 0.5 },
    ];
    const a = pplnsOutputs(window, { feePercent: 1, feeAddress: BECH32 }, ctx);
    const b = pplnsOutputs([...window].reverse(), { feePercent: 1, feeAddress: BECH32 }, ctx);
    assert.deepEqual(a, b);
  });

  it('outputsForMode feeds a JobBook: solo per address, pplns one shared coinbase', () => {
    const template = decodeTemplate(JSON.parse(fs.readFileSync(path.join(DATA, 'litecoind-samples', 'gbt-h113-premweb-4tx.json'), 'utf8')));
    const solo = new JobBook({ extranonce1Size: 4, extranonce2Size: 4, poolTag: Buffer.alloc(0) }, outputsForMode(NETWORK, { mode: 'solo' }));
    solo.onTemplate(template, true);
    const job = solo.jobFor(BECH32);
    assert.ok(job !== undefined);
    assert.equal(job.outputs[0].script.toString('hex'), BECH32_SCRIPT);
    assert.equal(job.outputs[0].value, template.coinbaseValue);
    assert.throws(() => solo.jobFor(''), /payout key must be an address/);

    const pplns = new JobBook(
      { extranonce1Size: 4, extranonce2Size: 4, poolTag: Buffer.alloc(0) },
      outputsForMode(NETWORK, {
        mode: 'pplns',
        pplns: { feePercent: 1, feeAddress: BECH32 },
        window: () => [{ user: LEGACY, difficulty: 1 }],
      }),
    );
    pplns.onTemplate(template, true);
    const shared = pplns.jobFor('');
    assert.ok(shared !== undefined);
    const fee = template.coinbaseValue / 100n;
    assert.deepEqual(
      shared.outputs.slice(0, 2).map((o) => [o.script.toString('hex'), o.value]),
      [[BECH32_SCRIPT, fee], [LEGACY_SCRIPT, template.coinbaseValue - fee]],
    );
  });
});
