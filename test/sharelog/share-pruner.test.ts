// Share retention: the pure cutoff rule, and SharePruner against real SQLite files and a real
// redis-server (the same table for both).
import assert from 'node:assert/strict';
import { once } from 'node:events';
import fs from 'node:fs';
import path from 'node:path';
import { parseConfigText } from '../../lib/config';
import { createLogger, type Logger } from '../../lib/log/logger';
import { HashpoolError } from '../../lib/hash/errors';
import { DAY_MS, SharePruner, createSharePruner, pruneCutoff, type CutoffInput, type PruneRun } from '../../lib/pool/share-pruner';
import { decodeTemplate } from '../../lib/mining/template';
import { pplnsWindowDifficulty } from '../../lib/pool/payout-outputs';
import { getNetwork } from '../../lib/protocol';
import { ShareLogError, type ShareLog } from '../../lib/sharelog';
import { makeShare, redisBackend, sqliteBackend, type Backend } from './fixtures';

const T0 = 1_700_000_000_000;

const CUTOFF_CASES: Array<{ what: string; input: CutoffInput; expected: number }> = [
  { what: 'solo/pool: now - retainDays', input: { now: T0, retainDays: 30 }, expected: T0 - 30 * DAY_MS },
  { what: 'a fraction of a day', input: { now: T0, retainDays: 0.25 }, expected: T0 - DAY_MS / 4 },
  { what: 'a window starting before the age cutoff moves the cutoff back', input: { now: T0, retainDays: 1, windowStart: T0 - 5 * DAY_MS }, expected: T0 - 5 * DAY_MS },
  { what: 'a window starting after the age cutoff changes nothing', input: { now: T0, retainDays: 1, windowStart: T0 - 1000 }, expected: T0 - DAY_MS },
  { what: 'a window starting exactly at the age cutoff', input: { now: T0, retainDays: 1, windowStart: T0 - DAY_MS }, expected: T0 - DAY_MS },
  { what: 'a window needing every share prunes nothing', input: { now: T0, retainDays: 1, windowStart: -Infinity }, expected: -Infinity },
  { what: 'an empty window needs no share', input: { now: T0, retainDays: 1, windowStart: Infinity }, expected: T0 - DAY_MS },
  { what: 'a window start that is not a number prunes nothing', input: { now: T0, retainDays: 1, windowStart: Number.NaN }, expected: -Infinity },
  { what: 'retainDays 0 prunes nothing', input: { now: T0, retainDays: 0 }, expected: -Infinity },
  { what: 'negative retainDays prunes nothing', input: { now: T0, retainDays: -1 }, expected: -Infinity },
  { what: 'a clock that is not a number prunes nothing', input: { now: Number.NaN, retainDays: 1 }, expected: -Infinity },
];

describe('pruneCutoff', () => {
  for (const c of CUTOFF_CASES) {
    it(c.what, () => {
      assert.equal(pruneCutoff(c.input), c.expected);
    });
  }
});

function capture(): { log: Logger; lines: string[] } {
  const lines: string[] = [];
  return { log: createLogger({ level: 'debug', write: (line) => lines.push(line) }), lines };
}

async function appendAll(log: ShareLog, shares: Array<{ time: number; difficulty?: number; user?: string }>): Promise<void> {
  await Promise.all(shares.map((s, n) => log.append(makeShare(n, { ...s, worker: `${s.user ?? 'u'}.w`, user: s.user ?? 'u' }))));
}

/** `count` shares of difficulty 1, one ms apart from `from`, users cycling a/b/c. */
function series(from: number, count: number): Array<{ time: number; user: string }> {
  return Array.from({ length: count }, (_, i) => ({ time: from + i, user: 'abc'[i % 3] }));
}

