import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { PoolStats, hashrateFrom, MAX_WORKER_NAME } from '../../lib/monitor/stats';
import { MonitorArgumentError, ERR_MONITOR_INVALID_ARGUMENT } from '../../lib/monitor/errors';
import { FakeClock } from './fake-clock';

interface HashrateCase {
  name: string;
  difficultyFactor: number;
  windowSeconds: number;
  nowMs: number;
  shares: Array<{ atMs: number; difficulty: number; accepted: boolean; reason?: string }>;
  expected: number;
}

const CASES_FILE = path.resolve(__dirname, '..', '..', '..', 'test', 'data', 'monitor', 'hashrate-cases.json');
const cases = (JSON.parse(fs.readFileSync(CASES_FILE, 'utf8')) as { cases: HashrateCase[] }).cases;

function assertClose(actual: number, expected: number, what: string): void {
  const tolerance = Math.max(1e-9, Math.abs(expected) * 1e-12);
  assert.ok(Math.abs(actual - expected) <= tolerance, `${what}: ${actual} != ${expected}`);
}

const MIN = 60_000;

describe('PoolStats hashrate', () => {
  assert.ok(cases.length >= 6);
  for (const c of cases) {
    it(c.name, () => {
      const clock = new FakeClock(0);
      const stats = new PoolStats({ difficultyFactor: c.difficultyFactor, hashrateWindowSeconds: c.windowSeconds, now: clock.now });
      for (const s of c.shares) {
        clock.ms = s.atMs;
        stats.recordShare({ worker: 'rig', difficulty: s.difficulty, accepted: s.accepted, reason: s.reason });
      }
      clock.ms = c.nowMs;
      assertClose(stats.poolHashrate(), c.expected, 'pool');
      assertClose(stats.workerHashrate('rig'), c.shares.length > 0 ? c.expected : 0, 'worker');
    });
  }

  it('counts a share stamped in the past in the bucket of its own time', () => {
    const clock = new FakeClock(10 * MIN);
    const stats = new PoolStats({ difficultyFactor: 1, hashrateWindowSeconds: 600, now: clock.now });
    // Received 20 minutes after it was found: outside the window already.
    clock.ms = 30 * MIN;
    stats.recordShare({ worker: 'a', difficulty: 50, accepted: true, time: 12 * MIN });
    stats.recordShare({ worker: 'a', difficulty: 2, accepted: true, time: 29 * MIN });
    assertClose(stats.poolHashrate(), hashrateFrom(2, 1, 600), 'pool');
  });

  it('is the pure formula', () => {
    // A scrypt difficulty-1 share is 2^16 hashes on average (target 2^240), a sha256d one 2^32.
    assert.equal(hashrateFrom(1, 65536, 1), 2 ** 16);
    assert.equal(hashrateFrom(1, 1, 1), 2 ** 32);
    assert.equal(hashrateFrom(3, 1, 0), 0);
  });
});

describe('PoolStats history', () => {
  it('hour: 60 full one-minute buckets ending before the current minute', () => {
    const clock = new FakeClock(0);
    const stats = new PoolStats({ difficultyFactor: 65536, now: clock.now });
    clock.ms = 5 * MIN + 1234;
    stats.recordShare({ worker: 'a', difficulty: 4, accepted: true });
    stats.recordShare({ worker: 'a', difficulty: 0, accepted: false, reason: 'stale' });
    clock.ms = 5 * MIN + 59_000;
    stats.recordShare({ worker: 'b', difficulty: 2, accepted: true });
    clock.ms = 7 * MIN + 5000; // minute 7 is partial and must not show
    stats.recordShare({ worker: 'a', difficulty: 100, accepted: true });

    const hour = stats.history('hour');
    assert.equal(hour.length, 60);
    assert.equal(hour[59].t, 6 * MIN);
    assert.equal(hour[0].t, 6 * MIN - 59 * MIN);
    for (let i = 1; i < 60; i++) assert.equal(hour[i].t - hour[i - 1].t, MIN);
    const m5 = hour.find((p) => p.t === 5 * MIN);
    assert.ok(m5);
    assert.deepEqual(m5, { t: 5 * MIN, hashrate: (6 * 2 ** 32) / 65536 / 60, accepted: 2, rejected: 1 });
    assert.equal(hour.filter((p) => p.accepted + p.rejected > 0).length, 1);

    const a = stats.workerHistory('a', 'hour').find((p) => p.t === 5 * MIN);
    assert.deepEqual(a, { t: 5 * MIN, hashrate: (4 * 2 ** 32) / 65536 / 60, accepted: 1, rejected: 1 });
    assert.deepEqual(stats.workerHistory('nobody', 'hour'), []);
  });

  it('day: 144 ten-minute buckets; data older than a day falls off', () => {
    const clock = new FakeClock(0);
    const stats = new PoolStats({ difficultyFactor: 1, now: clock.now });
    clock.ms = 15 * MIN;
    stats.recordShare({ worker: 'a', difficulty: 600, accepted: true });
    clock.ms = 25 * MIN;
    let day = stats.history('day');
    assert.equal(day.length, 144);
    assert.equal(day[143].t, 10 * MIN);
    assert.equal(day[143].hashrate, (600 * 2 ** 32) / 600);
    assert.equal(day[143].accepted, 1);

    clock.ms = 10 * MIN + 24 * 60 * MIN + 10 * MIN; // the 10-minute bucket is now 145 back
    day = stats.history('day');
    assert.equal(day.reduce((n, p) => n + p.accepted, 0), 0);
  });
});

