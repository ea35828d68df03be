// TLS trust for stratum+ssl: checking a trust anchor (the pool's self-signed certificate or
// its CA) before any connection, and naming a certificate the connection refused. Node's
// tls.connect does not look at `ca` until a handshake, and then silently trusts nothing if
// the PEM is garbage, which would look like a pool problem; hence the early check.
import { X509Certificate } from 'node:crypto';
import net from 'node:net';
import type tls from 'node:tls';
import { MinerOptionError } from './errors';

const PEM_CERTIFICATE = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

/** Throws MinerOptionError unless `ca` holds at least one PEM certificate and all of them parse; returns how many. */
export function checkTrustAnchors(ca: string | Buffer): number {
  const text = Buffer.isBuffer(ca) ? ca.toString('latin1') : ca;
  const blocks = text.match(PEM_CERTIFICATE) ?? [];
  if (blocks.length === 0) throw new MinerOptionError('ca: no PEM certificate (-----BEGIN CERTIFICATE-----) found');
  blocks.forEach((block, index) => {
    try {
      new X509Certificate(block);
    } catch (error) {
      throw new MinerOptionError(`ca: certificate ${index + 1} does not parse: ${(error as Error).message}`);
    }
  });
  return blocks.length;
}

/**
 * The verification failure behind a TLS socket error, or undefined for other errors
 * (refused, reset, protocol). Node sets authorizationError only when the handshake
 * finished and the certificate or host name check failed, so this is exact.
 */
export function certificateFailure(socket: tls.TLSSocket, error: Error): string | undefined {
  const reason: unknown = socket.authorizationError;
  if (reason === null || reason === undefined) return undefined;
  const code = (error as NodeJS.ErrnoException).code;
  if (typeof code === 'string') return code;
  return reason instanceof Error ? reason.message : String(reason);
}

/**
 * Options for tls.connect to a pool at `host`. `ca` (PEM: the pool's self-signed certificate
 * or its CA) replaces the system CAs. The certificate must also name the host as written in
 * the URL: an IP needs an IP SAN (Node never falls back to the CN for IPs), a name needs a
 * DNS SAN (or the CN when there are no SANs). SNI is sent for names only: RFC 6066 has none
 * for IP addresses and Node warns about one.
 */
export function tlsConnectOptions(host: string, trust: { ca?: string | Buffer; rejectUnauthorized?: boolean }): tls.ConnectionOptions {
  return {
    servername: net.isIP(host) ? undefined : host,
    rejectUnauthorized: trust.rejectUnauthorized ?? true,
    ca: trust.ca,
  };
}