for (const make of [sqliteBackend, redisBackend]) {
  const backend: Backend = make();
  describe(`SharePruner: ${backend.name}`, function () {
    const logs: ShareLog[] = [];
    const pruners: SharePruner[] = [];
    async function open(): Promise<ShareLog> {
      const log = await backend.open({ pruneBatch: 16 });
      logs.push(log);
      return log;
    }
    function pruner(options: Omit<ConstructorParameters<typeof SharePruner>[0], 'log'> & { log?: Logger }): SharePruner {
      const p = new SharePruner({ log: capture().log, ...options });
      pruners.push(p);
      return p;
    }
    afterEach(async () => {
      await Promise.all(pruners.splice(0).map((p) => p.stop()));
    });
    after(async () => {
      await Promise.all(logs.map((log) => log.close()));
      await backend.teardown();
    });

    it('solo/pool: deletes shares older than retainDays and keeps the newer ones', async () => {
      const log = await open();
      // Five shares on each of days 0..9.
      await appendAll(log, Array.from({ length: 50 }, (_, i) => ({ time: T0 + Math.floor(i / 5) * DAY_MS + (i % 5) })));
      const run = await pruner({ shareLog: log, retainDays: 3, now: () => T0 + 10 * DAY_MS }).runOnce();
      assert.deepEqual(run, { cutoff: T0 + 7 * DAY_MS, deleted: 35 });
      assert.equal(await log.shareCount(), 15);
      assert.equal(await log.shareCount({ since: T0 + 7 * DAY_MS }), 15);
    });

    it('pplns: never cuts the window, however old its shares are', async () => {
      const log = await open();
      await appendAll(log, series(T0, 100));
      const before = await log.pplnsWindow(30);
      // Every share is 100 days old; only the window keeps any.
      const p = pruner({ shareLog: log, retainDays: 1, windowDifficulty: () => 30, windowMargin: 1, now: () => T0 + 100 * DAY_MS });
      assert.deepEqual(await p.runOnce(), { cutoff: T0 + 70, deleted: 70 });
      assert.deepEqual(await log.pplnsWindow(30), before);
      assert.equal(await log.shareCount(), 30);
      // New shares move the window on; the next run follows it.
      await appendAll(log, series(T0 + 1000, 12));
      const moved = await log.pplnsWindow(30);
      assert.deepEqual(await p.runOnce(), { cutoff: T0 + 82, deleted: 12 });
      assert.deepEqual(await log.pplnsWindow(30), moved);
    });

    it('pplns: keeps the window times the default margin', async () => {
      const log = await open();
      await appendAll(log, series(T0, 100));
      const before = await log.pplnsWindow(60);
      const run = await pruner({ shareLog: log, retainDays: 1, windowDifficulty: () => 30, now: () => T0 + 100 * DAY_MS }).runOnce();
      assert.equal(run.deleted, 40);
      assert.deepEqual(await log.pplnsWindow(60), before);
    });

    it('pplns: prunes nothing while the window is unknown or larger than the log', async () => {
      const log = await open();
      await appendAll(log, series(T0, 20));
      const now = (): number => T0 + 100 * DAY_MS;
      const unknown = await pruner({ shareLog: log, retainDays: 1, windowDifficulty: () => undefined, now }).runOnce();
      assert.equal(unknown.deleted, 0);
      assert.match(unknown.skipped ?? '', /not known/);
      const tooBig = await pruner({ shareLog: log, retainDays: 1, windowDifficulty: () => 15, now }).runOnce();
      assert.equal(tooBig.deleted, 0);
      assert.equal(await log.shareCount(), 20);
    });

    it('runs on its timer: shortly after start, then every interval, until stopped', async () => {
      const log = await open();
      await appendAll(log, series(T0, 10));
      const p = pruner({ shareLog: log, retainDays: 1, firstDelayMs: 0, intervalMs: 20, now: () => T0 + 10 * DAY_MS });
      const first = once(p, 'run');
      p.start();
      assert.equal(((await first)[0] as PruneRun).deleted, 10);
      // Appended after the first run: a later run finds them.
      await appendAll(log, series(T0 + 100, 4));
      let run: PruneRun;
      do [run] = (await once(p, 'run')) as [PruneRun];
      while (run.deleted === 0);
      assert.equal(run.deleted, 4);
      await p.stop();
      assert.equal(await log.shareCount(), 0);
    });

    it('logs a failing run and keeps going instead of throwing out of the timer', async () => {
      const closed = await backend.open();
      await closed.close();
      const { log, lines } = capture();
      const p = pruner({ shareLog: closed, retainDays: 1, firstDelayMs: 0, intervalMs: 5, log, now: () => T0 });
      const fails = once(p, 'fail');
      p.start();
      const [error] = (await fails) as [unknown];
      assert.ok(error instanceof ShareLogError && error.code === 'ERR_SHARELOG_CLOSED');
      // And again on the next interval: the timer survived the first failure.
      await once(p, 'fail');
      await p.stop();
      assert.ok(lines.some((line) => line.includes('share prune failed') && line.includes('closed')), lines.join(''));
      await assert.rejects(p.runOnce(), (e: unknown) => e instanceof ShareLogError);
    });

    it('stop waits for a run in progress', async () => {
      const log = await open();
      await appendAll(log, series(T0, 200));
      const p = pruner({ shareLog: log, retainDays: 1, now: () => T0 + DAY_MS * 2 });
      let settled = false;
      const run = p.runOnce().finally(() => {
        settled = true;
      });
      await p.stop();
      assert.equal(settled, true);
      assert.equal((await run).deleted, 200);
    });
  });
}