describe('PoolStats counters', () => {
  it('perSecond and perMinute are the last full second and minute', () => {
    const clock = new FakeClock(0);
    const stats = new PoolStats({ difficultyFactor: 1, now: clock.now });
    clock.ms = 61_000 + 500;
    stats.recordConnection(1);
    stats.recordShare({ worker: 'a', difficulty: 1, accepted: true });
    stats.recordShare({ worker: 'a', difficulty: 1, accepted: true });
    stats.recordShare({ worker: 'a', difficulty: 0, accepted: false, reason: 'duplicate' });
    stats.recordBlock({ height: 10, hash: 'ab'.repeat(32), worker: 'a' });

    clock.ms = 61_999;
    assert.equal(stats.counters().perSecond.accepted, 0, 'the current second is not full yet');
    clock.ms = 62_000;
    const c = stats.counters();
    assert.deepEqual(c.perSecond, { accepted: 2, rejected: 1, rejectedByReason: { duplicate: 1 }, blocks: 1, connections: 1 });
    assert.equal(c.perMinute.accepted, 0);
    assert.deepEqual(c.total, c.perSecond);

    clock.ms = 63_000;
    assert.equal(stats.counters().perSecond.accepted, 0, 'a quiet second reads zero');
    clock.ms = 120_000;
    assert.deepEqual(stats.counters().perMinute, { accepted: 2, rejected: 1, rejectedByReason: { duplicate: 1 }, blocks: 1, connections: 1 });
    clock.ms = 180_000;
    assert.equal(stats.counters().perMinute.accepted, 0);
    assert.equal(stats.counters().total.accepted, 2);
  });

  it('tracks open connections and never goes below zero', () => {
    const stats = new PoolStats({ difficultyFactor: 1 });
    stats.recordConnection(1);
    stats.recordConnection(1);
    stats.recordConnection(-1);
    assert.equal(stats.connections(), 1);
    stats.recordConnection(-1);
    stats.recordConnection(-1);
    assert.equal(stats.connections(), 0);
    assert.equal(stats.counters().total.connections, 2);
  });

  it('workers: totals, reject rate, last share, difficulty, sorted by hashrate', () => {
    const clock = new FakeClock(1000 * MIN);
    const stats = new PoolStats({ difficultyFactor: 1, now: clock.now });
    stats.recordShare({ worker: 'small', difficulty: 1, accepted: true });
    clock.advance(1000);
    stats.recordShare({ worker: 'big', difficulty: 8, accepted: true });
    stats.recordShare({ worker: 'big', difficulty: 0, accepted: false, reason: 'low-difficulty' });
    stats.recordShare({ worker: 'big', difficulty: 0, accepted: false, reason: 'stale' });
    stats.recordShare({ worker: 'big', difficulty: 16, accepted: true });
    const list = stats.workers();
    assert.deepEqual(list.map((w) => w.name), ['big', 'small']);
    assert.equal(list[0].accepted, 2);
    assert.equal(list[0].rejected, 2);
    assert.equal(list[0].rejectRate, 0.5);
    assert.equal(list[0].difficulty, 16);
    assert.equal(list[0].lastShareAt, 1000 * MIN + 1000);
    // The pool is 1 s old here, so the divisor is the 60 s floor.
    assert.equal(list[0].hashrate, hashrateFrom(24, 1, 60));
  });
});

