import assert from 'node:assert/strict';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import fs from 'node:fs';
import { MonitorServer } from '../../lib/monitor/http-server';
import { PoolStats } from '../../lib/monitor/stats';
import { isLoopbackAddress } from '../../lib/monitor/loopback';
import { MAX_BODY_BYTES } from '../../lib/monitor/http-io';
import { FakeClock } from './fake-clock';
import { FakeSource, makeBlock } from './fake-source';
import { PoolMonitorSource } from '../../lib/pool/monitor-source';
import type { PoolNode } from '../../lib/pool/pool-node';
import type { StratumServer } from '../../lib/pool/stratum-server';
import { openSqliteShareLog, type BlockRecord, type SqliteShareLog } from '../../lib/sharelog';

interface Reply {
  status: number;
  type: string;
  headers: Headers;
  body: unknown;
  text: string;
}

async function request(base: string, path: string, init: RequestInit = {}): Promise<Reply> {
  const res = await fetch(base + path, init);
  const text = await res.text();
  const type = res.headers.get('content-type') ?? '';
  return { status: res.status, type, headers: res.headers, text, body: type.startsWith('application/json') ? (JSON.parse(text) as unknown) : undefined };
}

function errorCode(reply: Reply): string {
  const body = reply.body as { error?: { code?: unknown; message?: unknown } };
  assert.equal(typeof body.error?.message, 'string');
  return String(body.error?.code);
}

function nonLoopbackAddress(): string | undefined {
  for (const list of Object.values(os.networkInterfaces())) {
    for (const a of list ?? []) if (!a.internal && a.family === 'IPv4') return a.address;
  }
  return undefined;
}

/** Reads an SSE stream until `until` says stop, returning the events seen. */
function readEvents(url: string, until: (events: Array<{ event: string; data: unknown }>, comments: number) => boolean): Promise<Array<{ event: string; data: unknown }>> {
  return new Promise((resolve, reject) => {
    const events: Array<{ event: string; data: unknown }> = [];
    let comments = 0;
    let buffer = '';
    const req = http.get(url, (res) => {
      assert.equal(res.statusCode, 200);
      assert.match(String(res.headers['content-type']), /^text\/event-stream/);
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        buffer += chunk;
        let cut: number;
        while ((cut = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 2);
          let event = 'message';
          let data: string | undefined;
          for (const line of block.split('\n')) {
            if (line.startsWith(':')) comments++;
            else if (line.startsWith('event: ')) event = line.slice(7);
            else if (line.startsWith('data: ')) data = line.slice(6);
          }
          if (data !== undefined) events.push({ event, data: JSON.parse(data) as unknown });
          if (until(events, comments)) {
            req.destroy();
            resolve(events);
            return;
          }
        }
      });
    });
    req.on('error', reject);
  });
}

