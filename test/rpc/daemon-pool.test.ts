// DaemonPool against two real, connected litecoind regtest nodes: kill -9 the primary while
// calls run, every call still succeeds, then the primary comes back and takes over again.

import assert from 'node:assert/strict';
import { DaemonClient } from '../../lib/rpc/daemon-client';
import { DaemonPool } from '../../lib/rpc/daemon-pool';
import { NoHealthyDaemonError, RpcConnectionError, RpcError, RpcOptionsError } from '../../lib/rpc/errors';
import { connectPair, freePort, sleep, stopAllLitecoind, waitFor, type LitecoindNode } from '../util/litecoind';

interface RpcInfo {
  logpath: string;
}

interface Outcome {
  startedAt: number;
  endedAt: number;
  datadir?: string;
  error?: unknown;
}

describe('rpc: DaemonPool failover against two litecoind nodes', function () {
  this.timeout(60_000);
  let primary: LitecoindNode;
  let secondary: LitecoindNode;
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown): void => {
    unhandled.push(reason);
  };

  before(async () => {
    process.on('unhandledRejection', onUnhandled);
    [primary, secondary] = await connectPair();
  });
  after(async () => {
    await stopAllLitecoind();
    process.off('unhandledRejection', onUnhandled);
    assert.deepEqual(unhandled, []);
  });

  function makePool(): DaemonPool {
    return new DaemonPool(
      [
        // Given in the "wrong" order on purpose: priority decides, not position.
        { client: new DaemonClient({ url: secondary.rpcUrl, name: 'secondary', timeoutMs: 5000 }), priority: 1 },
        { client: new DaemonClient({ url: primary.rpcUrl, name: 'primary', timeoutMs: 5000 }), priority: 2 },
      ],
      { healthIntervalMs: 100, healthTimeoutMs: 500 },
    );
  }

  /** getrpcinfo's logpath lies inside the answering node's datadir, so it names the node. */
  function answeredBy(info: RpcInfo): string {
    if (info.logpath.startsWith(primary.datadir)) return primary.datadir;
    if (info.logpath.startsWith(secondary.datadir)) return secondary.datadir;
    throw new Error(`unknown logpath ${info.logpath}`);
  }

  it('both nodes serve getblocktemplate (peer + out of IBD)', async () => {
    for (const node of [primary, secondary]) {
      const template = await node.rpc<{ height: number }>('getblocktemplate', { rules: ['segwit', 'mweb'] });
      assert.equal(template.height, 2);
    }
  });

  it('routes to the highest priority; an RpcError is an answer, not a failover', async () => {
    const pool = makePool();
    try {
      assert.deepEqual(pool.healthy(), ['primary', 'secondary']);
      assert.equal(answeredBy(await pool.call<RpcInfo>('getrpcinfo')), primary.datadir);
      await assert.rejects(pool.call('nosuchmethod'), (error: unknown) => {
        assert.ok(error instanceof RpcError);
        assert.equal(error.rpcCode, -32601);
        assert.equal(error.daemon, 'primary');
        return true;
      });
      assert.deepEqual(pool.healthy(), ['primary', 'secondary']);
      // A caller bug (params that are not JSON) is not a daemon failure either.
      await assert.rejects(pool.call('getblockhash', [1n]), RpcOptionsError);
      assert.deepEqual(pool.healthy(), ['primary', 'secondary']);
      const all = await pool.callAll<number>('getblockcount');
      assert.deepEqual(
        all.map((r) => [r.name, r.result]),
        [
          ['primary', 1],
          ['secondary', 1],
        ],
      );
    } finally {
      pool.close();
    }
  });

  it('kill -9 of the primary mid-run: no call lost, failover < 1 s, down then up, routed back', async () => {
    const pool = makePool();
    const events: { event: string; name: string; at: number }[] = [];
    pool.on('down', (name) => events.push({ event: 'down', name, at: Date.now() }));
    pool.on('up', (name) => events.push({ event: 'up', name, at: Date.now() }));
    pool.start();

    const outcomes: Outcome[] = [];
    let running = true;
    // Three concurrent callers so that some calls are in flight at the moment of the kill.
    const loops = [0, 1, 2].map(async () => {
      while (running) {
        const outcome: Outcome = { startedAt: Date.now(), endedAt: 0 };
        try {
          outcome.datadir = answeredBy(await pool.call<RpcInfo>('getrpcinfo'));
        } catch (error) {
          outcome.error = error;
        }
        outcome.endedAt = Date.now();
        outcomes.push(outcome);
        await sleep(5);
      }
    });

    try {
      await sleep(300);
      const killedAt = Date.now();
      primary.kill();
      await sleep(1200);

      const failed = outcomes.filter((o) => o.error !== undefined);
      assert.deepEqual(failed, [], 'every call succeeds');
      const before = outcomes.filter((o) => o.endedAt < killedAt);
      assert.ok(before.length > 0 && before.every((o) => o.datadir === primary.datadir), 'primary served before the kill');
      const firstOnSecondary = outcomes.find((o) => o.datadir === secondary.datadir);
      assert.ok(firstOnSecondary, 'secondary took over');
      const failoverMs = firstOnSecondary.endedAt - killedAt;
      assert.ok(failoverMs < 1000, `failover took ${failoverMs} ms`);
      const after = outcomes.filter((o) => o.startedAt > killedAt + 50);
      assert.ok(after.length > 0 && after.every((o) => o.datadir === secondary.datadir), 'secondary served after the kill');
      const slowest = Math.max(...outcomes.map((o) => o.endedAt - o.startedAt));
      assert.ok(slowest < 1000, `slowest call ${slowest} ms`);
      const down = events.find((e) => e.event === 'down' && e.name === 'primary');
      assert.ok(down && down.at - killedAt < 1000, 'down emitted within 1 s');
      assert.deepEqual(pool.healthy(), ['secondary']);

      await primary.restart();
      await waitFor(() => events.some((e) => e.event === 'up' && e.name === 'primary'), "'up' for primary", 10_000);
      assert.deepEqual(pool.healthy(), ['primary', 'secondary']);
      const upAt = Date.now();
      await sleep(300);
      running = false;
      await Promise.all(loops);

      assert.deepEqual(outcomes.filter((o) => o.error !== undefined), [], 'no call lost across the restart either');
      const afterUp = outcomes.filter((o) => o.startedAt > upAt);
      assert.ok(afterUp.length > 0 && afterUp.every((o) => o.datadir === primary.datadir), 'routed back to primary');
      assert.deepEqual(
        events.map((e) => `${e.event}:${e.name}`),
        ['down:primary', 'up:primary'],
      );
    } finally {
      running = false;
      await Promise.all(loops);
      pool.close();
    }
  });

  it('all daemons dead → NoHealthyDaemonError naming each failure; callAll reports, never rejects', async () => {
    const deadPorts = [await freePort(), await freePort()];
    const pool = new DaemonPool(
      deadPorts.map((port, i) => ({
        client: new DaemonClient({ url: `http://u:p@127.0.0.1:${port}`, name: `dead${i}` }),
        priority: i,
      })),
    );
    const downs: string[] = [];
    pool.on('down', (name) => downs.push(name));
    try {
      await assert.rejects(pool.call('getblockcount'), (error: unknown) => {
        assert.ok(error instanceof NoHealthyDaemonError);
        assert.equal(error.code, 'ERR_RPC_NO_HEALTHY_DAEMON');
        assert.deepEqual([...error.failures.keys()], ['dead1', 'dead0']);
        assert.ok([...error.failures.values()].every((e) => e instanceof RpcConnectionError));
        return true;
      });
      assert.deepEqual(downs, ['dead1', 'dead0']);
      assert.deepEqual(pool.healthy(), []);
      // Still tries every daemon when none is known up: the marks may be stale.
      const results = await pool.callAll('getblockcount');
      assert.deepEqual(
        results.map((r) => [r.name, r.error instanceof RpcConnectionError]),
        [
          ['dead1', true],
          ['dead0', true],
        ],
      );
    } finally {
      pool.close();
    }
  });
});
