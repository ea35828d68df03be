// buildJob over the real litecoind regtest templates (test/data/litecoind-samples, see
// /work/shared/notes/litecoind-regtest.md §4-§6): witness commitments equal the node's,
// the stratum split, the merkle branch, and mining.notify's byte orders (stratum-v1.md).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { BufferReader, scriptNumPush } from '../../lib/encoding';
import { hash } from '../../lib/hash';
import { witnessCommitment } from '../../lib/mining/coinbase';
import { ERR_MINING_JOB, JobError } from '../../lib/mining/errors';
import { buildJob, notifyParams, type JobOptions } from '../../lib/mining/job';
import { decodeTemplate, type BlockTemplate } from '../../lib/mining/template';

const SAMPLES_DIR = path.resolve(__dirname, '..', '..', '..', 'test', 'data', 'litecoind-samples');
const SAMPLES = fs.readdirSync(SAMPLES_DIR).filter((f) => f.endsWith('.json')).sort();

function loadTemplate(file: string): BlockTemplate {
  return decodeTemplate(JSON.parse(fs.readFileSync(path.join(SAMPLES_DIR, file), 'utf8')));
}

// A regtest bech32 payout script (litecoind-regtest.md §2 example form 0014{20}).
const PAYOUT = Buffer.from('0014' + '11'.repeat(20), 'hex');
const TAG = Buffer.from('/hashpool/', 'ascii');

function options(extra: Partial<JobOptions> = {}): JobOptions {
  return { jobId: 'a1', outputs: { script: PAYOUT }, poolTag: TAG, extranonce1Size: 4, extranonce2Size: 8, ...extra };
}

interface ParsedCoinbase {
  version: number;
  scriptSig: Buffer;
  scriptSigOffset: number;
  sequence: number;
  outputs: { value: bigint; script: Buffer }[];
  locktime: number;
}

function parseCoinbase(data: Buffer): ParsedCoinbase {
  const r = new BufferReader(data);
  const version = r.u32le();
  assert.equal(r.varint(), 1, 'one input');
  assert.deepEqual(r.bytes(32), Buffer.alloc(32), 'null prevout hash');
  assert.equal(r.u32le(), 0xffffffff, 'null prevout index');
  const length = r.varint();
  const scriptSigOffset = r.offset;
  const scriptSig = r.bytes(length);
  const sequence = r.u32le();
  const outputs = Array.from({ length: r.varint() }, () => ({ value: r.u64le(), script: r.varbytes() }));
  const locktime = r.u32le();
  r.expectEnd();
  return { version, scriptSig, scriptSigOffset, sequence, outputs, locktime };
}

describe('mining: buildJob on litecoind samples', () => {
  for (const file of SAMPLES) {
    describe(file, () => {
      const template = loadTemplate(file);
      const job = buildJob(template, options());

      it('commits to the same witness root as the node (HogEx included)', () => {
        const ours = witnessCommitment(template.transactions.map((tx) => tx.hash));
        assert.equal(
          Buffer.concat([Buffer.from('6a24aa21a9ed', 'hex'), ours]).toString('hex'),
          template.defaultWitnessCommitment!.toString('hex'),
        );
        assert.ok(job.hasWitnessCommitment);
        const last = job.outputs[job.outputs.length - 1];
        assert.deepEqual(last.script, template.defaultWitnessCommitment);
        assert.equal(last.value, 0n);
      });

      it('puts the extranonces exactly inside the scriptSig', () => {
        const en1 = Buffer.from('e1e2e3e4', 'hex');
        const en2 = Buffer.from('f1f2f3f4f5f6f7f8', 'hex');
        const coinbase = Buffer.concat([job.coinb1, en1, en2, job.coinb2]);
        const cb = parseCoinbase(coinbase);
        const heightPush = scriptNumPush(template.height);
        assert.deepEqual(cb.scriptSig, Buffer.concat([heightPush, TAG, en1, en2]));
        // The length byte is the last thing before the height push and covers the extranonces.
        assert.equal(job.coinb1[cb.scriptSigOffset - 1], heightPush.length + TAG.length + 12);
        assert.equal(job.coinb1.length, cb.scriptSigOffset + heightPush.length + TAG.length);
        assert.equal(cb.version, 1);
        assert.equal(cb.sequence, 0xffffffff);
        assert.equal(cb.locktime, 0);
        assert.equal(cb.outputs.reduce((s, o) => s + o.value, 0n), template.coinbaseValue);
        assert.deepEqual(cb.outputs[0], { value: template.coinbaseValue, script: PAYOUT });
        assert.equal(cb.outputs.length, 2);
      });

      it('branch folds the coinbase txid to the merkle root over all txids', () => {
        const coinbase = Buffer.concat([job.coinb1, Buffer.alloc(4, 0x11), Buffer.alloc(8, 0x22), job.coinb2]);
        const txid = hash.sha256d(coinbase);
        const expected = hash.merkleRoot([txid, ...template.transactions.map((tx) => tx.txid)]);
        assert.deepEqual(hash.merkleFoldBranch(txid, job.merkleBranch, 0), expected);
        if (template.hogEx) assert.deepEqual(template.transactions.at(-1)!.txid, template.hogEx.txid);
      });

      it('notify params use stratum byte orders', () => {
        const params = notifyParams(job, true);
        const rpcHex = template.previousBlockHashHex;
        const groupsReversed = rpcHex.match(/.{8}/g)!.reverse().join('');
        assert.deepEqual(params, [
          'a1',
          groupsReversed,
          job.coinb1.toString('hex'),
          job.coinb2.toString('hex'),
          job.merkleBranch.map((h) => h.toString('hex')),
          template.version.toString(16).padStart(8, '0'),
          '207fffff',
          template.curtime.toString(16).padStart(8, '0'),
          true,
        ]);
        // What a miner does with it: swap every word back to get the header's bytes.
        const back = Buffer.from(params[1] as string, 'hex');
        back.swap32();
        assert.deepEqual(back, template.previousBlockHash);
      });
    });
  }
});