describe('SharePruner settings', () => {
  const YAML = `
network: litecoin-regtest
daemons: [{ url: "http://u:p@127.0.0.1:19443" }]
payout: { mode: solo }
stratum: { ports: [{ port: 3333, difficulty: 1 }] }
`;
  const network = getNetwork('litecoin-regtest');

  it('refuses a retention that is not > 0 days with ERR_POOL_CONFIG', () => {
    for (const retainDays of [0, -1, Number.NaN, Infinity]) {
      assert.throws(
        () => new SharePruner({ shareLog: {} as ShareLog, retainDays, log: capture().log }),
        (e: unknown) => e instanceof HashpoolError && e.code === 'ERR_POOL_CONFIG',
      );
    }
  });

  it('the pool gets no pruner without shareLog.retainDays, and one that keeps the window in pplns mode', async () => {
    const keepAll = parseConfigText(YAML, 'keep.yml');
    assert.equal(keepAll.shareLog.retainDays, undefined);
    assert.equal(createSharePruner(keepAll, network, {} as ShareLog, () => undefined, capture().log), undefined);

    const config = parseConfigText(`${YAML}shareLog: { retainDays: 2.5 }\n`, 'retain.yml');
    assert.equal(config.shareLog.retainDays, 2.5);
    const backend = sqliteBackend();
    const log = await backend.open();
    try {
      await appendAll(log, series(Date.now() - 10 * DAY_MS, 5));
      config.payout.mode = 'pplns';
      // pplns without a template: the window is unknown, so nothing goes.
      const pplns = createSharePruner(config, network, log, () => undefined, capture().log);
      assert.ok(pplns instanceof SharePruner);
      assert.equal((await pplns.runOnce()).deleted, 0);
      config.payout.mode = 'solo';
      const solo = createSharePruner(config, network, log, () => undefined, capture().log);
      assert.equal((await solo?.runOnce())?.deleted, 5);
    } finally {
      await log.close();
      await backend.teardown();
    }
  });

  it('in pplns mode keeps windowFactor x the difficulty of the current template (x the margin)', async () => {
    const sample = path.resolve(__dirname, '..', '..', '..', 'test', 'data', 'litecoind-samples', 'gbt-h113-premweb-4tx.json');
    const template = decodeTemplate(JSON.parse(fs.readFileSync(sample, 'utf8')));
    const config = parseConfigText(`${YAML}shareLog: { retainDays: 1 }
`, 'pplns.yml');
    config.payout.mode = 'pplns';
    // A window of 10.25 shares of difficulty 1 at this template's (regtest) difficulty; with
    // the margin of 2, 20.5: the newest 21 shares. Off any share boundary, so rounding cannot matter.
    config.payout.pplns.windowFactor = 10.25 / pplnsWindowDifficulty(template, network, 1);
    const backend = sqliteBackend();
    const log = await backend.open();
    try {
      await appendAll(log, series(Date.now() - 10 * DAY_MS, 50));
      const before = await log.pplnsWindow(20.5);
      const pruner = createSharePruner(config, network, log, () => template, capture().log);
      assert.equal((await pruner?.runOnce())?.deleted, 29);
      assert.deepEqual(await log.pplnsWindow(20.5), before);
    } finally {
      await log.close();
      await backend.teardown();
    }
  });
});
