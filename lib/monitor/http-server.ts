// The monitor's HTTP server: JSON API, /metrics, the SSE stream, loopback-only admin, and
// the dashboard's static handler for anything else. Every request is answered; a throwing
// handler becomes a 500 with a coded body, never a crashed process.

import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { MonitorSource } from './source';
import type { PoolStats } from './stats';
import { Router } from './router';
import { addApiRoutes } from './api-routes';
import { addAdminRoutes } from './admin-routes';
import { SseHub } from './sse';
import { buildPoolSummary } from './pool-summary';
import { isLoopbackAddress } from './loopback';
import { sendError, sendJson } from './http-io';
import { ERR_MONITOR_LISTEN, MonitorArgumentError, MonitorError, badRequest, forbidden, methodNotAllowed, notFound } from './errors';

export interface MonitorServerOptions {
  host: string;
  /** 0 = ephemeral. */
  port: number;
  stats: PoolStats;
  source: MonitorSource;
  /** The dashboard's static handler; returns false when the path is not its own. */
  dashboard?: { handle(req: IncomingMessage, res: ServerResponse): boolean };
  /** Default 2000. */
  sseIntervalMs?: number;
  /** Default 15000. */
  sseHeartbeatMs?: number;
}

export class MonitorServer {
  private readonly server: Server;
  private readonly router = new Router();
  private readonly adminRouter = new Router();
  private readonly hub: SseHub;
  private readonly sseIntervalMs: number;
  private statsTimer: NodeJS.Timeout | undefined;
  private listening = false;

  constructor(private readonly options: MonitorServerOptions) {
    const interval = options.sseIntervalMs ?? 2000;
    const heartbeat = options.sseHeartbeatMs ?? 15000;
    if (!Number.isFinite(interval) || interval < 10) throw new MonitorArgumentError('sseIntervalMs must be >= 10');
    if (!Number.isFinite(heartbeat) || heartbeat < 10) throw new MonitorArgumentError('sseHeartbeatMs must be >= 10');
    if (!Number.isInteger(options.port) || options.port < 0 || options.port > 65535) {
      throw new MonitorArgumentError(`port must be 0..65535, got ${String(options.port)}`);
    }
    this.sseIntervalMs = interval;
    this.hub = new SseHub(heartbeat);
    addApiRoutes(this.router, options.stats, options.source);
    addAdminRoutes(this.adminRouter, options.source);
    this.server = createServer((req, res) => {
      this.handle(req, res).catch((error: unknown) => sendError(res, error));
    });
    // A malformed request line gets a 400 from Node; never an uncaught socket error.
    this.server.on('clientError', (_error, socket) => {
      if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
      else socket.destroy();
    });
  }

  listen(): Promise<{ host: string; port: number; url: string }> {
    return new Promise((resolve, reject) => {
      const onError = (error: Error): void => {
        reject(new MonitorError(ERR_MONITOR_LISTEN, `monitor cannot listen on ${this.options.host}:${this.options.port}: ${error.message}`));
      };
      this.server.once('error', onError);
      this.server.listen(this.options.port, this.options.host, () => {
        this.server.off('error', onError);
        this.server.on('error', () => undefined);
        this.listening = true;
        const address = this.server.address() as AddressInfo;
        const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
        resolve({ host: address.address, port: address.port, url: `http://${host}:${address.port}` });
      });
    });
  }

  async close(): Promise<void> {
    this.stopStatsTimer();
    this.hub.closeAll();
    if (!this.listening) return;
    this.listening = false;
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }

  /** Open SSE streams. */
  get sseClients(): number {
    return this.hub.size;
  }

  /** Pushes an event to every SSE client at once. */
  publish(event: 'block' | 'stats', data: unknown): void {
    this.hub.broadcast(event, data);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let url: URL;
    try {
      url = new URL(req.url ?? '/', 'http://monitor.invalid');
    } catch {
      throw badRequest('malformed request target');
    }
    const method = req.method ?? 'GET';
    const path = url.pathname;

    if (path === '/admin' || path.startsWith('/admin/')) {
      if (!isLoopbackAddress(req.socket.remoteAddress)) throw forbidden('admin endpoints answer only on loopback');
      await this.dispatch(this.adminRouter, method, url, req, res, true);
      return;
    }
    if (path === '/api/events') {
      if (method !== 'GET') throw methodNotAllowed(['GET']);
      await this.openEvents(res);
      return;
    }
    if (await this.dispatch(this.router, method, url, req, res, false)) return;
    if (this.options.dashboard?.handle(req, res) === true) return;
    throw notFound(`no such path ${path}`);
  }

  /** true when a route answered; with `required`, an unknown path is a 404 here. */
  private async dispatch(router: Router, method: string, url: URL, req: IncomingMessage, res: ServerResponse, required: boolean): Promise<boolean> {
    const match = router.match(method, url.pathname);
    if (match === undefined) {
      if (required) throw notFound(`no such path ${url.pathname}`);
      return false;
    }
    const result = await match.handler({ req, res, params: match.params, query: url.searchParams });
    if (result !== 'handled') sendJson(res, result.status ?? 200, result.body);
    return true;
  }

  private async openEvents(res: ServerResponse): Promise<void> {
    const first = await buildPoolSummary(this.options.stats, this.options.source);
    if (res.destroyed) return;
    this.hub.add(res);
    this.hub.send(res, 'stats', first);
    res.on('close', () => {
      if (this.hub.size === 0) this.stopStatsTimer();
    });
    if (this.statsTimer === undefined) {
      this.statsTimer = setInterval(() => void this.pushStats(), this.sseIntervalMs);
      this.statsTimer.unref();
    }
  }

  private async pushStats(): Promise<void> {
    if (this.hub.size === 0) {
      this.stopStatsTimer();
      return;
    }
    try {
      this.hub.broadcast('stats', await buildPoolSummary(this.options.stats, this.options.source));
    } catch {
      // A failing source skips one tick; the next one tries again.
    }
  }

  private stopStatsTimer(): void {
    if (this.statsTimer !== undefined) clearInterval(this.statsTimer);
    this.statsTimer = undefined;
  }
}
