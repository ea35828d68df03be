// A statsd client over UDP: fire-and-forget, never throws, lines batched into packets of at
// most MAX_PACKET_BYTES and flushed on the next tick. Tags use the DogStatsD `|#k:v` suffix.

import { createSocket, Socket } from 'node:dgram';
import { isIP } from 'node:net';

/** Fits an Ethernet MTU with IP/UDP headers, so packets are not fragmented. */
export const MAX_PACKET_BYTES = 1432;

export interface StatsdOptions {
  host: string;
  port: number;
  /** Prepended to every metric name, e.g. 'hashpool.' */
  prefix: string;
}

/** statsd reserves ':', '|', '@' and '#', and a newline ends a line. */
function clean(text: string): string {
  return text.replace(/[:|@#,\n\r\s]/g, '_');
}

function formatTags(tags: Record<string, string> | undefined): string {
  if (tags === undefined) return '';
  const keys = Object.keys(tags);
  if (keys.length === 0) return '';
  return `|#${keys.map((k) => `${clean(k)}:${clean(String(tags[k]))}`).join(',')}`;
}

export class StatsdClient {
  private readonly socket: Socket | undefined;
  private readonly host: string;
  private readonly port: number;
  private readonly prefix: string;
  private pending: string[] = [];
  private pendingBytes = 0;
  private flushScheduled = false;
  private closed = false;
  /** Errors swallowed so far (send failures, DNS); exposed for tests and logs. */
  errors = 0;

  constructor(options: StatsdOptions) {
    this.host = options.host;
    this.port = options.port;
    this.prefix = options.prefix;
    let socket: Socket | undefined;
    try {
      socket = createSocket(isIP(options.host) === 6 ? 'udp6' : 'udp4');
      socket.on('error', () => {
        this.errors++;
      });
      socket.unref();
    } catch {
      this.errors++;
      socket = undefined;
    }
    this.socket = socket;
  }

  increment(name: string, value = 1, tags?: Record<string, string>): void {
    this.push(name, Number.isFinite(value) ? value : 0, 'c', tags);
  }

  gauge(name: string, value: number, tags?: Record<string, string>): void {
    if (Number.isFinite(value)) this.push(name, value, 'g', tags);
  }

  timing(name: string, ms: number, tags?: Record<string, string>): void {
    if (Number.isFinite(ms)) this.push(name, ms, 'ms', tags);
  }

  /** Sends what is queued and releases the socket. */
  close(): void {
    if (this.closed) return;
    this.flush();
    this.closed = true;
    // Let queued datagrams leave before the socket goes.
    setImmediate(() => {
      try {
        this.socket?.close();
      } catch {
        this.errors++;
      }
    });
  }

  private push(name: string, value: number, type: string, tags: Record<string, string> | undefined): void {
    if (this.closed || this.socket === undefined) return;
    const line = `${clean(this.prefix + name)}:${value}|${type}${formatTags(tags)}`;
    const bytes = Buffer.byteLength(line);
    if (this.pendingBytes > 0 && this.pendingBytes + 1 + bytes > MAX_PACKET_BYTES) this.flush();
    this.pending.push(line);
    this.pendingBytes += (this.pending.length > 1 ? 1 : 0) + bytes;
    if (!this.flushScheduled) {
      this.flushScheduled = true;
      setImmediate(() => this.flush());
    }
  }

  private flush(): void {
    this.flushScheduled = false;
    if (this.pending.length === 0 || this.socket === undefined) return;
    const packet = Buffer.from(this.pending.join('\n'));
    this.pending = [];
    this.pendingBytes = 0;
    try {
      this.socket.send(packet, this.port, this.host, (error) => {
        if (error) this.errors++;
      });
    } catch {
      this.errors++;
    }
  }
}
