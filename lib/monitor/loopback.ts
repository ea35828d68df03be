// Admin endpoints answer only to the machine itself. The check is on the socket's peer
// address, never on headers a client controls (X-Forwarded-For and the like).

import { isIP } from 'node:net';

/** True for 127.0.0.0/8, ::1 and IPv4-mapped 127.x (::ffff:127.x.x.x in any spelling). */
export function isLoopbackAddress(address: string | undefined): boolean {
  if (typeof address !== 'string') return false;
  const a = address.toLowerCase().replace(/%.*$/, '');
  const family = isIP(a);
  if (family === 4) return a.split('.')[0] === '127';
  if (family !== 6) return false;
  // The URL parser canonicalizes IPv6 (zero runs, mapped IPv4 as hex), so one spelling is left.
  const host = new URL(`http://[${a}]/`).hostname;
  return host === '[::1]' || /^\[::ffff:7f[0-9a-f]{2}:[0-9a-f]{1,4}\]$/.test(host);
}
