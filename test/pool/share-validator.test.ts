// Share validation on real jobs: templates from litecoind regtest (test/data/litecoind-samples),
// shares ground with hash.scan at an easy share target, then the submission table in
// test/data/pool/share-cases.json plus the sequences (duplicates, stale, blocks) in code.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { hash, type HashBackend } from '../../lib/hash';
import { bytesLEToTarget } from '../../lib/hash/js/target';
import { BufferReader } from '../../lib/encoding';
import { assembleShare } from '../../lib/mining/block';
import type { Job } from '../../lib/mining/job';
import { decodeTemplate, type BlockTemplate } from '../../lib/mining/template';
import type { AuthorizedWorker, SessionView, ShareVerdict } from '../../lib/pool/contracts';
import { DuplicateFilter } from '../../lib/pool/duplicate-filter';
import { PowCheckError } from '../../lib/pool/errors';
import { JobBook } from '../../lib/pool/job-book';
import { PowChecker } from '../../lib/pool/pow-checker';
import { ShareValidator } from '../../lib/pool/share-validator';
import { getNetwork } from '../../lib/protocol';
import type { SubmitParams } from '../../lib/stratum';
import { hex32 } from '../../lib/stratum/hex';
import { outputsForMode } from '../../lib/pool/payout';
import { connectPair, stopAllLitecoind, type LitecoindNode } from '../util/litecoind';

const ROOT = path.resolve(__dirname, '..', '..', '..', 'test', 'data');
const NETWORK = getNetwork('litecoin-regtest');
const PAYOUT = Buffer.from('0014' + '77'.repeat(20), 'hex');
/** Share difficulty the base shares are ground at: target about 2^250, one hash in 16 wins. */
const BASE_DIFFICULTY = 2 ** -10;
const EXTRANONCE2 = 'a1b2c3d4';
const HARD_BITS = 0x1d00ffff;

function template(file: string): BlockTemplate {
  return decodeTemplate(JSON.parse(fs.readFileSync(path.join(ROOT, 'litecoind-samples', file), 'utf8')));
}

/** The same template with a mainnet-like block target, so no share is a block. */
function hardTemplate(t: BlockTemplate): BlockTemplate {
  return { ...t, bits: HARD_BITS, target: hash.bitsToTarget(HARD_BITS) };
}

class FakeSession implements SessionView {
  readonly id = 1;
  readonly ip = '127.0.0.1';
  readonly port = 3333;
  readonly extranonce1 = Buffer.from('0badcafe', 'hex');
  readonly extranonce2Size = 4;
  versionMask = 0;
  difficulty = BASE_DIFFICULTY;
  readonly worker: AuthorizedWorker = { name: 'w.1', user: 'w', payoutKey: '' };
  readonly sent = new Map<string, number>();

  jobDifficulty(jobId: string): number | undefined {
    return this.sent.get(jobId);
  }
}

interface Ground {
  nonce: number;
  header: Buffer;
  powHash: Buffer;
  difficulty: number;
}

/** Winning nonces of a job for this session and share fields, with their hashes. */
async function grind(job: Job, session: SessionView, ntime: number, count: number, versionBits?: number): Promise<Ground[]> {
  const input = {
    extranonce1: session.extranonce1,
    extranonce2: Buffer.from(EXTRANONCE2, 'hex'),
    ntime,
    nonce: 0,
    versionBits,
    versionMask: session.versionMask,
  };
  const base = assembleShare(job, input).header;
  const target = hash.difficultyToTarget(BASE_DIFFICULTY, NETWORK.difficultyFactor);
  const result = await hash.scan({ pow: NETWORK.pow, header: base, nonceStart: 0, nonceCount: 4096, target, maxFound: count });
  assert.ok(result.nonces.length >= count, `only ${result.nonces.length} winners in 4096 nonces`);
  return result.nonces.slice(0, count).map((nonce) => {
    const header = assembleShare(job, { ...input, nonce }).header;
    const powHash = hash.powHash(NETWORK.pow, header);
    return { nonce, header, powHash, difficulty: hash.targetToDifficulty(bytesLEToTarget(powHash), NETWORK.difficultyFactor) };
  });
}

function submission(job: Job, g: Ground, ntime: number, versionBits?: string): SubmitParams {
  const s: SubmitParams = { worker: 'w.1', jobId: job.jobId, extranonce2: EXTRANONCE2, ntime: hex32(ntime), nonce: hex32(g.nonce) };
  if (versionBits !== undefined) s.versionBits = versionBits;
  return s;
}

