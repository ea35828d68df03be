// decodeTemplate over the six raw getblocktemplate results captured from a real
// litecoind 0.21.2.1 regtest (test/data/litecoind-samples; how they were made:
// /work/shared/notes/litecoind-regtest.md §4 and §6), plus malformed variants.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { hash } from '../../lib/hash';
import { ERR_MINING_TEMPLATE, TemplateError } from '../../lib/mining/errors';
import { decodeTemplate, hasMwebFlag } from '../../lib/mining/template';

const SAMPLES_DIR = path.resolve(__dirname, '..', '..', '..', 'test', 'data', 'litecoind-samples');
const SAMPLES = fs.readdirSync(SAMPLES_DIR).filter((f) => f.endsWith('.json')).sort();

type Raw = Record<string, unknown> & { transactions: Record<string, unknown>[] };

function loadRaw(file: string): Raw {
  return JSON.parse(fs.readFileSync(path.join(SAMPLES_DIR, file), 'utf8')) as Raw;
}

const rev = (hexText: string): Buffer => Buffer.from(hexText, 'hex').reverse();

describe('mining: decodeTemplate on litecoind samples', () => {
  it('has all six samples', () => assert.equal(SAMPLES.length, 6));

  for (const file of SAMPLES) {
    it(`decodes ${file}`, () => {
      const raw = loadRaw(file);
      const t = decodeTemplate(raw);
      assert.equal(t.height, Number(/-h(\d+)-/.exec(file)![1]));
      assert.equal(t.version, raw.version);
      assert.equal(t.previousBlockHashHex, raw.previousblockhash);
      assert.deepEqual(t.previousBlockHash, rev(raw.previousblockhash as string));
      assert.equal(t.bits, 0x207fffff);
      assert.equal(t.target, 0x7fffffn << 232n);
      assert.equal(t.coinbaseValue, BigInt(raw.coinbasevalue as number));
      assert.equal(t.curtime, raw.curtime);
      assert.equal(t.mintime, raw.mintime);
      assert.equal(t.longpollId, raw.longpollid);
      assert.deepEqual(t.rules, raw.rules);
      assert.equal(t.weightLimit, 4000000);
      assert.equal(t.defaultWitnessCommitment?.toString('hex'), raw.default_witness_commitment);
      assert.equal(t.transactions.length, raw.transactions.length);
      t.transactions.forEach((tx, i) => {
        const r = raw.transactions[i];
        assert.equal(tx.data.toString('hex'), r.data);
        assert.deepEqual(tx.txid, rev(r.txid as string));
        assert.deepEqual(tx.hash, rev(r.hash as string));
        assert.equal(tx.fee, r.fee);
        assert.equal(tx.weight, r.weight);
        assert.deepEqual(tx.depends, r.depends);
      });

      const isMweb = !file.includes('premweb');
      assert.equal(t.mweb !== undefined, isMweb);
      if (isMweb) {
        assert.equal(t.mweb!.toString('hex'), raw.mweb);
        assert.equal(t.hogEx, t.transactions[t.transactions.length - 1]);
        assert.ok(hasMwebFlag(t.hogEx!.data));
        assert.deepEqual(t.hogEx!.hash, t.hogEx!.txid);
      } else {
        assert.equal(t.hogEx, undefined);
      }
      // Ordinary txs: `data` is the witness serialization, so it hashes to the wtxid.
      for (const tx of t.transactions) {
        if (!hasMwebFlag(tx.data)) assert.deepEqual(hash.sha256d(tx.data), tx.hash);
      }
    });
  }
});

describe('mining: decodeTemplate rejects malformed results', () => {
  const base = (): Raw => loadRaw('gbt-h433-mweb-active-3tx.json');

  const cases: [string, string, (raw: Raw) => unknown][] = [
    ['missing previousblockhash', 'previousblockhash', (r) => { delete r.previousblockhash; return r; }],
    ['short previousblockhash', 'previousblockhash', (r) => { r.previousblockhash = 'abcd'; return r; }],
    ['non-hex previousblockhash', 'previousblockhash', (r) => { r.previousblockhash = 'zz'.repeat(32); return r; }],
    ['version as a string', 'version', (r) => { r.version = '536870912'; return r; }],
    ['fractional height', 'height', (r) => { r.height = 1.5; return r; }],
    ['missing height', 'height', (r) => { delete r.height; return r; }],
    ['negative coinbasevalue', 'coinbasevalue', (r) => { r.coinbasevalue = -1; return r; }],
    ['coinbasevalue as a string', 'coinbasevalue', (r) => { r.coinbasevalue = '1250007200'; return r; }],
    ['bits of odd length', 'bits', (r) => { r.bits = '207ffff'; return r; }],
    ['target not matching bits', 'target', (r) => { r.bits = '1d00ffff'; return r; }],
    ['missing curtime', 'curtime', (r) => { delete r.curtime; return r; }],
    ['missing mintime', 'mintime', (r) => { delete r.mintime; return r; }],
    ['transactions not an array', 'transactions', (r) => { r.transactions = {} as never; return r; }],
    ['tx not an object', 'transactions[0]', (r) => { (r.transactions as unknown[])[0] = 'x'; return r; }],
    ['tx data with bad hex', 'transactions[1].data', (r) => { r.transactions[1].data = 'xyz0'; return r; }],
    ['tx data missing', 'transactions[0].data', (r) => { delete r.transactions[0].data; return r; }],
    ['tx txid wrong length', 'transactions[2].txid', (r) => { r.transactions[2].txid = '00'; return r; }],
    ['tx fee missing', 'transactions[0].fee', (r) => { delete r.transactions[0].fee; return r; }],
    ['depends forward', 'transactions[0].depends[0]', (r) => { r.transactions[0].depends = [2]; return r; }],
    ['depends zero', 'transactions[1].depends[0]', (r) => { r.transactions[1].depends = [0]; return r; }],
    ['depends not an array', 'transactions[1].depends', (r) => { r.transactions[1].depends = 1; return r; }],
    ['mweb without the HogEx', 'transactions', (r) => { r.transactions.pop(); return r; }],
    ['mweb not hex', 'mweb', (r) => { r.mweb = 12; return r; }],
    ['bad witness commitment', 'default_witness_commitment', (r) => { r.default_witness_commitment = '6a' + '00'.repeat(37); return r; }],
    ['rules with a number', 'rules[0]', (r) => { r.rules = [1]; return r; }],
    ['longpollid not a string', 'longpollid', (r) => { r.longpollid = 5; return r; }],
    ['null result', '(result)', () => null],
    ['array result', '(result)', () => []],
  ];

  for (const [name, field, mutate] of cases) {
    it(name, () => {
      assert.throws(
        () => decodeTemplate(mutate(base())),
        (e: unknown) => e instanceof TemplateError && e.code === ERR_MINING_TEMPLATE && e.field === field && e.message.includes(field),
      );
    });
  }

  it('accepts a bigint coinbasevalue and a missing wtxid (pre-segwit node)', () => {
    const raw = base();
    raw.coinbasevalue = 1250007200n as never;
    delete raw.transactions[2].hash;
    const t = decodeTemplate(raw);
    assert.equal(t.coinbaseValue, 1250007200n);
    assert.deepEqual(t.transactions[2].hash, t.transactions[2].txid);
  });
});