describe('mining: buildJob options and errors', () => {
  const template = loadTemplate('gbt-h113-premweb-4tx.json');
  const empty = loadTemplate('gbt-h102-premweb-empty.json');
  const isJobError = (e: unknown): boolean => e instanceof JobError && e.code === ERR_MINING_JOB;

  it('copies the header fields from the template', () => {
    const job = buildJob(template, options());
    assert.equal(job.height, 113);
    assert.equal(job.version, template.version);
    assert.equal(job.bits, template.bits);
    assert.equal(job.curtime, template.curtime);
    assert.equal(job.mintime, template.mintime);
    assert.equal(job.target, template.target);
    assert.equal(job.extranonce1Size, 4);
    assert.equal(job.extranonce2Size, 8);
    assert.equal(job.template, template);
    assert.equal(job.merkleBranch.length, Math.ceil(Math.log2(template.transactions.length + 1)));
  });

  it('pays explicit outputs that sum to the coinbase value', () => {
    const other = Buffer.from('76a914' + '22'.repeat(20) + '88ac', 'hex');
    const outputs = [
      { script: PAYOUT, value: template.coinbaseValue - 1000n },
      { script: other, value: 1000n },
    ];
    const job = buildJob(template, options({ outputs }));
    const cb = parseCoinbase(Buffer.concat([job.coinb1, Buffer.alloc(12), job.coinb2]));
    assert.deepEqual(cb.outputs.slice(0, 2), outputs.map((o) => ({ value: o.value, script: o.script })));
  });

  it('rejects outputs that do not sum to the coinbase value', () => {
    const more = [{ script: PAYOUT, value: template.coinbaseValue + 1n }];
    const less = [{ script: PAYOUT, value: template.coinbaseValue - 1n }];
    assert.throws(() => buildJob(template, options({ outputs: more })), isJobError);
    assert.throws(() => buildJob(template, options({ outputs: less })), isJobError);
    assert.throws(() => buildJob(template, options({ outputs: [] })), isJobError);
    assert.throws(() => buildJob(template, options({ outputs: [{ script: PAYOUT, value: -1n }] })), isJobError);
  });

  it('accepts a 100-byte scriptSig and rejects 101', () => {
    // height 113 pushes 2 bytes; 2 + tag + 4 + 8
    const fits = buildJob(template, options({ poolTag: Buffer.alloc(86, 0x61) }));
    assert.equal(fits.coinb1[fits.coinb1.length - 89], 100);
    assert.throws(() => buildJob(template, options({ poolTag: Buffer.alloc(87, 0x61) })), (e: unknown) => isJobError(e) && /101 bytes/.test((e as Error).message));
  });

  it('rejects a scriptSig under 2 bytes', () => {
    const low = { ...empty, height: 5 };
    assert.throws(() => buildJob(low, options({ poolTag: Buffer.alloc(0), extranonce1Size: 0, extranonce2Size: 0 })), isJobError);
    const ok = buildJob(low, options({ poolTag: Buffer.alloc(0), extranonce1Size: 0, extranonce2Size: 1 }));
    assert.equal(ok.coinb1.subarray(-2).toString('hex'), '0255', 'length 2, OP_5');
  });

  it('rejects bad sizes and ids', () => {
    assert.throws(() => buildJob(template, options({ extranonce1Size: -1 })), isJobError);
    assert.throws(() => buildJob(template, options({ extranonce2Size: 2.5 })), isJobError);
    assert.throws(() => buildJob(template, options({ jobId: '' })), isJobError);
    assert.throws(() => buildJob(template, options({ coinbaseVersion: 3 })), isJobError);
  });

  it('coinbase version 2 on request', () => {
    const job = buildJob(template, options({ coinbaseVersion: 2 }));
    assert.equal(job.coinb1.readUInt32LE(0), 2);
  });

  it('leaves the commitment out only when allowed', () => {
    const job = buildJob(empty, options({ witnessCommitment: false }));
    assert.equal(job.hasWitnessCommitment, false);
    assert.equal(job.outputs.length, 1);
    // h113 has segwit spends: a block without a commitment would be "unexpected-witness".
    assert.throws(() => buildJob(template, options({ witnessCommitment: false })), isJobError);
  });

  it('refuses a template whose commitment does not match its transactions', () => {
    const bad = { ...template, defaultWitnessCommitment: Buffer.from('6a24aa21a9ed' + '00'.repeat(32), 'hex') };
    assert.throws(() => buildJob(bad, options()), (e: unknown) => isJobError(e) && /differs/.test((e as Error).message));
  });

  it("notify's prevhash swaps every 4-byte word of the internal-order hash", () => {
    const internal = Buffer.from('000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f', 'hex');
    const job = buildJob({ ...template, previousBlockHash: internal }, options());
    assert.equal(notifyParams(job, false)[1], '03020100070605040b0a09080f0e0d0c13121110171615141b1a19181f1e1d1c');
  });
});
