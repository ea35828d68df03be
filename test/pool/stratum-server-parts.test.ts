// The stratum server's pure parts: the extranonce1 allocator, the connection guard, the
// option checks.
import assert from 'node:assert/strict';
import { ConnectionGuard, normalizeIp } from '../../lib/pool/connection-guard';
import { ExtranonceAllocator, ExtranonceExhaustedError, InstanceIdError } from '../../lib/pool/extranonce-allocator';
import { checkServerOptions, ServerOptionsError } from '../../lib/pool/server-options';
import { portOptions, serverOptions } from './stratum-server-fixture';

describe('stratum server parts', () => {
  describe('ExtranonceAllocator', () => {
    it('hands out instance id + counter, skips values in use, and runs out at 65,536', () => {
      const allocator = new ExtranonceAllocator(0x0102);
      assert.equal(allocator.allocate().toString('hex'), '01020000');
      assert.equal(allocator.allocate().toString('hex'), '01020001');
      // Resume takes a free value out of order; the counter then skips it.
      assert.equal(allocator.allocate('01020003').toString('hex'), '01020003');
      assert.equal(allocator.allocate().toString('hex'), '01020002');
      assert.equal(allocator.allocate().toString('hex'), '01020004');
      // In use, another instance's, or not 4 bytes: a fresh value instead.
      assert.equal(allocator.allocate('01020003').toString('hex'), '01020005');
      assert.equal(allocator.allocate('ffff0009').toString('hex'), '01020006');
      assert.equal(allocator.allocate('0102').toString('hex'), '01020007');
      const seen = new Set<string>();
      for (let i = allocator.size; i < 65536; i++) seen.add(allocator.allocate().toString('hex'));
      assert.equal(seen.size, 65536 - 8);
      assert.equal(allocator.size, 65536);
      assert.throws(() => allocator.allocate(), ExtranonceExhaustedError);
      allocator.release(Buffer.from('01021234', 'hex'));
      allocator.release(Buffer.from('01021234', 'hex'));
      assert.equal(allocator.size, 65535);
      assert.equal(allocator.allocate().toString('hex'), '01021234');
    });

    it('refuses instance ids outside 0..65535', () => {
      for (const bad of [-1, 65536, 1.5, Number.NaN]) assert.throws(() => new ExtranonceAllocator(bad), InstanceIdError);
    });
  });

  describe('ConnectionGuard', () => {
    it('counts connections per IP against the limit', () => {
      const guard = new ConnectionGuard({ maxConnectionsPerIp: 2, ban: { enabled: false, invalidPercent: 50, checkThreshold: 10, seconds: 60 } });
      assert.equal(guard.admit('10.0.0.1'), 'ok');
      guard.opened('10.0.0.1');
      guard.opened('10.0.0.1');
      assert.equal(guard.admit('10.0.0.1'), 'limit');
      assert.equal(guard.admit('10.0.0.2'), 'ok');
      guard.closed('10.0.0.1');
      assert.equal(guard.admit('10.0.0.1'), 'ok');
      // Disabled bans never trigger.
      for (let i = 0; i < 20; i++) assert.equal(guard.recordSubmit('10.0.0.1', true), false);
    });

    it('bans at the invalid ratio once the threshold is reached, and lifts the ban when it expires', () => {
      let now = 1_000_000;
      const guard = new ConnectionGuard({ maxConnectionsPerIp: 5, ban: { enabled: true, invalidPercent: 50, checkThreshold: 4, seconds: 10 }, now: () => now });
      // 1 of 4 invalid: no ban, counters restart.
      assert.deepEqual([true, false, false, false].map((bad) => guard.recordSubmit('a', bad)), [false, false, false, false]);
      // 2 of 4: banned on the 4th.
      assert.deepEqual([true, true, false, false].map((bad) => guard.recordSubmit('a', bad)), [false, false, false, true]);
      assert.equal(guard.admit('a'), 'banned');
      assert.deepEqual(guard.bans(), [{ ip: 'a', until: 1_010_000 }]);
      now += 10_000;
      assert.equal(guard.admit('a'), 'ok');
      assert.deepEqual(guard.bans(), []);
    });

    it('normalizes IPv4-mapped IPv6 addresses', () => {
      assert.equal(normalizeIp('::ffff:127.0.0.1'), '127.0.0.1');
      assert.equal(normalizeIp('::1'), '::1');
      assert.equal(normalizeIp(undefined), 'unknown');
    });
  });

  describe('checkServerOptions', () => {
    const cases: Array<[string, Parameters<typeof serverOptions>[0], RegExp]> = [
      ['instance id', { instanceId: 70000 }, /instanceId/],
      ['extranonce2 size', { extranonce2Size: 0 }, /extranonce2Size/],
      ['no ports', { ports: [] }, /at least one port/],
      ['duplicate ports', { ports: [portOptions({ port: 3333 }), portOptions({ port: 3333 })] }, /distinct/],
      ['vardiff min over max', { ports: [portOptions({ vardiff: { ...portOptions().vardiff, min: 5, max: 1 } })] }, /min <= max/],
      ['difficulty', { ports: [portOptions({ difficulty: 0 })] }, /difficulty/],
      ['line limit', { maxLineBytes: 10 }, /maxLineBytes/],
    ];
    for (const [name, overrides, message] of cases) {
      it(`refuses a bad ${name}`, () => {
        assert.throws(
          () => checkServerOptions(serverOptions(overrides)),
          (error: unknown) => error instanceof ServerOptionsError && error.code === 'ERR_POOL_SERVER_OPTIONS' && message.test(error.message),
        );
      });
    }

    it('accepts the test defaults', () => {
      assert.doesNotThrow(() => checkServerOptions(serverOptions()));
    });
  });
});
