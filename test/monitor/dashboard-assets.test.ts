import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile, mkdir } from 'node:fs/promises';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import {
  createDashboardHandler,
  DASHBOARD_MODULES,
  DashboardNotFoundError,
  ERR_DASHBOARD_NOT_FOUND,
  findDashboardRoot,
} from '../../lib/monitor/dashboard-assets';

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

// Raw requests: fetch would normalise '..' segments away before they reach the server.
function send(port: number, method: string, rawPath: string, headers: Record<string, string> = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method, path: rawPath, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('dashboard static handler', () => {
  let server: Server;
  let port: number;
  const root = findDashboardRoot();
  const uplotDist = path.join(path.dirname(require.resolve('uplot/package.json')), 'dist');

  before(async () => {
    const handler = createDashboardHandler();
    server = createServer((req, res) => {
      if (!handler.handle(req, res)) {
        res.writeHead(404, { 'Content-Type': 'text/plain' });
        res.end('not the dashboard');
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });

  after(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('finds web/dashboard from the compiled file and from the source tree', () => {
    const fromDist = findDashboardRoot(path.join(__dirname, '..', '..', 'lib', 'monitor'));
    const fromSource = findDashboardRoot(path.resolve(__dirname, '..', '..', '..', 'lib', 'monitor'));
    assert.equal(fromDist, fromSource);
    assert.ok(fromDist.endsWith(path.join('web', 'dashboard')));
  });

  it('fails with a coded error when no dashboard folder exists', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'hashpool-dash-'));
    try {
      assert.throws(() => findDashboardRoot(dir), (e: unknown) => e instanceof DashboardNotFoundError && e.code === ERR_DASHBOARD_NOT_FOUND);
      await mkdir(path.join(dir, 'web', 'dashboard'), { recursive: true });
      await writeFile(path.join(dir, 'web', 'dashboard', 'index.html'), '<!doctype html>');
      // index.html alone is not enough: every allow-listed file must exist.
      assert.throws(() => createDashboardHandler({ root: path.join(dir, 'web', 'dashboard') }), /app\.js|style\.css|favicon/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('serves the page with HTML type, a same-origin CSP and no-cache', async () => {
    const r = await send(port, 'GET', '/');
    assert.equal(r.status, 200);
    assert.equal(r.headers['content-type'], 'text/html; charset=utf-8');
    assert.match(String(r.headers['content-security-policy']), /default-src 'self'/);
    assert.equal(r.headers['cache-control'], 'no-cache');
    assert.equal(r.headers['x-content-type-options'], 'nosniff');
    assert.deepEqual(r.body, readFileSync(path.join(root, 'index.html')));
    const q = await send(port, 'GET', '/?utm=1');
    assert.equal(q.status, 200);
  });

  it('serves every module, the stylesheet and uPlot from node_modules with their types', async () => {
    for (const name of DASHBOARD_MODULES) {
      const r = await send(port, 'GET', `/assets/${name}`);
      assert.equal(r.status, 200, name);
      assert.equal(r.headers['content-type'], 'text/javascript; charset=utf-8', name);
      assert.deepEqual(r.body, readFileSync(path.join(root, name)), name);
    }
    const css = await send(port, 'GET', '/assets/style.css');
    assert.equal(css.headers['content-type'], 'text/css; charset=utf-8');
    const js = await send(port, 'GET', '/assets/uplot.js');
    assert.equal(js.status, 200);
    assert.deepEqual(js.body, readFileSync(path.join(uplotDist, 'uPlot.iife.min.js')));
    const ucss = await send(port, 'GET', '/assets/uplot.css');
    assert.deepEqual(ucss.body, readFileSync(path.join(uplotDist, 'uPlot.min.css')));
    const icon = await send(port, 'GET', '/assets/favicon.svg');
    assert.equal(icon.headers['content-type'], 'image/svg+xml');
  });

  it('every module app.js imports is on the allow-list', () => {
    const seen = new Set<string>();
    const queue = ['app.js'];
    while (queue.length > 0) {
      const name = queue.pop() as string;
      if (seen.has(name)) continue;
      seen.add(name);
      const src = readFileSync(path.join(root, name), 'utf8');
      for (const m of src.matchAll(/from '\.\/([a-z-]+\.js)'/g)) queue.push(m[1]);
    }
    assert.deepEqual([...seen].sort(), [...DASHBOARD_MODULES].sort());
  });

  it('answers If-None-Match with 304 and HEAD with headers only', async () => {
    const first = await send(port, 'GET', '/assets/app.js');
    const etag = String(first.headers.etag);
    assert.match(etag, /^"[A-Za-z0-9_-]+"$/);
    const again = await send(port, 'GET', '/assets/app.js', { 'If-None-Match': etag });
    assert.equal(again.status, 304);
    assert.equal(again.body.length, 0);
    const stale = await send(port, 'GET', '/assets/app.js', { 'If-None-Match': '"nope"' });
    assert.equal(stale.status, 200);
    const head = await send(port, 'HEAD', '/assets/app.js');
    assert.equal(head.status, 200);
    assert.equal(head.headers['content-length'], String(first.body.length));
    assert.equal(head.body.length, 0);
  });

  it('refuses other methods on its paths with 405 and an Allow header', async () => {
    const r = await send(port, 'POST', '/assets/app.js');
    assert.equal(r.status, 405);
    assert.equal(r.headers.allow, 'GET, HEAD');
  });

  it('leaves every other path to the server, traversal attempts included', async () => {
    for (const p of [
      '/api/pool',
      '/assets/',
      '/assets/../package.json',
      '/assets/..%2f..%2fpackage.json',
      '/assets/%2e%2e/%2e%2e/package.json',
      '/assets/index.html',
      '/web/dashboard/app.js',
      '/assets/app.js/',
      '//etc/passwd',
      '/assets/uPlot.iife.min.js',
    ]) {
      const r = await send(port, 'GET', p);
      assert.equal(r.status, 404, p);
      assert.equal(r.body.toString(), 'not the dashboard', p);
    }
  });
});
