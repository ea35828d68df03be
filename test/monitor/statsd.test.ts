import assert from 'node:assert/strict';
import dgram from 'node:dgram';
import type { AddressInfo } from 'node:net';
import { StatsdClient, MAX_PACKET_BYTES } from '../../lib/monitor/statsd';
import { startStatsdReporter } from '../../lib/monitor/statsd-reporter';
import { PoolStats } from '../../lib/monitor/stats';

function listen(): Promise<{ socket: dgram.Socket; port: number; packets: string[] }> {
  return new Promise((resolve) => {
    const socket = dgram.createSocket('udp4');
    const packets: string[] = [];
    socket.on('message', (msg) => packets.push(msg.toString('utf8')));
    socket.bind(0, '127.0.0.1', () => resolve({ socket, port: (socket.address() as AddressInfo).port, packets }));
  });
}

async function waitFor(check: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 5000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('StatsdClient', () => {
  it('sends counters, gauges and timings, batched into one packet per tick', async () => {
    const { socket, port, packets } = await listen();
    const client = new StatsdClient({ host: '127.0.0.1', port, prefix: 'hashpool.' });
    try {
      client.increment('shares', 1, { result: 'rejected', reason: 'low|diff' });
      client.increment('connections');
      client.gauge('hashrate', 123.5);
      client.timing('notify_latency', 4);
      client.gauge('bad', Number.NaN); // dropped, not sent as NaN
      await waitFor(() => packets.length >= 1, 'a packet');
      await new Promise((r) => setTimeout(r, 50));
      assert.equal(packets.length, 1);
      assert.deepEqual(packets[0].split('\n'), [
        'hashpool.shares:1|c|#result:rejected,reason:low_diff',
        'hashpool.connections:1|c',
        'hashpool.hashrate:123.5|g',
        'hashpool.notify_latency:4|ms',
      ]);
    } finally {
      client.close();
      socket.close();
    }
  });

  it('splits at the packet size limit and keeps every line', async () => {
    const { socket, port, packets } = await listen();
    const client = new StatsdClient({ host: '127.0.0.1', port, prefix: 'p.' });
    try {
      for (let i = 0; i < 300; i++) client.increment(`metric_number_${i}`, i);
      await waitFor(() => packets.join('\n').split('\n').length >= 300, 'all lines');
      assert.ok(packets.length > 1);
      for (const p of packets) assert.ok(Buffer.byteLength(p) <= MAX_PACKET_BYTES, `packet of ${Buffer.byteLength(p)} bytes`);
      const lines = packets.join('\n').split('\n');
      assert.equal(lines.length, 300);
      assert.equal(lines[299], 'p.metric_number_299:299|c');
    } finally {
      client.close();
      socket.close();
    }
  });

  it('never throws: unreachable host, bad names, use after close', async () => {
    const client = new StatsdClient({ host: 'no-such-host.invalid', port: 8125, prefix: 'x.' });
    client.increment('a:b|c\nd');
    client.timing('t', 1);
    // The failed lookup is counted, not thrown or emitted as an unhandled 'error'.
    await waitFor(() => client.errors >= 1, 'the send error to be counted');
    client.close();
    client.close();
    client.gauge('after', 1);
  });
});

describe('startStatsdReporter', () => {
  it('sends counter deltas since the last push and current gauges', async () => {
    const { socket, port, packets } = await listen();
    const client = new StatsdClient({ host: '127.0.0.1', port, prefix: 'pool.' });
    const stats = new PoolStats({ difficultyFactor: 1, now: () => 600_000 });
    const reporter = startStatsdReporter(stats, client, 60_000);
    try {
      stats.recordShare({ worker: 'w', difficulty: 600, accepted: true });
      stats.recordShare({ worker: 'w', difficulty: 0, accepted: false, reason: 'stale' });
      reporter.push();
      await waitFor(() => packets.length >= 1, 'first push');
      const first = packets[0].split('\n');
      assert.ok(first.includes('pool.shares:1|c|#result:accepted'), first.join(' / '));
      assert.ok(first.includes('pool.shares:1|c|#result:rejected,reason:stale'));
      assert.ok(first.includes(`pool.hashrate:${(600 * 2 ** 32) / 60}|g`), first.join(' / '));
      assert.ok(first.includes('pool.workers:1|g'));
      stats.recordShare({ worker: 'w', difficulty: 1, accepted: true });
      reporter.push();
      await waitFor(() => packets.length >= 2, 'second push');
      const second = packets[1].split('\n');
      assert.ok(second.includes('pool.shares:1|c|#result:accepted'), 'a delta, not the total of 2');
      assert.ok(!second.some((l) => l.includes('reason:stale')), 'no new stale shares, no line');
    } finally {
      reporter.stop();
      client.close();
      socket.close();
    }
  });
});