function newBook(): JobBook {
  return new JobBook({ extranonce1Size: 4, extranonce2Size: 4, poolTag: Buffer.from('/hashpool/') }, () => ({ script: PAYOUT }));
}

function rejectedOf(v: ShareVerdict): { code: number; reason: string } | undefined {
  return v.ok ? undefined : { code: v.code, reason: v.reason };
}

interface ShareCase {
  name: string;
  submit?: Record<string, unknown>;
  session?: { versionMask?: string; notSent?: boolean; bound?: string; current?: string };
  expect: { ok?: boolean; credited?: string; code?: number; reason?: string; notReason?: string };
}

describe('pool/share-validator', function () {
  this.timeout(120_000);
  const sample = template('gbt-h113-premweb-4tx.json');
  const now = sample.curtime + 100;

  describe('submission table (share-cases.json)', () => {
    const table = JSON.parse(fs.readFileSync(path.join(ROOT, 'pool', 'share-cases.json'), 'utf8')) as { cases: ShareCase[] };
    const book = newBook();
    book.onTemplate(hardTemplate(sample), true);
    const job = book.jobFor('') as Job;
    let ground: Ground;

    before(async () => {
      [ground] = await grind(job, new FakeSession(), sample.curtime, 1);
    });

    function difficulty(token: string | undefined): number {
      if (token === undefined || token === 'base') return BASE_DIFFICULTY;
      if (token === 'share*2') return ground.difficulty * 2;
      if (token === 'share/2') return ground.difficulty / 2;
      throw new Error(`unknown difficulty token ${token}`);
    }

    function field(value: unknown): unknown {
      if (typeof value !== 'string') return value;
      if (value === '$mintime-1') return hex32(job.mintime - 1);
      const future = /^\$now\+(\d+)$/.exec(value);
      if (future !== null) return hex32(now + Number(future[1]));
      return value
        .replace('$nonce', hex32(ground.nonce))
        .replace('$NONCE', hex32(ground.nonce).toUpperCase())
        .replace('$ntime', hex32(sample.curtime));
    }

    for (const c of table.cases) {
      it(c.name, async () => {
        const session = new FakeSession();
        if (c.session?.versionMask !== undefined) session.versionMask = Number.parseInt(c.session.versionMask, 16);
        session.difficulty = difficulty(c.session?.current);
        if (c.session?.notSent !== true) session.sent.set(job.jobId, difficulty(c.session?.bound));
        const share: Record<string, unknown> = { ...submission(job, ground, sample.curtime) };
        for (const [key, value] of Object.entries(c.submit ?? {})) share[key] = field(value);
        const validator = new ShareValidator({ network: NETWORK, jobs: book, now: () => now });
        const verdict = await validator.validate(session, share as unknown as SubmitParams);
        assert.equal(verdict.block, undefined);
        if (c.expect.notReason !== undefined) {
          assert.notEqual(rejectedOf(verdict)?.reason, c.expect.notReason);
          return;
        }
        if (c.expect.ok === true) {
          assert.ok(verdict.ok, `rejected: ${JSON.stringify(rejectedOf(verdict))}`);
          assert.equal(verdict.creditedDifficulty, difficulty(c.expect.credited));
          assert.ok(verdict.header.equals(ground.header));
          assert.ok(verdict.powHash.equals(ground.powHash));
          assert.equal(verdict.shareDifficulty, ground.difficulty);
          assert.equal(verdict.job.jobId, job.jobId);
        } else {
          assert.deepEqual(rejectedOf(verdict), { code: c.expect.code, reason: c.expect.reason });
          assert.equal(typeof (verdict as { message: string }).message, 'string');
        }
      });
    }
  });

  describe('sequences', () => {
    it('a resubmission, also in other hex case, is a duplicate (22); the first is kept', async () => {
      const book = newBook();
      book.onTemplate(hardTemplate(sample), true);
      const job = book.jobFor('') as Job;
      const session = new FakeSession();
      session.sent.set(job.jobId, BASE_DIFFICULTY);
      const [g] = await grind(job, session, sample.curtime, 1);
      const validator = new ShareValidator({ network: NETWORK, jobs: book, now: () => now });
      const first = submission(job, g, sample.curtime);
      assert.equal((await validator.validate(session, first)).ok, true);
      assert.deepEqual(rejectedOf(await validator.validate(session, first)), { code: 22, reason: 'duplicate' });
      const upper = { ...first, nonce: first.nonce.toUpperCase(), extranonce2: first.extranonce2.toUpperCase() };
      assert.deepEqual(rejectedOf(await validator.validate(session, upper)), { code: 22, reason: 'duplicate' });
    });

    it('the same nonce with other version bits is not a duplicate', async () => {
      const book = newBook();
      book.onTemplate(hardTemplate(sample), true);
      const job = book.jobFor('') as Job;
      const session = new FakeSession();
      session.versionMask = 0x1fffe000;
      session.sent.set(job.jobId, BASE_DIFFICULTY);
      const [g] = await grind(job, session, sample.curtime, 1, 0x00002000);
      const validator = new ShareValidator({ network: NETWORK, jobs: book, now: () => now });
      const rolled = await validator.validate(session, submission(job, g, sample.curtime, '00002000'));
      assert.ok(rolled.ok);
      assert.equal(rolled.header.readUInt32LE(0), ((job.version & ~0x1fffe000) | 0x2000) >>> 0);
      const other = await validator.validate(session, submission(job, g, sample.curtime, '00004000'));
      assert.notEqual(rejectedOf(other)?.reason, 'duplicate');
      const again = await validator.validate(session, submission(job, g, sample.curtime, '00002000'));
      assert.deepEqual(rejectedOf(again), { code: 22, reason: 'duplicate' });
    });

    it('a job of a replaced template is stale (21) after a clean template, and unknown once forgotten', async () => {
      const book = new JobBook({ extranonce1Size: 4, extranonce2Size: 4, poolTag: Buffer.alloc(0), keepTemplates: 2 }, () => ({ script: PAYOUT }));
      const duplicates = new DuplicateFilter();
      book.onTemplate(hardTemplate(sample), true);
      const job = book.jobFor('') as Job;
      const session = new FakeSession();
      session.sent.set(job.jobId, BASE_DIFFICULTY);
      const [g] = await grind(job, session, sample.curtime, 1);
      const validator = new ShareValidator({ network: NETWORK, jobs: book, now: () => now, duplicates });
      book.onTemplate(hardTemplate(template('gbt-h433-mweb-active-3tx.json')), true);
      const stale = await validator.validate(session, submission(job, g, sample.curtime));
      assert.deepEqual(rejectedOf(stale), { code: 21, reason: 'stale' });
      assert.equal(stale.block, undefined);
      assert.equal(duplicates.jobCount, 1);
      book.onTemplate(hardTemplate(template('gbt-h505-mweb-pegin.json')), true);
      assert.equal(duplicates.jobCount, 0, 'the forgotten job took its duplicate keys along');
      assert.deepEqual(rejectedOf(await validator.validate(session, submission(job, g, sample.curtime))), {
        code: 21,
        reason: 'job-not-found',
      });
    });

    it('a refresh of the same tip without clean_jobs keeps older jobs valid', async () => {
      const book = newBook();
      book.onTemplate(hardTemplate(sample), true);
      const job = book.jobFor('') as Job;
      const session = new FakeSession();
      session.sent.set(job.jobId, BASE_DIFFICULTY);
      const [g] = await grind(job, session, sample.curtime, 1);
      book.onTemplate(hardTemplate({ ...sample, curtime: sample.curtime + 30 }), false);
      const validator = new ShareValidator({ network: NETWORK, jobs: book, now: () => now });
      assert.equal((await validator.validate(session, submission(job, g, sample.curtime))).ok, true);
    });
  });

  describe('block candidates', () => {
    for (const file of ['gbt-h113-premweb-4tx.json', 'gbt-h433-mweb-active-3tx.json']) {
      it(`${file}: a share under the block target carries the block, and the block parses back`, async () => {
        const t = template(file);
        const book = newBook();
        book.onTemplate(t, true);
        const job = book.jobFor('') as Job;
        const session = new FakeSession();
        session.sent.set(job.jobId, BASE_DIFFICULTY);
        const winners = await grind(job, session, t.curtime, 8);
        const g = winners.find((w) => bytesLEToTarget(w.powHash) <= job.target);
        assert.ok(g !== undefined);
        const validator = new ShareValidator({ network: NETWORK, jobs: book, now: () => t.curtime });
        const verdict = await validator.validate(session, submission(job, g, t.curtime));
        assert.ok(verdict.ok && verdict.block !== undefined);
        checkBlock(verdict.block.hex, g.header, job, session.extranonce1, t);
        assert.equal(verdict.block.hash, Buffer.from(hash.sha256d(g.header)).reverse().toString('hex'));
        assert.equal(verdict.block.height, t.height);
      });
    }

    it('a block candidate on a stale job is answered 21 stale and still carries the block', async () => {
      const t = template('gbt-h433-mweb-active-3tx.json');
      const book = newBook();
      book.onTemplate(t, true);
      const job = book.jobFor('') as Job;
      const session = new FakeSession();
      session.sent.set(job.jobId, BASE_DIFFICULTY);
      const winners = await grind(job, session, t.curtime, 8);
      const g = winners.find((w) => bytesLEToTarget(w.powHash) <= job.target) as Ground;
      book.onTemplate(template('gbt-h505-mweb-pegin.json'), true);
      const validator = new ShareValidator({ network: NETWORK, jobs: book, now: () => t.curtime });
      const verdict = await validator.validate(session, submission(job, g, t.curtime));
      assert.deepEqual(rejectedOf(verdict), { code: 21, reason: 'stale' });
      assert.ok(verdict.block !== undefined);
      checkBlock(verdict.block.hex, g.header, job, session.extranonce1, t);
    });

    it('sha256d (bitcoin-regtest params): PoW inline, block hash is the PoW hash reversed', async () => {
      const network = getNetwork('bitcoin-regtest');
      const t = template('gbt-h102-premweb-empty.json');
      const book = newBook();
      book.onTemplate(t, true);
      const job = book.jobFor('') as Job;
      const session = new FakeSession();
      session.difficulty = 2 ** -28;
      session.sent.set(job.jobId, session.difficulty);
      const header = assembleShare(job, { extranonce1: session.extranonce1, extranonce2: Buffer.from(EXTRANONCE2, 'hex'), ntime: t.curtime, nonce: 0 }).header;
      const scan = await hash.scan({ pow: network.pow, header, nonceStart: 0, nonceCount: 4096, target: hash.difficultyToTarget(2 ** -28, 1), maxFound: 1 });
      const nonce = scan.nonces[0];
      const validator = new ShareValidator({ network, jobs: book, now: () => t.curtime });
      const verdict = await validator.validate(session, { worker: 'w', jobId: job.jobId, extranonce2: EXTRANONCE2, ntime: hex32(t.curtime), nonce: hex32(nonce) });
      assert.ok(verdict.ok);
      assert.ok(verdict.powHash.equals(hash.sha256d(verdict.header)));
      if (verdict.block !== undefined) assert.equal(verdict.block.hash, Buffer.from(verdict.powHash).reverse().toString('hex'));
      assert.equal(verdict.block !== undefined, bytesLEToTarget(verdict.powHash) <= job.target);
    });
  });

  describe('against litecoind regtest', () => {
    let node: LitecoindNode;
    before(async () => {
      // getblocktemplate needs a peer, hence a pair.
      [node] = await connectPair({ mineBlocks: 101 });
    });
    after(async () => {
      await stopAllLitecoind();
    });

    it('a solo block candidate from the validator is accepted by submitblock and pays the miner', async () => {
      const address = await node.newAddress('bech32');
      const t = decodeTemplate(await node.rpc('getblocktemplate', { rules: NETWORK.gbtRules }));
      const book = new JobBook({ extranonce1Size: 4, extranonce2Size: 4, poolTag: Buffer.from('/hashpool/') }, outputsForMode(NETWORK, { mode: 'solo' }));
      book.onTemplate(t, true);
      const job = book.jobFor(address) as Job;
      const session = new FakeSession();
      session.sent.set(job.jobId, BASE_DIFFICULTY);
      const g = (await grind(job, session, t.curtime, 8)).find((w) => bytesLEToTarget(w.powHash) <= job.target) as Ground;
      const validator = new ShareValidator({ network: NETWORK, jobs: book });
      const verdict = await validator.validate(session, submission(job, g, t.curtime));
      assert.ok(verdict.ok && verdict.block !== undefined);
      assert.equal(await node.rpc('submitblock', verdict.block.hex), null);
      assert.equal(await node.rpc('getbestblockhash'), verdict.block.hash);
      const block = await node.rpc<{ tx: { vout: { value: number; scriptPubKey: { address?: string; addresses?: string[] } }[] }[] }>(
        'getblock', verdict.block.hash, 2,
      );
      const paid = block.tx[0].vout[0];
      assert.equal(paid.scriptPubKey.address ?? paid.scriptPubKey.addresses?.[0], address);
      assert.equal(BigInt(Math.round(paid.value * 1e8)), t.coinbaseValue);
    });
  });

  describe('PowChecker', () => {
    function spy(): { backend: HashBackend; batches: number[] } {
      const batches: number[] = [];
      const backend: HashBackend = {
        ...hash,
        validateHeaders: (pow, headers, targets, signal) => {
          batches.push(headers.length);
          return hash.validateHeaders(pow, headers, targets, signal);
        },
      };
      return { backend, batches };
    }
    const headers = Array.from({ length: 10 }, (_, i) => Buffer.alloc(80, i + 1));

    for (const pow of [NETWORK.pow, { algorithm: 'x11' as const }]) {
      it(`${pow.algorithm}: headers of one tick go in one batch, split at maxBatch, hashes match powHash`, async () => {
        const one = spy();
        const checker = new PowChecker(pow, { backend: one.backend });
        const got = await Promise.all(headers.map((h) => checker.hash(h)));
        assert.deepEqual(one.batches, [10]);
        got.forEach((g, i) => assert.ok(g.equals(hash.powHash(pow, headers[i]))));
        const split = spy();
        const small = new PowChecker(pow, { backend: split.backend, maxBatch: 4 });
        await Promise.all(headers.map((h) => small.hash(h)));
        assert.deepEqual(split.batches, [4, 4, 2]);
      });
    }

    it('sha256d is computed inline, without validateHeaders', async () => {
      const s = spy();
      const checker = new PowChecker({ algorithm: 'sha256d' }, { backend: s.backend });
      assert.ok((await checker.hash(headers[0])).equals(hash.sha256d(headers[0])));
      assert.deepEqual(s.batches, []);
    });

    it('a failing backend rejects every header of the batch with PowCheckError, and the validator answers internal', async () => {
      const backend: HashBackend = { ...hash, validateHeaders: () => Promise.reject(new Error('boom')) };
      const checker = new PowChecker(NETWORK.pow, { backend });
      const results = await Promise.allSettled(headers.slice(0, 3).map((h) => checker.hash(h)));
      for (const r of results) assert.ok(r.status === 'rejected' && r.reason instanceof PowCheckError);

      const book = newBook();
      book.onTemplate(hardTemplate(sample), true);
      const job = book.jobFor('') as Job;
      const session = new FakeSession();
      session.sent.set(job.jobId, BASE_DIFFICULTY);
      const validator = new ShareValidator({ network: NETWORK, jobs: book, pow: checker, now: () => now });
      const verdict = await validator.validate(session, { worker: 'w', jobId: job.jobId, extranonce2: EXTRANONCE2, ntime: hex32(sample.curtime), nonce: '00000000' });
      assert.deepEqual(rejectedOf(verdict), { code: 20, reason: 'internal' });
    });
  });
});

