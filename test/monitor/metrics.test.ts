import assert from 'node:assert/strict';
import { PoolStats } from '../../lib/monitor/stats';
import { renderMetrics, MAX_WORKER_SERIES } from '../../lib/monitor/metrics';
import { escapeLabelValue } from '../../lib/monitor/prom-format';
import { parseExposition, ParsedFamily } from './exposition-parser';
import { FakeClock } from './fake-clock';
import { FakeSource } from './fake-source';

const NASTY = 'rig"one\\two\nthree';

function family(families: Map<string, ParsedFamily>, name: string): ParsedFamily {
  const f = families.get(name);
  assert.ok(f, `missing ${name}`);
  return f;
}

function busyStats(): { stats: PoolStats; clock: FakeClock } {
  const clock = new FakeClock(0);
  const stats = new PoolStats({ difficultyFactor: 65536, now: clock.now });
  clock.ms = 600_000;
  stats.recordConnection(1);
  stats.recordConnection(1);
  stats.recordShare({ worker: NASTY, difficulty: 32, accepted: true, latencyMs: 3 });
  stats.recordShare({ worker: 'plain', difficulty: 8, accepted: true, latencyMs: 700 });
  stats.recordShare({ worker: 'plain', difficulty: 0, accepted: false, reason: 'low-difficulty', latencyMs: 2 });
  stats.recordShare({ worker: 'plain', difficulty: 0, accepted: false, reason: 'stale' });
  stats.recordShare({ worker: 'plain', difficulty: 0, accepted: false, reason: 'stale' });
  stats.recordNotify({ sessions: 2, latencyMs: 0.8 });
  stats.recordNotify({ sessions: 2, latencyMs: 12 });
  stats.recordBlock({ height: 200, hash: 'ef'.repeat(32), worker: 'plain' });
  stats.setNetwork({ height: 199, difficulty: 0.0125 });
  stats.setTemplate({ height: 200, receivedAt: 590_000 });
  stats.setDaemons([{ name: 'main', healthy: true }, { name: 'back"up', healthy: false }]);
  stats.setShareLog({ backend: 'sqlite', connected: true, buffered: 3 });
  return { stats, clock };
}