describe('PoolStats state and input checks', () => {
  it('keeps network, template age, daemons, share log, last block and notify', () => {
    const clock = new FakeClock(50_000);
    const stats = new PoolStats({ difficultyFactor: 1, now: clock.now });
    assert.equal(stats.template(), undefined);
    stats.setTemplate({ height: 101, receivedAt: 45_000 });
    stats.setNetwork({ height: 100, difficulty: 2.5, networkHashrate: 1e9 });
    stats.setDaemons([{ name: 'main', healthy: true }, { name: 'backup', healthy: false, lastError: 'ECONNREFUSED' }]);
    stats.setShareLog({ backend: 'redis', connected: false, buffered: 7 });
    stats.recordNotify({ sessions: 12, latencyMs: 3 });
    stats.recordBlock({ height: 101, hash: 'cd'.repeat(32), worker: 'w1', time: 49_000 });
    assert.deepEqual(stats.template(), { height: 101, receivedAt: 45_000, ageSeconds: 5 });
    assert.deepEqual(stats.network(), { height: 100, difficulty: 2.5, networkHashrate: 1e9 });
    assert.equal(stats.daemons()[1].lastError, 'ECONNREFUSED');
    assert.deepEqual(stats.shareLog(), { backend: 'redis', connected: false, buffered: 7 });
    assert.deepEqual(stats.lastBlock(), { height: 101, hash: 'cd'.repeat(32), worker: 'w1', time: 49_000 });
    assert.equal(stats.notifyState().lastSessions, 12);
    assert.equal(stats.notifyLatency().count, 1);
  });

  it('refuses bad options and bad numbers with a typed error', () => {
    const isArgError = (e: unknown): boolean => e instanceof MonitorArgumentError && e.code === ERR_MONITOR_INVALID_ARGUMENT;
    assert.throws(() => new PoolStats({ difficultyFactor: 0 }), isArgError);
    assert.throws(() => new PoolStats({ difficultyFactor: 1, hashrateWindowSeconds: 0.5 }), isArgError);
    const stats = new PoolStats({ difficultyFactor: 1 });
    assert.throws(() => stats.recordShare({ worker: 'a', difficulty: Number.NaN, accepted: true }), isArgError);
    assert.throws(() => stats.recordShare({ worker: 'a', difficulty: -1, accepted: true }), isArgError);
    assert.throws(() => stats.recordNotify({ sessions: 1, latencyMs: Number.POSITIVE_INFINITY }), isArgError);
    assert.throws(() => stats.recordConnection(2 as 1), isArgError);
    assert.equal(stats.counters().total.accepted, 0, 'a refused share is not counted');
  });

  it('cuts over-long worker names', () => {
    const stats = new PoolStats({ difficultyFactor: 1 });
    stats.recordShare({ worker: 'x'.repeat(10_000), difficulty: 1, accepted: true });
    assert.equal(stats.workers()[0].name.length, MAX_WORKER_NAME);
  });
});

describe('PoolStats memory stays bounded', () => {
  it('100k workers, then all dropped 24 h after their last share', function () {
    this.timeout(120_000);
    const clock = new FakeClock(0);
    const stats = new PoolStats({ difficultyFactor: 65536, now: clock.now });
    for (let i = 0; i < 100_000; i++) {
      if (i % 1000 === 0) clock.advance(1);
      stats.recordShare({ worker: `addr.${i}`, difficulty: 1, accepted: true });
    }
    assert.equal(stats.workerCount(), 100_000);
    clock.advance(23 * 60 * MIN);
    stats.recordShare({ worker: 'fresh', difficulty: 1, accepted: true });
    assert.equal(stats.workerCount(), 100_001 - 1, 'the cap of 100000 evicted the least recently seen');
    clock.advance(60 * MIN + 1);
    stats.recordShare({ worker: 'fresh', difficulty: 1, accepted: true });
    assert.equal(stats.workerCount(), 1);
    assert.deepEqual(stats.workers().map((w) => w.name), ['fresh']);
    assert.equal(stats.workerHashrate('addr.5'), 0);
  });

  it('a worker cap evicts the least recently seen', () => {
    const stats = new PoolStats({ difficultyFactor: 1, maxWorkers: 3 });
    for (const name of ['a', 'b', 'c']) stats.recordShare({ worker: name, difficulty: 1, accepted: true });
    stats.recordShare({ worker: 'a', difficulty: 1, accepted: true }); // a is now the most recent
    stats.recordShare({ worker: 'd', difficulty: 1, accepted: true });
    assert.deepEqual(stats.workers().map((w) => w.name).sort(), ['a', 'c', 'd']);
  });

  it('two days of a share every second keep a fixed number of buckets', () => {
    const clock = new FakeClock(0);
    const stats = new PoolStats({ difficultyFactor: 1, now: clock.now });
    let peak = 0;
    for (let s = 0; s < 2 * 86_400; s++) {
      clock.ms = s * 1000;
      stats.recordShare({ worker: 'w', difficulty: 1, accepted: true });
      if (s % 997 === 0) peak = Math.max(peak, stats.retainedBuckets());
    }
    // Per share set: 601 seconds + 61 minutes + 145 ten-minute buckets, for pool and worker.
    const bound = 2 * (601 + 61 + 145);
    assert.ok(peak <= bound, `peak ${peak} > ${bound}`);
    assert.ok(stats.retainedBuckets() <= bound);
    assert.ok(stats.retainedBuckets() > 2 * 600, 'buckets are really kept for the window');
  });
});
