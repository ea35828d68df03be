// The JS hashers a user would otherwise pick, each as "hash one 80-byte header".
// Third-party packages are optional (devDependencies): missing ones are skipped.
import crypto from 'node:crypto';
import type { PowSpec } from '../hash';
import { scanNonces } from '../hash/js/pow';

export interface JsCandidate {
  implementation: string;
  /** Hashes `count` nonces of `header` from `nonceStart`; returns how many were hashed. */
  hashNonces(header: Buffer, nonceStart: number, count: number): number;
}

/** A hasher of one header at a time, looped over nonces. */
function perHeader(implementation: string, hashHeader: (header: Uint8Array) => unknown): JsCandidate {
  return {
    implementation,
    hashNonces(header, nonceStart, count) {
      for (let i = 0; i < count; i++) {
        header.writeUInt32LE((nonceStart + i) >>> 0, 76);
        hashHeader(header);
      }
      return count;
    },
  };
}

function optionalRequire<T>(name: string): T | undefined {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require(name) as T;
  } catch {
    return undefined;
  }
}

interface NobleSha2 {
  sha256(data: Uint8Array): Uint8Array;
}
interface NobleScrypt {
  scrypt(password: Uint8Array, salt: Uint8Array, opts: { N: number; r: number; p: number; dkLen: number }): Uint8Array;
}
interface ScryptJs {
  syncScrypt(password: Uint8Array, salt: Uint8Array, N: number, r: number, p: number, dkLen: number): Uint8Array;
}
interface X11HashJs {
  digest(input: number[], inputFormat: number, outputFormat: number): number[];
}

export function jsCandidates(pow: PowSpec): JsCandidate[] {
  const n = pow.scryptN ?? 1024;
  const never = new Uint8Array(32);
  const out: JsCandidate[] = [
    {
      implementation: 'hashpool-ts',
      hashNonces: (header, nonceStart, count) => scanNonces(pow, header, nonceStart, count, never, 0).hashesDone,
    },
  ];
  if (pow.algorithm === 'sha256d') {
    out.push(
      perHeader('node-crypto', (h) => crypto.createHash('sha256').update(crypto.createHash('sha256').update(h).digest()).digest()),
    );
    const noble = optionalRequire<NobleSha2>('@noble/hashes/sha2.js') ?? optionalRequire<NobleSha2>('@noble/hashes/sha2');
    if (noble) out.push(perHeader('@noble/hashes', (h) => noble.sha256(noble.sha256(h))));
  } else if (pow.algorithm === 'scrypt') {
    out.push(perHeader('node-crypto', (h) => crypto.scryptSync(h, h, 32, { N: n, r: 1, p: 1, maxmem: 256 * n + 1024 * 1024 })));
    const noble = optionalRequire<NobleScrypt>('@noble/hashes/scrypt.js') ?? optionalRequire<NobleScrypt>('@noble/hashes/scrypt');
    if (noble) out.push(perHeader('@noble/hashes', (h) => noble.scrypt(h, h, { N: n, r: 1, p: 1, dkLen: 32 })));
    const scryptJs = optionalRequire<ScryptJs>('scrypt-js');
    if (scryptJs) out.push(perHeader('scrypt-js', (h) => scryptJs.syncScrypt(h, h, n, 1, 1, 32)));
  } else {
    const x11js = optionalRequire<X11HashJs>('x11-hash-js');
    // x11-hash-js takes a plain array of byte values, not a Buffer.
    if (x11js) out.push(perHeader('x11-hash-js', (h) => x11js.digest(Array.from(h), 1, 1)));
  }
  return out;
}

/** Single-thread hashes per second of one candidate over nonces of `header`. */
export function measureJsRate(candidate: JsCandidate, header: Uint8Array, seconds: number): number {
  const work = Buffer.from(header);
  const start = process.hrtime.bigint();
  const deadline = start + BigInt(Math.round(seconds * 1e9));
  let hashes = 0;
  let batch = 1;
  let now = start;
  while (now < deadline) {
    const batchStart = now;
    hashes += candidate.hashNonces(work, hashes, batch);
    now = process.hrtime.bigint();
    // Grow batches to ~10 ms so clock reads cost nothing, yet the deadline is kept.
    if (now - batchStart < 10_000_000n) batch *= 2;
  }
  return hashes / (Number(now - start) / 1e9);
}