describe('MonitorServer', function () {
  this.timeout(30_000);
  let clock: FakeClock;
  let stats: PoolStats;
  let source: FakeSource;
  let server: MonitorServer;
  let base: string;
  const dashboardPaths: string[] = [];

  beforeEach(async () => {
    clock = new FakeClock(0);
    stats = new PoolStats({ difficultyFactor: 65536, now: clock.now });
    source = new FakeSource();
    clock.ms = 700_000;
    stats.recordConnection(1);
    stats.recordShare({ worker: 'addr.rig1', difficulty: 16, accepted: true });
    stats.recordShare({ worker: 'addr.rig 3/x', difficulty: 4, accepted: true });
    stats.recordShare({ worker: 'addr.rig1', difficulty: 0, accepted: false, reason: 'stale' });
    stats.setNetwork({ height: 120, difficulty: 0.5 });
    stats.setTemplate({ height: 121, receivedAt: 690_000 });
    stats.setDaemons([{ name: 'main', healthy: true }]);
    stats.setShareLog({ backend: 'sqlite', connected: true, buffered: 0 });
    source.blockList = [makeBlock(121, 'aa', 650_000), makeBlock(110, 'bb', 600_000)];
    dashboardPaths.length = 0;
    server = new MonitorServer({
      host: '127.0.0.1',
      port: 0,
      stats,
      source,
      sseIntervalMs: 100,
      sseHeartbeatMs: 50,
      dashboard: {
        handle: (req, res) => {
          if (req.url === '/boom') throw new Error('dashboard bug');
          if (req.url !== '/' && req.url !== '/index.html') return false;
          dashboardPaths.push(req.url);
          res.writeHead(200, { 'Content-Type': 'text/html' });
          res.end('<html></html>');
          return true;
        },
      },
    });
    base = (await server.listen()).url;
  });

  afterEach(async () => {
    await server.close();
  });

  it('GET /api/pool', async () => {
    const r = await request(base, '/api/pool');
    assert.equal(r.status, 200);
    assert.match(r.type, /^application\/json/);
    const body = r.body as Record<string, unknown>;
    assert.equal(body.name, 'test pool');
    assert.equal(body.algorithm, 'scrypt');
    assert.equal(body.payoutMode, 'pplns');
    assert.equal(body.version, '0.0.0-test');
    assert.equal(body.uptimeSeconds, 700);
    assert.equal(body.hashrate, (20 * 2 ** 32) / 65536 / 600);
    assert.equal(body.hashrateWindowSeconds, 600);
    assert.equal(body.workers, 2, 'addr.rig1 and addr.rig2 are online');
    assert.equal(body.connections, 1);
    assert.deepEqual(body.shares, { accepted: 2, rejected: 1, rejectedByReason: { stale: 1 } });
    assert.deepEqual(body.network, { name: 'litecoin-regtest', height: 120, difficulty: 0.5 });
    assert.deepEqual(body.template, { height: 121, ageSeconds: 10 });
    assert.deepEqual(body.lastBlock, source.blockList[0]);
    assert.deepEqual(body.daemons, [{ name: 'main', healthy: true }]);
    assert.deepEqual(body.shareLog, { backend: 'sqlite', connected: true, buffered: 0 });
  });

  it('GET /api/pool survives a failing block store; /api/blocks reports it as a 500', async () => {
    source.failBlocks = true;
    const pool = await request(base, '/api/pool');
    assert.equal(pool.status, 200);
    assert.equal((pool.body as { lastBlock: unknown }).lastBlock, null);
    const blocks = await request(base, '/api/blocks');
    assert.equal(blocks.status, 500);
    assert.equal(errorCode(blocks), 'ERR_MONITOR_INTERNAL');
    assert.equal((await request(base, '/api/ports')).status, 200, 'the server still answers');
  });

  it('GET /api/ports and /api/counters and /api/history', async () => {
    assert.deepEqual((await request(base, '/api/ports')).body, source.infoValue.ports);
    const counters = (await request(base, '/api/counters')).body as { total: { accepted: number }; perSecond: unknown; perMinute: unknown };
    assert.equal(counters.total.accepted, 2);
    assert.ok(counters.perSecond && counters.perMinute);
    const hour = (await request(base, '/api/history')).body as unknown[];
    assert.equal(hour.length, 60);
    const day = (await request(base, '/api/history?range=day')).body as Array<{ t: number; hashrate: number; accepted: number; rejected: number }>;
    assert.equal(day.length, 144);
    assert.deepEqual(Object.keys(day[0]).sort(), ['accepted', 'hashrate', 'rejected', 't']);
    const bad = await request(base, '/api/history?range=week');
    assert.equal(bad.status, 400);
    assert.equal(errorCode(bad), 'ERR_MONITOR_BAD_REQUEST');
  });

  it('GET /api/workers and /api/workers/:name', async () => {
    const list = (await request(base, '/api/workers')).body as Array<{ name: string; hashrate: number; rejectRate: number }>;
    assert.deepEqual(list.map((w) => w.name), ['addr.rig1', 'addr.rig 3/x', 'addr.rig2']);
    assert.equal(list[0].rejectRate, 0.5);
    assert.equal(list[2].hashrate, 0, 'online without shares');

    const one = await request(base, `/api/workers/${encodeURIComponent('addr.rig 3/x')}`);
    assert.equal(one.status, 200);
    const detail = one.body as { name: string; accepted: number; history: { hour: unknown[]; day: unknown[] }; sessions: unknown[] };
    assert.equal(detail.name, 'addr.rig 3/x');
    assert.equal(detail.accepted, 1);
    assert.equal(detail.history.hour.length, 60);
    assert.equal(detail.history.day.length, 144);
    assert.deepEqual(detail.sessions, []);

    const rig1 = (await request(base, '/api/workers/addr.rig1')).body as { sessions: Array<{ id: number }> };
    assert.deepEqual(rig1.sessions.map((s) => s.id), [1, 2]);
    const rig2 = (await request(base, '/api/workers/addr.rig2')).body as { accepted: number; history: { hour: unknown[] } };
    assert.equal(rig2.accepted, 0);
    assert.equal(rig2.history.hour.length, 60);

    const missing = await request(base, '/api/workers/nobody');
    assert.equal(missing.status, 404);
    assert.equal(errorCode(missing), 'ERR_MONITOR_NOT_FOUND');
    const malformed = await request(base, '/api/workers/%E0%A4%A');
    assert.equal(malformed.status, 400);
  });

  it('GET /api/blocks and /api/blocks/:hash', async () => {
    assert.deepEqual((await request(base, '/api/blocks')).body, source.blockList);
    assert.deepEqual((await request(base, '/api/blocks?limit=1')).body, [source.blockList[0]]);
    for (const limit of ['0', '-1', 'abc', '100000', '1.5']) {
      assert.equal((await request(base, `/api/blocks?limit=${limit}`)).status, 400, limit);
    }
    const hash = 'bb'.repeat(32);
    assert.deepEqual((await request(base, source.blockList[1].explorerPath)).body, source.blockList[1]);
    assert.equal((await request(base, `/api/blocks/${hash.toUpperCase()}`)).status, 200);
    assert.equal((await request(base, `/api/blocks/${'cc'.repeat(32)}`)).status, 404);
    assert.equal((await request(base, '/api/blocks/xyz')).status, 400);
  });

  it('GET /metrics', async () => {
    const r = await request(base, '/metrics');
    assert.equal(r.status, 200);
    assert.match(r.type, /^text\/plain; version=0\.0\.4/);
    assert.match(r.text, /^hashpool_shares_total\{result="rejected",reason="stale"\} 1$/m);
  });

  it('405, 404, the dashboard handler, and 500 for a throwing handler', async () => {
    const post = await request(base, '/api/pool', { method: 'POST', body: '{}' });
    assert.equal(post.status, 405);
    assert.equal(errorCode(post), 'ERR_MONITOR_METHOD_NOT_ALLOWED');
    assert.match(post.headers.get('allow') ?? '', /GET/);
    const events = await request(base, '/api/events', { method: 'DELETE' });
    assert.equal(events.status, 405);

    const home = await request(base, '/');
    assert.equal(home.status, 200);
    assert.equal(home.text, '<html></html>');
    assert.deepEqual(dashboardPaths, ['/']);

    const nothing = await request(base, '/nothing/here');
    assert.equal(nothing.status, 404);
    assert.equal(errorCode(nothing), 'ERR_MONITOR_NOT_FOUND');
    const boom = await request(base, '/boom');
    assert.equal(boom.status, 500);
    assert.equal(errorCode(boom), 'ERR_MONITOR_INTERNAL');
    assert.equal((await request(base, '/api/pool')).status, 200);
  });

  it('answers a garbage request line with 400 and keeps serving', async () => {
    const { port } = new URL(base);
    const reply = await new Promise<string>((resolve, reject) => {
      const socket = net.connect(Number(port), '127.0.0.1', () => socket.write('NOT HTTP AT ALL\r\n\r\n'));
      let text = '';
      socket.on('data', (d: Buffer) => (text += d.toString()));
      socket.on('end', () => resolve(text));
      socket.on('error', reject);
    });
    assert.match(reply, /^HTTP\/1\.1 400/);
    assert.equal((await request(base, '/api/ports')).status, 200);
  });

  it('SSE: a first stats event, periodic stats, heartbeats and a published block', async () => {
    const block = makeBlock(122, 'cd', 700_000);
    let published = false;
    const events = await readEvents(`${base}/api/events`, (seen, comments) => {
      if (!published && seen.length === 1) {
        published = true;
        server.publish('block', block);
      }
      return seen.some((e) => e.event === 'block') && seen.filter((e) => e.event === 'stats').length >= 2 && comments >= 1;
    });
    assert.equal(events[0].event, 'stats');
    const first = events[0].data as { name: string; hashrate: number };
    assert.equal(first.name, 'test pool');
    assert.equal(first.hashrate, (20 * 2 ** 32) / 65536 / 600);
    assert.deepEqual(events.find((e) => e.event === 'block')?.data, block);
    // The client went away: the server forgets it.
    const deadline = Date.now() + 5000;
    while (server.sseClients > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    assert.equal(server.sseClients, 0);
  });

  it('admin from loopback: bans, unban, disconnect, extranonce, and input checks', async () => {
    const json = { 'Content-Type': 'application/json' };
    assert.deepEqual((await request(base, '/admin/bans')).body, []);
    const ban = await request(base, '/admin/bans', { method: 'POST', headers: json, body: JSON.stringify({ ip: '10.1.2.3', seconds: 60 }) });
    assert.equal(ban.status, 201);
    assert.deepEqual(source.banList.map((b) => b.ip), ['10.1.2.3']);
    assert.deepEqual((await request(base, '/admin/bans')).body, source.banList);

    for (const body of ['{"ip":"nope","seconds":60}', '{"ip":"10.0.0.1","seconds":0}', '{"ip":"10.0.0.1","seconds":"60"}', '{bad json', '[1,2]']) {
      const r = await request(base, '/admin/bans', { method: 'POST', headers: json, body });
      assert.equal(r.status, 400, body);
      assert.equal(errorCode(r), 'ERR_MONITOR_BAD_REQUEST');
    }
    const big = await request(base, '/admin/bans', { method: 'POST', headers: json, body: JSON.stringify({ ip: '10.0.0.1', seconds: 5, pad: 'x'.repeat(MAX_BODY_BYTES) }) });
    assert.equal(big.status, 413);
    assert.equal(errorCode(big), 'ERR_MONITOR_BODY_TOO_LARGE');
    assert.equal(source.banList.length, 1);

    // Without a Content-Length the cap applies while streaming.
    const chunked = await new Promise<number>((resolve, reject) => {
      const req = http.request(`${base}/admin/bans`, { method: 'POST', headers: { 'Transfer-Encoding': 'chunked' } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.write('{"ip":"10.0.0.1","seconds":5,"pad":"');
      for (let i = 0; i < 20; i++) req.write('y'.repeat(1024));
      req.end('"}');
    });
    assert.equal(chunked, 413);
    assert.equal(source.banList.length, 1);

    assert.equal((await request(base, '/admin/bans/10.1.2.3', { method: 'DELETE' })).status, 200);
    assert.equal((await request(base, '/admin/bans/10.1.2.3', { method: 'DELETE' })).status, 404);
    assert.equal((await request(base, '/admin/bans/zzz', { method: 'DELETE' })).status, 400);
    assert.equal((await request(base, '/admin/sessions/2/disconnect', { method: 'POST' })).status, 200);
    assert.equal((await request(base, '/admin/sessions/9/disconnect', { method: 'POST' })).status, 404);
    assert.equal((await request(base, '/admin/sessions/x/disconnect', { method: 'POST' })).status, 400);
    assert.equal((await request(base, '/admin/sessions/1/extranonce', { method: 'POST' })).status, 200);
    assert.equal((await request(base, '/admin/sessions/1/extranonce', { method: 'GET' })).status, 405);
    assert.equal((await request(base, '/admin/whatever')).status, 404);
    assert.deepEqual(source.disconnected, [2]);
    assert.deepEqual(source.reassigned, [1]);
  });

  it('admin refused from a non-loopback peer even when listening on 0.0.0.0', async function () {
    const address = nonLoopbackAddress();
    if (address === undefined) this.skip();
    const open = new MonitorServer({ host: '0.0.0.0', port: 0, stats, source });
    const { port } = await open.listen();
    try {
      const remote = `http://${address}:${port}`;
      for (const [path, method] of [['/admin/bans', 'GET'], ['/admin/bans', 'POST'], ['/admin/sessions/1/disconnect', 'POST'], ['/admin/bans/1.2.3.4', 'DELETE']] as const) {
        const r = await request(remote, path, { method, body: method === 'POST' ? '{"ip":"1.2.3.4","seconds":5}' : undefined });
        assert.equal(r.status, 403, `${method} ${path}`);
        assert.equal(errorCode(r), 'ERR_MONITOR_FORBIDDEN');
      }
      assert.equal(source.banList.length, 0);
      assert.deepEqual(source.disconnected, []);
      assert.equal((await request(remote, '/api/pool')).status, 200, 'the public API is open');
      assert.equal((await request(`http://127.0.0.1:${port}`, '/admin/bans')).status, 200, 'loopback is still allowed');
    } finally {
      await open.close();
    }
  });
});

// The pool's own source over a real SQLite share log: /api/blocks/HASH finds a block however
// many newer ones there are (it once searched only the newest 1,000).
describe('MonitorServer over the share log: /api/blocks/:hash', function () {
  this.timeout(30_000);
  let dir: string;
  let log: SqliteShareLog;
  let server: MonitorServer;
  let base: string;
  const hashOf = (n: number): string => `${n.toString(16).padStart(62, '0')}ef`;
  const record = (n: number): BlockRecord => ({
    height: 1000 + n,
    hash: hashOf(n),
    time: 1_700_000_000_000 + n * 150_000,
    worker: 'addr.rig1',
    user: 'addr',
    reward: 2n ** 60n + BigInt(n),
    status: 'confirmed',
    submitResult: null,
    confirmations: 100,
    poolInstance: 0,
  });

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hashpool-monitor-blocks-'));
    log = openSqliteShareLog({ path: path.join(dir, 'shares.db') });
    for (let n = 0; n < 1001; n++) await log.recordBlock(record(n));
    // Only the block routes are exercised, which read nothing but the share log.
    const source = new PoolMonitorSource({} as PoolNode, {} as StratumServer, log);
    server = new MonitorServer({ host: '127.0.0.1', port: 0, stats: new PoolStats({ difficultyFactor: 65536 }), source });
    base = (await server.listen()).url;
  });

  after(async () => {
    await server.close();
    await log.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('answers 200 with a block older than the newest 1,000, in either case, and 404 for an unknown hash', async () => {
    const oldest = hashOf(0);
    const newest = (await request(base, '/api/blocks?limit=1000')).body as Array<{ hash: string }>;
    assert.equal(newest.length, 1000);
    assert.equal(newest.some((b) => b.hash === oldest), false);
    for (const asked of [oldest, oldest.toUpperCase()]) {
      const reply = await request(base, `/api/blocks/${asked}`);
      assert.equal(reply.status, 200);
      assert.deepEqual(reply.body, {
        height: 1000,
        hash: oldest,
        time: 1_700_000_000_000,
        worker: 'addr.rig1',
        reward: (2n ** 60n).toString(),
        status: 'confirmed',
        confirmations: 100,
        explorerPath: `/api/blocks/${oldest}`,
      });
    }
    const unknown = await request(base, `/api/blocks/${hashOf(1001)}`);
    assert.equal(unknown.status, 404);
    assert.equal(errorCode(unknown), 'ERR_MONITOR_NOT_FOUND');
  });
});

describe('isLoopbackAddress', () => {
  it('accepts 127/8, ::1 and mapped 127.x; refuses the rest', () => {
    for (const a of ['127.0.0.1', '127.255.0.9', '::1', '0:0:0:0:0:0:0:1', '::ffff:127.0.0.1', '::FFFF:127.1.2.3', '::ffff:7f00:1']) {
      assert.equal(isLoopbackAddress(a), true, a);
    }
    for (const a of ['192.0.2.2', '10.0.0.1', '::2', '::ffff:10.0.0.1', 'fe80::1', '128.0.0.1', '', 'localhost', undefined, '0.0.0.0', '::']) {
      assert.equal(isLoopbackAddress(a), false, String(a));
    }
  });
});
