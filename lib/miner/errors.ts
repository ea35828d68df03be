// Typed errors of the stratum miner.
import { HashpoolError } from '../hash/errors';

export const ERR_MINER_UNKNOWN_POW = 'ERR_MINER_UNKNOWN_POW';
export const ERR_MINER_BAD_POW = 'ERR_MINER_BAD_POW';
export const ERR_MINER_NOT_SUBSCRIBED = 'ERR_MINER_NOT_SUBSCRIBED';
export const ERR_MINER_BAD_URL = 'ERR_MINER_BAD_URL';
export const ERR_MINER_TIMEOUT = 'ERR_MINER_TIMEOUT';
export const ERR_MINER_DISCONNECTED = 'ERR_MINER_DISCONNECTED';
export const ERR_MINER_AUTH = 'ERR_MINER_AUTH';
export const ERR_MINER_BAD_OPTION = 'ERR_MINER_BAD_OPTION';
export const ERR_MINER_TLS_CERT = 'ERR_MINER_TLS_CERT';
export const ERR_MINER_SCAN_THREAD = 'ERR_MINER_SCAN_THREAD';

export class UnknownPowError extends HashpoolError {
  constructor(name: string) {
    super(ERR_MINER_UNKNOWN_POW, `no proof of work registered as '${name}'`);
  }
}

export class BadPowError extends HashpoolError {
  constructor(message: string) {
    super(ERR_MINER_BAD_POW, message);
  }
}

export class NotSubscribedError extends HashpoolError {
  constructor() {
    super(ERR_MINER_NOT_SUBSCRIBED, 'no subscription yet: extranonce1 and extranonce2_size are unknown');
  }
}

export class BadUrlError extends HashpoolError {
  constructor(url: string, why: string) {
    super(ERR_MINER_BAD_URL, `bad pool url '${url}': ${why}`);
  }
}

export class RequestTimeoutError extends HashpoolError {
  constructor(method: string, ms: number) {
    super(ERR_MINER_TIMEOUT, `no reply to ${method} within ${ms} ms`);
  }
}

export class DisconnectedError extends HashpoolError {
  constructor(message = 'connection closed') {
    super(ERR_MINER_DISCONNECTED, message);
  }
}

export class AuthorizationError extends HashpoolError {
  constructor(user: string, why: string) {
    super(ERR_MINER_AUTH, `the pool refused worker '${user}': ${why}`);
  }
}

export class MinerOptionError extends HashpoolError {
  constructor(message: string) {
    super(ERR_MINER_BAD_OPTION, message);
  }
}

/** The pool's certificate failed verification (untrusted issuer, wrong name, expired...). */
export class TlsCertificateError extends HashpoolError {
  constructor(
    readonly url: string,
    /** Node's or OpenSSL's name for the failure, e.g. DEPTH_ZERO_SELF_SIGNED_CERT, ERR_TLS_CERT_ALTNAME_INVALID. */
    readonly tlsCode: string,
    detail: string,
  ) {
    super(
      ERR_MINER_TLS_CERT,
      `TLS certificate of ${url} refused (${tlsCode}: ${detail}); trust it with the ca option (--cert FILE) or skip the check (--insecure)`,
    );
  }
}

/** A scan thread failed: its PoW module threw or returned a bad hash, or the thread died. */
export class ScanThreadError extends HashpoolError {
  constructor(
    readonly thread: number,
    detail: string,
  ) {
    super(ERR_MINER_SCAN_THREAD, `scan thread ${thread}: ${detail}`);
  }
}
