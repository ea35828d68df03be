// The JS hashers a user would otherwise pick, each as "hash one 80-byte header".
// Third-party packages are optional (devDependencies): missing ones are skipped.
import crypto from 'node:crypto';
import { jsBackend, type PowSpec } from '../hash';

export interface JsCandidate {
  implementation: string;
  hashHeader(header: Uint8Array): Uint8Array;
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
  digest(input: Uint8Array | number[], inputFormat: number, outputFormat: number): number[];
}

export function jsCandidates(pow: PowSpec): JsCandidate[] {
  const n = pow.scryptN ?? 1024;
  const out: JsCandidate[] = [
    { implementation: 'hashpool-ts', hashHeader: (h) => jsBackend.powHash(pow, h) },
  ];
  if (pow.algorithm === 'sha256d') {
    out.push({
      implementation: 'node-crypto',
      hashHeader: (h) => crypto.createHash('sha256').update(crypto.createHash('sha256').update(h).digest()).digest(),
    });
    const noble = optionalRequire<NobleSha2>('@noble/hashes/sha2.js') ?? optionalRequire<NobleSha2>('@noble/hashes/sha2');
    if (noble) out.push({ implementation: '@noble/hashes', hashHeader: (h) => noble.sha256(noble.sha256(h)) });
  } else if (pow.algorithm === 'scrypt') {
    out.push({
      implementation: 'node-crypto',
      hashHeader: (h) => crypto.scryptSync(h, h, 32, { N: n, r: 1, p: 1, maxmem: 256 * n + 1024 * 1024 }),
    });
    const noble = optionalRequire<NobleScrypt>('@noble/hashes/scrypt.js') ?? optionalRequire<NobleScrypt>('@noble/hashes/scrypt');
    if (noble) out.push({ implementation: '@noble/hashes', hashHeader: (h) => noble.scrypt(h, h, { N: n, r: 1, p: 1, dkLen: 32 }) });
    const scryptJs = optionalRequire<ScryptJs>('scrypt-js');
    if (scryptJs) out.push({ implementation: 'scrypt-js', hashHeader: (h) => scryptJs.syncScrypt(h, h, n, 1, 1, 32) });
  } else {
    const x11js = optionalRequire<X11HashJs>('x11-hash-js');
    if (x11js) out.push({ implementation: 'x11-hash-js', hashHeader: (h) => Uint8Array.from(x11js.digest(h, 1, 1)) });
  }
  return out;
}

/** Single-thread hashes per second of one candidate over nonces of `header`. */
export function measureJsRate(candidate: JsCandidate, header: Uint8Array, seconds: number): number {
  const work = Buffer.from(header);
  const start = process.hrtime.bigint();
  const deadline = start + BigInt(Math.round(seconds * 1e9));
  let hashes = 0;
  let now = start;
  while (now < deadline) {
    for (let i = 0; i < 4; i++) {
      work.writeUInt32LE(hashes >>> 0, 76);
      candidate.hashHeader(work);
      hashes++;
    }
    now = process.hrtime.bigint();
  }
  return hashes / (Number(now - start) / 1e9);
}
