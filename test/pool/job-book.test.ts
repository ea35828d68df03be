// JobBook on real templates (test/data/litecoind-samples): ids, per-payout caching, staleness,
// forgetting, and typed failures.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { buildJob } from '../../lib/mining/job';
import { decodeTemplate, type BlockTemplate } from '../../lib/mining/template';
import { JobBuildError, PoolConfigError } from '../../lib/pool/errors';
import { JobBook, type OutputsFor } from '../../lib/pool/job-book';

const SAMPLES = path.resolve(__dirname, '..', '..', '..', 'test', 'data', 'litecoind-samples');
const load = (file: string): BlockTemplate => decodeTemplate(JSON.parse(fs.readFileSync(path.join(SAMPLES, file), 'utf8')));
const T113 = load('gbt-h113-premweb-4tx.json');
const T433 = load('gbt-h433-mweb-active-3tx.json');
const T505 = load('gbt-h505-mweb-pegin.json');
const OPTIONS = { extranonce1Size: 4, extranonce2Size: 8, poolTag: Buffer.from('/hp/') };

/** Payout key = 20-byte hex program of a P2WPKH script, so each key gives a distinct coinbase. */
const byKey: OutputsFor = (key) => ({ script: Buffer.from('0014' + (key === '' ? '00'.repeat(20) : key), 'hex') });

describe('pool/job-book', () => {
  it('no job before the first template', () => {
    const book = new JobBook(OPTIONS, byKey);
    assert.equal(book.jobFor(''), undefined);
    assert.equal(book.templateCount, 0);
    assert.equal(book.lookup('1'), undefined);
  });

  it('builds a job per payout key on first use, caches it per template, with the job layer\'s coinbase', () => {
    const calls: string[] = [];
    const book = new JobBook(OPTIONS, (key, t) => {
      calls.push(`${key}@${t.height}`);
      return byKey(key, t);
    });
    book.onTemplate(T113, true);
    const shared = book.jobFor('');
    const solo = book.jobFor('11'.repeat(20));
    assert.ok(shared !== undefined && solo !== undefined);
    assert.equal(book.jobFor(''), shared);
    assert.deepEqual(calls, ['@113', `${'11'.repeat(20)}@113`]);
    assert.notEqual(shared.jobId, solo.jobId);
    assert.ok(!shared.coinb2.equals(solo.coinb2));
    const reference = buildJob(T113, { jobId: shared.jobId, outputs: byKey('', T113), ...OPTIONS });
    assert.ok(shared.coinb1.equals(reference.coinb1) && shared.coinb2.equals(reference.coinb2));
    assert.equal(shared.extranonce2Size, 8);

    book.onTemplate(T433, false);
    const next = book.jobFor('');
    assert.ok(next !== undefined && next !== shared);
    assert.equal(next.height, 433);
  });

  it('job ids are short lower-case hex, unique across books and never reused', () => {
    const ids = new Set<string>();
    for (let b = 0; b < 3; b++) {
      const book = new JobBook({ ...OPTIONS, keepTemplates: 1 }, byKey);
      for (const t of [T113, T433, T505, T113]) {
        book.onTemplate(t, true);
        for (const key of ['', '22'.repeat(20)]) {
          const id = (book.jobFor(key) as { jobId: string }).jobId;
          assert.match(id, /^[0-9a-f]{1,8}$/);
          assert.ok(!ids.has(id), `id ${id} reused`);
          ids.add(id);
        }
      }
    }
  });

  it('clean templates make older jobs stale; a refresh on the same tip does not; a new tip always does', () => {
    const book = new JobBook(OPTIONS, byKey);
    book.onTemplate(T113, true);
    const a = book.jobFor('') as { jobId: string };
    book.onTemplate({ ...T113, curtime: T113.curtime + 30 }, false);
    const b = book.jobFor('') as { jobId: string };
    assert.equal(book.lookup(a.jobId)?.stale, false);
    assert.equal(book.lookup(b.jobId)?.stale, false);
    book.onTemplate({ ...T113, curtime: T113.curtime + 60 }, true);
    assert.equal(book.lookup(a.jobId)?.stale, true);
    assert.equal(book.lookup(b.jobId)?.stale, true);
    const c = book.jobFor('') as { jobId: string };
    assert.equal(book.lookup(c.jobId)?.stale, false);
    // Another prevhash without clean_jobs: still stale, the old work cannot make a block.
    book.onTemplate(T433, false);
    assert.equal(book.lookup(c.jobId)?.stale, true);
    assert.equal(book.lookup(c.jobId)?.job.jobId, c.jobId);
  });

  it('keeps keepTemplates templates and tells listeners which jobs it forgot', () => {
    const book = new JobBook({ ...OPTIONS, keepTemplates: 2 }, byKey);
    const forgotten: string[][] = [];
    book.onForget((ids) => forgotten.push([...ids]));
    book.onTemplate(T113, true);
    const a = (book.jobFor('') as { jobId: string }).jobId;
    const a2 = (book.jobFor('33'.repeat(20)) as { jobId: string }).jobId;
    book.onTemplate(T433, true);
    assert.equal(book.templateCount, 2);
    assert.deepEqual(forgotten, []);
    book.onTemplate(T505, true);
    assert.equal(book.templateCount, 2);
    assert.deepEqual(forgotten, [[a, a2]]);
    assert.equal(book.lookup(a), undefined);
  });

  it('outputsFor failures and impossible jobs throw JobBuildError naming the payout key', () => {
    const book = new JobBook(OPTIONS, (key) => {
      if (key === 'bad') throw new Error('no such address');
      return [{ script: Buffer.from('51', 'hex'), value: 1n }];
    });
    book.onTemplate(T113, true);
    assert.throws(() => book.jobFor('bad'), (e: unknown) => e instanceof JobBuildError && e.payoutKey === 'bad' && /no such address/.test(e.message));
    // Outputs that do not sum to the coinbase value are an invalid block: refused.
    assert.throws(() => book.jobFor(''), (e: unknown) => e instanceof JobBuildError && e.code === 'ERR_POOL_JOB_BUILD' && /coinbase value/.test(e.message));
  });

  it('refuses impossible options', () => {
    assert.throws(() => new JobBook({ ...OPTIONS, keepTemplates: 0 }, byKey), PoolConfigError);
    assert.throws(() => new JobBook({ ...OPTIONS, extranonce2Size: 33 }, byKey), PoolConfigError);
  });
});
