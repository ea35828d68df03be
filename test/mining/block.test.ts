// Share assembly and block serialization. Blocks built from the real litecoind samples
// (test/data/litecoind-samples; litecoind-regtest.md §5-§6) are parsed back with an
// independent tx parser written here from the serialization rules, so framing mistakes
// (count, witness form, HogEx position, MWEB tail) show up without a daemon.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { BufferReader, BufferWriter } from '../../lib/encoding';
import { hash } from '../../lib/hash';
import { assembleShare, blockHash, rollVersion, serializeBlock, type ShareInput } from '../../lib/mining/block';
import { ERR_MINING_VERSION_BITS, ShareError, VersionBitsError } from '../../lib/mining/errors';
import { buildJob, notifyParams, type Job } from '../../lib/mining/job';
import { decodeTemplate } from '../../lib/mining/template';

const SAMPLES_DIR = path.resolve(__dirname, '..', '..', '..', 'test', 'data', 'litecoind-samples');
const SAMPLES = fs.readdirSync(SAMPLES_DIR).filter((f) => f.endsWith('.json')).sort();
const PAYOUT = Buffer.from('0014' + '33'.repeat(20), 'hex');

function jobFor(file: string, witnessCommitment?: boolean): Job {
  const template = decodeTemplate(JSON.parse(fs.readFileSync(path.join(SAMPLES_DIR, file), 'utf8')));
  return buildJob(template, {
    jobId: 'j',
    outputs: { script: PAYOUT },
    poolTag: Buffer.from('hp'),
    extranonce1Size: 4,
    extranonce2Size: 4,
    witnessCommitment,
  });
}

const SHARE: ShareInput = {
  extranonce1: Buffer.from('01020304', 'hex'),
  extranonce2: Buffer.from('0a0b0c0d', 'hex'),
  ntime: 0x6a000001,
  nonce: 0x12345678,
};

interface ParsedTx {
  raw: Buffer;
  stripped: Buffer;
  flag: number;
  witness: Buffer[][];
  inputCount: number;
}

/** Bitcoin/Litecoin tx: version, [00 flag], vin, vout, [witness if flag&1], [MWEB tx if flag&8], locktime. */
function parseTx(data: Buffer, r: BufferReader): ParsedTx {
  const start = r.offset;
  const body = new BufferWriter();
  body.u32le(r.u32le());
  let flag = 0;
  const marker = r.u8();
  let inputCount: number;
  if (marker === 0) {
    flag = r.u8();
    assert.notEqual(flag, 0);
    inputCount = r.varint();
  } else {
    // Not a marker: it was the first byte of the input count (always < 0xfd here).
    inputCount = marker;
  }
  body.varint(inputCount);
  for (let i = 0; i < inputCount; i++) body.bytes(r.bytes(36)).varbytes(r.varbytes()).u32le(r.u32le());
  const outputCount = r.varint();
  body.varint(outputCount);
  for (let i = 0; i < outputCount; i++) body.u64le(r.u64le()).varbytes(r.varbytes());
  const witness: Buffer[][] = [];
  if (flag & 1) {
    for (let i = 0; i < inputCount; i++) witness.push(Array.from({ length: r.varint() }, () => r.varbytes()));
  }
  if (flag & 8) assert.equal(r.u8(), 0, 'a HogEx carries a null MWEB tx');
  body.u32le(r.u32le());
  return { raw: data.subarray(start, r.offset), stripped: body.toBuffer(), flag, witness, inputCount };
}

describe('mining: assembleShare', () => {
  const job = jobFor('gbt-h433-mweb-active-3tx.json');

  it('builds the header from the job and the submission', () => {
    const share = assembleShare(job, SHARE);
    assert.deepEqual(share.coinbase, Buffer.concat([job.coinb1, SHARE.extranonce1, SHARE.extranonce2, job.coinb2]));
    assert.deepEqual(share.coinbaseTxid, hash.sha256d(share.coinbase));
    assert.deepEqual(
      share.merkleRoot,
      hash.merkleRoot([share.coinbaseTxid, ...job.template.transactions.map((tx) => tx.txid)]),
    );
    const h = share.header;
    assert.equal(h.length, 80);
    assert.equal(h.readUInt32LE(0), job.version);
    assert.deepEqual(h.subarray(4, 36), job.template.previousBlockHash);
    assert.deepEqual(h.subarray(36, 68), share.merkleRoot);
    assert.equal(h.readUInt32LE(68), SHARE.ntime);
    assert.equal(h.subarray(72, 76).toString('hex'), 'ffff7f20');
    assert.equal(h.readUInt32LE(76), SHARE.nonce);
    assert.equal(share.version, job.version);
  });

  it('equals the header a stratum miner builds from mining.notify', () => {
    const p = notifyParams(job, false) as [string, string, string, string, string[], string, string, string, boolean];
    const le = (hex8: string): Buffer => Buffer.from(hex8, 'hex').reverse();
    const cb = Buffer.concat([Buffer.from(p[2], 'hex'), SHARE.extranonce1, SHARE.extranonce2, Buffer.from(p[3], 'hex')]);
    let root = hash.sha256d(cb);
    for (const h of p[4]) root = hash.sha256d(Buffer.concat([root, Buffer.from(h, 'hex')]));
    const prev = Buffer.from(p[1], 'hex');
    prev.swap32();
    const nonce = Buffer.alloc(4);
    nonce.writeUInt32LE(SHARE.nonce);
    const minerHeader = Buffer.concat([le(p[5]), prev, root, le(SHARE.ntime.toString(16).padStart(8, '0')), le(p[6]), nonce]);
    assert.deepEqual(assembleShare(job, SHARE).header, minerHeader);
  });

  it('rolls version bits inside the mask', () => {
    const mask = 0x1fffe000;
    const share = assembleShare(job, { ...SHARE, versionBits: 0x00ffe000, versionMask: mask });
    assert.equal(share.version, ((job.version & ~mask) | 0x00ffe000) >>> 0);
    assert.equal(share.header.readUInt32LE(0), share.version);
    assert.equal(rollVersion(0x20000000, 0x1fffe000, mask), 0x3fffe000);
    assert.equal(rollVersion(0x20000000, 0, mask), 0x20000000);
    assert.equal(rollVersion(0x3fffe000, 0, mask), 0x20000000, 'bits inside the mask come from the miner');
    assert.equal(rollVersion(0x20000000, undefined, mask), 0x20000000);
  });

  it('rejects version bits outside the mask', () => {
    const isVersionError = (e: unknown): boolean => e instanceof VersionBitsError && e.code === ERR_MINING_VERSION_BITS;
    assert.throws(() => assembleShare(job, { ...SHARE, versionBits: 0x20000000, versionMask: 0x1fffe000 }), isVersionError);
    assert.throws(() => assembleShare(job, { ...SHARE, versionBits: 0x00001000, versionMask: 0x1fffe000 }), isVersionError);
    assert.throws(() => rollVersion(0x20000000, 0x2000, undefined), isVersionError);
  });

  it('rejects bad share inputs with ShareError', () => {
    assert.throws(() => assembleShare(job, { ...SHARE, extranonce1: Buffer.alloc(3) }), ShareError);
    assert.throws(() => assembleShare(job, { ...SHARE, extranonce2: Buffer.alloc(5) }), ShareError);
    assert.throws(() => assembleShare(job, { ...SHARE, ntime: -1 }), ShareError);
    assert.throws(() => assembleShare(job, { ...SHARE, nonce: 2 ** 32 }), ShareError);
    assert.throws(() => assembleShare(job, { ...SHARE, nonce: 1.5 }), ShareError);
    assert.throws(() => assembleShare(job, { ...SHARE, versionBits: -1, versionMask: 0xffffffff }), ShareError);
  });
});

