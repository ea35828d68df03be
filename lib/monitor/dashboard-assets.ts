// Static files of the web dashboard, served by the monitor itself: pools often run on closed
// networks, so nothing may come from a CDN. Only a fixed allow-list of URL paths maps to files;
// no part of a URL ever becomes part of a filesystem path, which rules out traversal.

import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { HashpoolError } from '../hash/errors';

export const ERR_DASHBOARD_NOT_FOUND = 'ERR_DASHBOARD_NOT_FOUND';

export class DashboardNotFoundError extends HashpoolError {
  constructor(message: string) {
    super(ERR_DASHBOARD_NOT_FOUND, message);
  }
}

export interface DashboardHandler {
  /** Serves the request and returns true if the path is the dashboard's, else returns false untouched. */
  handle(req: IncomingMessage, res: ServerResponse): boolean;
}

export interface DashboardHandlerOptions {
  /** Folder holding index.html, app.js, ...; found next to the package when omitted. */
  root?: string;
}

interface Asset {
  file: string;
  type: string;
}

const JS = 'text/javascript; charset=utf-8';
const CSS = 'text/css; charset=utf-8';

/** Page modules, kept in step with the imports of web/dashboard/app.js. */
export const DASHBOARD_MODULES: readonly string[] = [
  'app.js',
  'api.js',
  'format.js',
  'chart.js',
  'dom.js',
  'overview.js',
  'workers.js',
  'blocks.js',
];

// The page's CSP: everything from this origin. uPlot sets element styles from script, which
// 'unsafe-inline' for styles permits; scripts stay strictly same-origin.
const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
  "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/** Walks up from this file to the package root (the one that has web/dashboard/index.html). */
export function findDashboardRoot(start: string = __dirname): string {
  let dir = start;
  for (;;) {
    const candidate = path.join(dir, 'web', 'dashboard');
    if (existsSync(path.join(candidate, 'index.html'))) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  throw new DashboardNotFoundError(`web/dashboard/index.html not found above ${start}`);
}

function uplotDir(): string {
  try {
    return path.join(path.dirname(require.resolve('uplot/package.json')), 'dist');
  } catch (err) {
    throw new DashboardNotFoundError(`the uplot package is not installed: ${(err as Error).message}`);
  }
}

function buildAssets(root: string): Map<string, Asset> {
  const chartDir = uplotDir();
  const assets = new Map<string, Asset>([
    ['/', { file: path.join(root, 'index.html'), type: 'text/html; charset=utf-8' }],
    ['/index.html', { file: path.join(root, 'index.html'), type: 'text/html; charset=utf-8' }],
    ['/assets/style.css', { file: path.join(root, 'style.css'), type: CSS }],
    ['/assets/favicon.svg', { file: path.join(root, 'favicon.svg'), type: 'image/svg+xml' }],
    ['/assets/uplot.js', { file: path.join(chartDir, 'uPlot.iife.min.js'), type: JS }],
    ['/assets/uplot.css', { file: path.join(chartDir, 'uPlot.min.css'), type: CSS }],
  ]);
  for (const name of DASHBOARD_MODULES) assets.set(`/assets/${name}`, { file: path.join(root, name), type: JS });
  for (const [url, asset] of assets) {
    if (!existsSync(asset.file)) throw new DashboardNotFoundError(`dashboard file for ${url} missing: ${asset.file}`);
  }
  return assets;
}

interface Loaded {
  body: Buffer;
  etag: string;
  stamp: string;
}

function sendError(res: ServerResponse, status: number, message: string, extra: Record<string, string> = {}): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store', ...extra });
  res.end(`${message}\n`);
}

function etagMatches(header: string | undefined, etag: string): boolean {
  if (header === undefined) return false;
  return header.split(',').some((tag) => {
    const t = tag.trim();
    return t === '*' || t === etag || t === `W/${etag}`;
  });
}

export function createDashboardHandler(options: DashboardHandlerOptions = {}): DashboardHandler {
  const assets = buildAssets(options.root ?? findDashboardRoot());
  // Cached by size+mtime so an edited file is picked up without a restart, yet an unchanged
  // one is hashed only once.
  const cache = new Map<string, Loaded>();

  function load(asset: Asset): Loaded {
    const st = statSync(asset.file);
    const stamp = `${st.size}-${st.mtimeMs}`;
    const hit = cache.get(asset.file);
    if (hit !== undefined && hit.stamp === stamp) return hit;
    const body = readFileSync(asset.file);
    const etag = `"${createHash('sha1').update(body).digest('base64url')}"`;
    const loaded = { body, etag, stamp };
    cache.set(asset.file, loaded);
    return loaded;
  }

  return {
    handle(req: IncomingMessage, res: ServerResponse): boolean {
      let pathname: string;
      try {
        pathname = new URL(req.url ?? '/', 'http://localhost').pathname;
      } catch {
        return false;
      }
      const asset = assets.get(pathname);
      if (asset === undefined) return false;
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        sendError(res, 405, 'method not allowed', { Allow: 'GET, HEAD' });
        return true;
      }
      let loaded: Loaded;
      try {
        loaded = load(asset);
      } catch (err) {
        sendError(res, 500, `dashboard file unreadable: ${(err as Error).message}`);
        return true;
      }
      const headers: Record<string, string> = {
        'Content-Type': asset.type,
        ETag: loaded.etag,
        // File names carry no version, so browsers revalidate every time; the ETag makes that a 304.
        'Cache-Control': 'no-cache',
        'X-Content-Type-Options': 'nosniff',
      };
      if (asset.type.startsWith('text/html')) {
        headers['Content-Security-Policy'] = CSP;
        headers['Referrer-Policy'] = 'no-referrer';
      }
      if (etagMatches(req.headers['if-none-match'], loaded.etag)) {
        res.writeHead(304, headers);
        res.end();
        return true;
      }
      headers['Content-Length'] = String(loaded.body.length);
      res.writeHead(200, headers);
      res.end(req.method === 'HEAD' ? undefined : loaded.body);
      return true;
    },
  };
}
