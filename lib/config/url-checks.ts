// Single-value checks for connection strings, phrased for an operator editing a file.

/** Problem with a coin-daemon RPC URL, or undefined. Only what lib/rpc's DaemonClient can use passes. */
export function daemonUrlProblem(text: string): string | undefined {
  const url = parseUrl(text);
  if (url === undefined) return `expected a URL like http://user:pass@127.0.0.1:9332, got ${JSON.stringify(redact(text))}`;
  if (url.protocol === 'https:') return 'https is not supported: the daemon RPC client speaks plain http (put a TLS tunnel in front if needed)';
  if (url.protocol !== 'http:') return `expected an http:// URL, got ${JSON.stringify(redact(text))}`;
  if (url.hostname === '') return 'the URL has no host';
  if (url.port === '') return 'the URL needs an explicit port (the daemon RPC port, e.g. 9332 for litecoin mainnet)';
  if (url.pathname !== '/' || url.search !== '' || url.hash !== '') return 'the URL must not have a path, query or fragment';
  return undefined;
}

/** Problem with a redis URL (redis:// or rediss://), or undefined. */
export function redisUrlProblem(text: string): string | undefined {
  const url = parseUrl(text);
  if (url === undefined || (url.protocol !== 'redis:' && url.protocol !== 'rediss:')) {
    return `expected a URL like redis://127.0.0.1:6379/0, got ${JSON.stringify(redact(text))}`;
  }
  if (url.hostname === '') return 'the URL has no host';
  if (!/^\/?(\d+)?$/.test(url.pathname)) return `the path must be a database number, got ${JSON.stringify(url.pathname)}`;
  return undefined;
}

export function hasCredentials(text: string): boolean {
  const url = parseUrl(text);
  return url !== undefined && (url.username !== '' || url.password !== '');
}

/** Hides the password so error messages can go to logs. */
export function redact(text: string): string {
  return text.replace(/:[^@/]*@/, ':***@');
}

function parseUrl(text: string): URL | undefined {
  try {
    return new URL(text);
  } catch {
    return undefined;
  }
}