describe('mining: serializeBlock', () => {
  for (const file of SAMPLES) {
    it(`frames ${file} exactly`, () => {
      const job = jobFor(file);
      const share = assembleShare(job, SHARE);
      const block = serializeBlock(job, share);
      const r = new BufferReader(block);
      assert.deepEqual(r.bytes(80), share.header);
      const txs = job.template.transactions;
      assert.equal(r.varint(), txs.length + 1);

      const coinbase = parseTx(block, r);
      assert.equal(coinbase.flag, 1, 'coinbase in witness form');
      assert.deepEqual(coinbase.witness, [[Buffer.alloc(32)]]);
      assert.deepEqual(coinbase.stripped, share.coinbase);

      for (const tx of txs) {
        const parsed = parseTx(block, r);
        assert.deepEqual(parsed.raw, tx.data, 'template data copied untouched');
        assert.deepEqual(hash.sha256d(parsed.stripped), tx.txid, 'txid is the hash of the stripped form');
      }
      if (job.template.mweb !== undefined) {
        const last = txs[txs.length - 1];
        assert.equal(last, job.template.hogEx);
        assert.equal(parseTx(last.data, new BufferReader(last.data)).flag & 8, 8);
        assert.equal(r.u8(), 0x01, 'MWEB presence byte');
        assert.deepEqual(r.bytes(r.remaining), job.template.mweb);
        assert.deepEqual(block.subarray(block.length - job.template.mweb.length - 1), Buffer.concat([Buffer.from([1]), job.template.mweb]));
      }
      r.expectEnd();
    });
  }

  it('keeps a plain coinbase when the block has no witness commitment', () => {
    const job = jobFor('gbt-h102-premweb-empty.json', false);
    const share = assembleShare(job, SHARE);
    const block = serializeBlock(job, share);
    assert.deepEqual(block, Buffer.concat([share.header, Buffer.from([1]), share.coinbase]));
  });

  it('rejects a header that is not 80 bytes', () => {
    const job = jobFor('gbt-h102-premweb-empty.json');
    const share = assembleShare(job, SHARE);
    assert.throws(() => serializeBlock(job, { ...share, header: share.header.subarray(0, 79) }), ShareError);
  });
});

describe('mining: blockHash', () => {
  // Litecoin regtest genesis (litecoind-regtest.md §3): version 1, time 1296688602,
  // bits 207fffff, nonce 0; merkle root from Litecoin's chainparams.
  const genesis = new BufferWriter()
    .u32le(1)
    .bytes(Buffer.alloc(32))
    .bytes(Buffer.from('97ddfbbae6be97fd6cdf3e7ca13232a3afff2353e29badfab7f73011edd4ced9', 'hex').reverse())
    .u32le(1296688602)
    .u32le(0x207fffff)
    .u32le(0)
    .toBuffer();

  it('names a litecoin block by sha256d, shown reversed', () => {
    const { hash: internal, hex } = blockHash(genesis);
    assert.equal(hex, '530827f38f93b43ed12af0b3ad25a288dc02ed74d6d7857862df51fc56c416f9');
    assert.deepEqual(internal, hash.sha256d(genesis));
    assert.deepEqual(blockHash(genesis, { blockHashAlgorithm: 'sha256d', pow: { algorithm: 'scrypt', scryptN: 1024 } }).hash, internal);
  });

  it('names a block by its PoW hash when the network says so (Dash)', () => {
    const { hash: internal } = blockHash(genesis, { blockHashAlgorithm: 'pow', pow: { algorithm: 'x11' } });
    assert.deepEqual(internal, hash.x11(genesis));
  });

  it('rejects a header that is not 80 bytes', () => {
    assert.throws(() => blockHash(Buffer.alloc(81)), ShareError);
  });
});
