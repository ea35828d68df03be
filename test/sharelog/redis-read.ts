// Test helper: reads every share hash straight from a Redis stream, bypassing the share log.

import Redis from 'ioredis';

export async function streamHashes(url: string, prefix: string): Promise<string[]> {
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1 });
  await redis.connect();
  try {
    const hashes: string[] = [];
    let start = '-';
    for (;;) {
      const page = await redis.xrange(`${prefix}shares`, start, '+', 'COUNT', 5000);
      for (const [, fields] of page) hashes.push(fields[fields.indexOf('x') + 1]);
      if (page.length < 5000) return hashes;
      start = `(${page[page.length - 1][0]}`;
    }
  } finally {
    redis.disconnect();
  }
}

/** Hashes that occur more than once. */
export function duplicates(values: string[]): string[] {
  const seen = new Set<string>();
  const twice = new Set<string>();
  for (const v of values) (seen.has(v) ? twice : seen).add(v);
  return [...twice];
}