describe('renderMetrics', () => {
  it('parses back as valid exposition text with HELP and TYPE before samples', () => {
    const { stats } = busyStats();
    const text = renderMetrics(stats, new FakeSource());
    const families = parseExposition(text);
    for (const f of families.values()) {
      assert.ok(f.name.startsWith('hashpool_'), f.name);
      assert.notEqual(f.help, '', `${f.name} has HELP`);
      if (f.type === 'counter') assert.ok(f.name.endsWith('_total'), `${f.name} is a counter named _total`);
    }
    // Every family appears exactly once.
    const typeLines = text.split('\n').filter((l) => l.startsWith('# TYPE '));
    assert.equal(new Set(typeLines).size, typeLines.length);
  });

  it('has the values the stats hold', () => {
    const { stats } = busyStats();
    const families = parseExposition(renderMetrics(stats, new FakeSource()));
    const shares = family(families, 'hashpool_shares_total').samples;
    const find = (labels: Record<string, string>): number | undefined => shares.find((s) => JSON.stringify(s.labels) === JSON.stringify(labels))?.value;
    assert.equal(find({ result: 'accepted' }), 2);
    assert.equal(find({ result: 'rejected', reason: 'stale' }), 2);
    assert.equal(find({ result: 'rejected', reason: 'low-difficulty' }), 1);
    assert.equal(family(families, 'hashpool_hashrate_hashes_per_second').samples[0].value, (40 * 2 ** 32) / 65536 / 600);
    assert.equal(family(families, 'hashpool_connections').samples[0].value, 2);
    assert.equal(family(families, 'hashpool_blocks_found_total').samples[0].value, 1);
    assert.equal(family(families, 'hashpool_template_age_seconds').samples[0].value, 10);
    assert.equal(family(families, 'hashpool_network_difficulty').samples[0].value, 0.0125);
    assert.equal(family(families, 'hashpool_block_height').samples[0].value, 199);
    assert.equal(family(families, 'hashpool_sharelog_buffered').samples[0].value, 3);
    assert.equal(family(families, 'hashpool_sharelog_up').samples[0].value, 1);
    assert.equal(family(families, 'hashpool_workers').samples[0].value, 2, 'from the sessions of the source');
    const up = family(families, 'hashpool_daemon_up').samples;
    assert.deepEqual(up.map((s) => [s.labels.daemon, s.value]), [['main', 1], ['back"up', 0]]);
  });

  it('escapes a worker name with quotes, backslash and newline so it reads back intact', () => {
    const { stats } = busyStats();
    const text = renderMetrics(stats, new FakeSource());
    assert.ok(text.includes(`worker="${'rig\\"one\\\\two\\nthree'}"`));
    const workers = parseExposition(text).get('hashpool_worker_hashrate_hashes_per_second');
    assert.ok(workers);
    assert.deepEqual(workers.samples.map((s) => s.labels.worker).sort(), [NASTY, 'plain'].sort());
    assert.equal(escapeLabelValue('a\\"\n'), 'a\\\\\\"\\n');
  });

  it('histograms: cumulative buckets, +Inf equals count, sum in seconds', () => {
    const { stats } = busyStats();
    const families = parseExposition(renderMetrics(stats, new FakeSource()));
    for (const [name, count, sum] of [
      ['hashpool_share_latency_seconds', 3, 0.705],
      ['hashpool_notify_latency_seconds', 2, 0.0128],
    ] as const) {
      const f = family(families, name);
      assert.equal(f.type, 'histogram');
      const buckets = f.samples.filter((s) => s.name === `${name}_bucket`);
      let prevLe = -1;
      let prevCount = 0;
      for (const b of buckets) {
        const le = b.labels.le === '+Inf' ? Number.POSITIVE_INFINITY : Number(b.labels.le);
        assert.ok(le > prevLe, 'le ascending');
        assert.ok(b.value >= prevCount, 'counts cumulative');
        prevLe = le;
        prevCount = b.value;
      }
      assert.equal(buckets[buckets.length - 1].labels.le, '+Inf');
      assert.equal(prevCount, count);
      assert.equal(f.samples.find((s) => s.name === `${name}_count`)?.value, count);
      const s = f.samples.find((x) => x.name === `${name}_sum`)?.value;
      assert.ok(s !== undefined && Math.abs(s - sum) < 1e-9, `${name}_sum ${String(s)}`);
    }
    const share = family(families, 'hashpool_share_latency_seconds').samples;
    assert.equal(share.find((s) => s.labels.le === '0.005')?.value, 2, '2 ms and 3 ms are under 5 ms');
  });

  it(`caps worker series at the ${MAX_WORKER_SERIES} busiest workers`, () => {
    const stats = new PoolStats({ difficultyFactor: 1 });
    for (let i = 0; i < MAX_WORKER_SERIES + 50; i++) stats.recordShare({ worker: `w${i}`, difficulty: i + 1, accepted: true });
    const f = parseExposition(renderMetrics(stats, new FakeSource())).get('hashpool_worker_hashrate_hashes_per_second');
    assert.ok(f);
    assert.equal(f.samples.length, MAX_WORKER_SERIES);
    assert.ok(f.samples.some((s) => s.labels.worker === `w${MAX_WORKER_SERIES + 49}`), 'the busiest is kept');
    assert.ok(!f.samples.some((s) => s.labels.worker === 'w0'), 'the idlest is left out');
  });

  it('the parser itself rejects broken text', () => {
    assert.throws(() => parseExposition('hashpool_x 1\n'), /before its HELP/);
    assert.throws(() => parseExposition('# HELP a x\n# TYPE a gauge\na{w="x\\q"} 1\n'), /bad escape/);
    assert.throws(() => parseExposition('# HELP a x\n# TYPE a gauge\na{w="x"} one\n'), /bad value/);
    assert.throws(() => parseExposition('# HELP a x\n# TYPE a gauge\na 1\n# HELP a y\n'), /after its samples/);
  });
});
