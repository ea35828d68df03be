// Server-sent events: a set of open responses, events written to all of them, heartbeat
// comments so proxies keep idle streams open, and clients dropped when they close or fall
// too far behind (a stalled reader must not grow the pool's memory).

import type { ServerResponse } from 'node:http';

/** A client whose unsent output passes this is dropped. */
const MAX_BACKLOG_BYTES = 1024 * 1024;

export function formatEvent(event: string, data: unknown): string {
  // JSON.stringify escapes newlines inside strings, so the payload is one data line.
  return `event: ${event}\ndata: ${JSON.stringify(data) ?? 'null'}\n\n`;
}

export class SseHub {
  private readonly clients = new Set<ServerResponse>();
  private heartbeatTimer: NodeJS.Timeout | undefined;

  constructor(private readonly heartbeatMs: number) {}

  get size(): number {
    return this.clients.size;
  }

  /** Sends the stream headers and keeps `res` until it closes. */
  add(res: ServerResponse): void {
    res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    });
    res.write('retry: 5000\n\n');
    this.clients.add(res);
    res.on('close', () => this.remove(res));
    res.on('error', () => this.remove(res));
    if (this.heartbeatTimer === undefined) {
      this.heartbeatTimer = setInterval(() => this.writeAll(': heartbeat\n\n'), this.heartbeatMs);
      this.heartbeatTimer.unref();
    }
  }

  send(res: ServerResponse, event: string, data: unknown): void {
    if (this.clients.has(res)) this.write(res, formatEvent(event, data));
  }

  broadcast(event: string, data: unknown): void {
    if (this.clients.size > 0) this.writeAll(formatEvent(event, data));
  }

  closeAll(): void {
    for (const res of [...this.clients]) {
      this.remove(res);
      res.end();
    }
  }

  private writeAll(text: string): void {
    for (const res of [...this.clients]) this.write(res, text);
  }

  private write(res: ServerResponse, text: string): void {
    if (res.writableEnded || res.destroyed) {
      this.remove(res);
      return;
    }
    if (res.writableLength > MAX_BACKLOG_BYTES) {
      this.remove(res);
      res.destroy();
      return;
    }
    res.write(text);
  }

  private remove(res: ServerResponse): void {
    this.clients.delete(res);
    if (this.clients.size === 0 && this.heartbeatTimer !== undefined) {
      clearInterval(this.heartbeatTimer);
      this.heartbeatTimer = undefined;
    }
  }
}
