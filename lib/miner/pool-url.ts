// Pool addresses as nightminer and cpuminer take them: stratum+tcp://HOST:PORT,
// stratum+ssl:// (or stratum+tls://, or cpuminer's stratum+tcps://) for TLS, or a bare
// HOST:PORT meaning TCP.
import { BadUrlError } from './errors';

export interface PoolEndpoint {
  url: string;
  host: string;
  port: number;
  tls: boolean;
  user: string;
  password: string;
}

export function parsePoolUrl(url: string, user: string, password: string): PoolEndpoint {
  const match = /^(?:(stratum\+tcps?|stratum\+ssl|stratum\+tls|tcps?|ssl|tls):\/\/)?(\[[^\]]+\]|[^:/\s]+):(\d{1,5})\/?$/.exec(url.trim());
  if (!match) throw new BadUrlError(url, 'expected stratum+tcp://HOST:PORT or stratum+ssl://HOST:PORT');
  const port = Number(match[3]);
  if (port < 1 || port > 65535) throw new BadUrlError(url, 'port must be from 1 to 65535');
  const scheme = match[1] ?? 'stratum+tcp';
  const host = match[2].replace(/^\[(.*)\]$/, '$1');
  return { url, host, port, tls: /ssl|tls|tcps/.test(scheme), user, password };
}