/** Parses the block: header, tx count, coinbase (checked against the job and the header's merkle root), then the template's txs and MWEB tail. */
function checkBlock(blockHex: string, header: Buffer, job: Job, extranonce1: Buffer, t: BlockTemplate): void {
  const block = Buffer.from(blockHex, 'hex');
  assert.ok(block.subarray(0, 80).equals(header));
  const r = new BufferReader(block.subarray(80));
  assert.equal(r.varint(), t.transactions.length + 1);
  const stripped = Buffer.concat([job.coinb1, extranonce1, Buffer.from(EXTRANONCE2, 'hex'), job.coinb2]);
  const root = hash.merkleFoldBranch(hash.sha256d(stripped), job.merkleBranch, 0);
  assert.ok(root.equals(header.subarray(36, 68)), 'merkle root of the expected coinbase');
  let rest = block.subarray(80 + r.offset);
  if (job.hasWitnessCommitment) {
    // Witness form: version, 00 01, body, one 32-byte zero witness item, locktime.
    const body = stripped.subarray(4, stripped.length - 4);
    const witness = Buffer.concat([stripped.subarray(0, 4), Buffer.from([0, 1]), body, Buffer.from([1, 32]), Buffer.alloc(32), stripped.subarray(stripped.length - 4)]);
    assert.ok(rest.subarray(0, witness.length).equals(witness), 'witness-form coinbase');
    rest = rest.subarray(witness.length);
  } else {
    assert.ok(rest.subarray(0, stripped.length).equals(stripped));
    rest = rest.subarray(stripped.length);
  }
  const tail = Buffer.concat([...t.transactions.map((tx) => tx.data), ...(t.mweb !== undefined ? [Buffer.from([1]), t.mweb] : [])]);
  assert.ok(rest.equals(tail), 'template transactions (and MWEB tail) follow the coinbase');
}
