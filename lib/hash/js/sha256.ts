// SHA-256 (FIPS 180-4) in TypeScript: the JS twin of native/core/sha256.cpp.

/** K0..K63, FIPS 180-4 section 4.2.2. */
export const SHA256_ROUND_CONSTANTS = new Uint32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
  0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
  0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
  0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
  0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
]);

export const SHA256_INITIAL_STATE: readonly number[] = [
  0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
];

/**
 * Compresses `words` (16 big-endian message words, already loaded) into `state`.
 * `schedule` is caller-owned scratch of 64 words so hot loops allocate nothing.
 */
export function sha256Compress(state: Uint32Array, words: ArrayLike<number>, schedule: Uint32Array): void {
  const w = schedule;
  for (let i = 0; i < 16; i++) w[i] = words[i];
  for (let i = 16; i < 64; i++) {
    const x = w[i - 15];
    const y = w[i - 2];
    const s0 = ((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3);
    const s1 = ((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10);
    w[i] = (w[i - 16] + s0 + w[i - 7] + s1) | 0;
  }
  let a = state[0], b = state[1], c = state[2], d = state[3];
  let e = state[4], f = state[5], g = state[6], h = state[7];
  for (let i = 0; i < 64; i++) {
    const s1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
    const t1 = (h + s1 + ((e & f) ^ (~e & g)) + SHA256_ROUND_CONSTANTS[i] + w[i]) | 0;
    const s0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
    const t2 = (s0 + ((a & b) ^ (a & c) ^ (b & c))) | 0;
    h = g;
    g = f;
    f = e;
    e = (d + t1) | 0;
    d = c;
    c = b;
    b = a;
    a = (t1 + t2) | 0;
  }
  state[0] += a;
  state[1] += b;
  state[2] += c;
  state[3] += d;
  state[4] += e;
  state[5] += f;
  state[6] += g;
  state[7] += h;
}

/** Streaming SHA-256: update() any number of times, then digest() once. */
export class Sha256 {
  private readonly state = Uint32Array.from(SHA256_INITIAL_STATE);
  private readonly block = new Uint8Array(64);
  private readonly words = new Uint32Array(16);
  private readonly schedule = new Uint32Array(64);
  private buffered = 0;
  private totalBytes = 0;
  private finished = false;

  update(data: Uint8Array): this {
    if (this.finished) throw new Error('Sha256: update() after digest()');
    this.totalBytes += data.length;
    let offset = 0;
    while (offset < data.length) {
      const take = Math.min(64 - this.buffered, data.length - offset);
      this.block.set(data.subarray(offset, offset + take), this.buffered);
      this.buffered += take;
      offset += take;
      if (this.buffered === 64) {
        this.compressBlock();
        this.buffered = 0;
      }
    }
    return this;
  }

  digest(): Buffer {
    if (this.finished) throw new Error('Sha256: digest() called twice');
    const bitLength = this.totalBytes * 8;
    const padLength = (this.buffered < 56 ? 56 : 120) - this.buffered;
    const tail = new Uint8Array(padLength + 8);
    tail[0] = 0x80;
    const view = new DataView(tail.buffer);
    view.setUint32(padLength, Math.floor(bitLength / 0x100000000));
    view.setUint32(padLength + 4, bitLength >>> 0);
    this.update(tail);
    this.finished = true;
    return stateToBytes(this.state);
  }

  /** Chaining state H0..H7 after the blocks absorbed so far (whole blocks only). */
  chainingState(): Uint32Array {
    return Uint32Array.from(this.state);
  }

  private compressBlock(): void {
    const b = this.block;
    for (let i = 0; i < 16; i++) {
      this.words[i] = (b[4 * i] << 24) | (b[4 * i + 1] << 16) | (b[4 * i + 2] << 8) | b[4 * i + 3];
    }
    sha256Compress(this.state, this.words, this.schedule);
  }
}

/** H0..H7 as 32 big-endian bytes: the digest layout. */
export function stateToBytes(state: Uint32Array): Buffer {
  const out = Buffer.allocUnsafe(32);
  for (let i = 0; i < 8; i++) out.writeUInt32BE(state[i] >>> 0, 4 * i);
  return out;
}

export function sha256(data: Uint8Array): Buffer {
  return new Sha256().update(data).digest();
}

export function sha256d(data: Uint8Array): Buffer {
  return sha256(sha256(data));
}

/** SHA-256 state after the first 64 bytes of a header, as H0..H7 big-endian words. */
export function sha256Midstate(block: Uint8Array): Buffer {
  if (block.length < 64) throw new RangeError('sha256Midstate needs at least 64 bytes');
  const hasher = new Sha256().update(block.subarray(0, 64));
  return stateToBytes(hasher.chainingState());
}
