// ECHO-512 (round-2 tweaked SHA-3 submission): the TypeScript twin of
// native/core/x11/echo512.cpp. The state is 16 AES states (128-bit words), each held as
// four little-endian int32 columns; AES rounds use four T-tables built at load time
// from the S-box definition (FIPS 197 5.1.1) so no table is hand-copied.

function gfMul(a: number, b: number): number {
  let r = 0;
  for (let i = 0; i < 8; i++) {
    if (b & 1) r ^= a;
    a = (a << 1) ^ (a & 0x80 ? 0x11b : 0);  // reduce by x^8 + x^4 + x^3 + x + 1
    b >>>= 1;
  }
  return r;
}

function buildTables(): Int32Array[] {
  const tables = [new Int32Array(256), new Int32Array(256), new Int32Array(256), new Int32Array(256)];
  for (let x = 0; x < 256; x++) {
    let inv = 0;
    if (x !== 0) {
      inv = 1;
      for (let i = 0; i < 254; i++) inv = gfMul(inv, x);  // x^254 = x^-1 in GF(2^8)
    }
    let s = inv;
    for (let i = 1; i <= 4; i++) s ^= ((inv << i) | (inv >>> (8 - i))) & 0xff;
    s ^= 0x63;
    // MixColumns column (2s, s, s, 3s) for a byte from row 0, packed little-endian.
    const t0 = gfMul(s, 2) | (s << 8) | (s << 16) | (gfMul(s, 3) << 24);
    for (let r = 0; r < 4; r++) tables[r][x] = r === 0 ? t0 : (t0 << (8 * r)) | (t0 >>> (32 - 8 * r));
  }
  return tables;
}

const [T0, T1, T2, T3] = buildTables();

// Per-call scratch, reused so hashing allocates only its output (JS is single-threaded).
const V = new Int32Array(32);  // chaining value: 8 words x 4 columns
const M = new Int32Array(32);  // message block words
const WA = new Int32Array(64);  // round state, word n at [4n, 4n + 4)
const WB = new Int32Array(64);
const PAD = new Uint8Array(128);

const TWO32 = 4294967296;

// Runs one compression of the 128 bytes of `block` at `off`; `counter` (< 2^53) keys
// the first AES round of each word and advances by one per word.
function compress(block: Uint8Array, off: number, counter: number): void {
  for (let i = 0; i < 32; i++) {
    const p = off + 4 * i;
    M[i] = block[p] | (block[p + 1] << 8) | (block[p + 2] << 16) | (block[p + 3] << 24);
  }
  let w = WA;
  let t = WB;
  w.set(V, 0);
  w.set(M, 32);
  let k0 = counter | 0;
  let k1 = (counter / TWO32) | 0;
  for (let round = 0; round < 10; round++) {
    // BIG.SubWords: AES round keyed by the counter, then AES round keyed by the zero salt.
    for (let n = 0; n < 64; n += 4) {
      const a0 = w[n], a1 = w[n + 1], a2 = w[n + 2], a3 = w[n + 3];
      const b0 = T0[a0 & 255] ^ T1[(a1 >>> 8) & 255] ^ T2[(a2 >>> 16) & 255] ^ T3[a3 >>> 24] ^ k0;
      const b1 = T0[a1 & 255] ^ T1[(a2 >>> 8) & 255] ^ T2[(a3 >>> 16) & 255] ^ T3[a0 >>> 24] ^ k1;
      const b2 = T0[a2 & 255] ^ T1[(a3 >>> 8) & 255] ^ T2[(a0 >>> 16) & 255] ^ T3[a1 >>> 24];
      const b3 = T0[a3 & 255] ^ T1[(a0 >>> 8) & 255] ^ T2[(a1 >>> 16) & 255] ^ T3[a2 >>> 24];
      w[n] = T0[b0 & 255] ^ T1[(b1 >>> 8) & 255] ^ T2[(b2 >>> 16) & 255] ^ T3[b3 >>> 24];
      w[n + 1] = T0[b1 & 255] ^ T1[(b2 >>> 8) & 255] ^ T2[(b3 >>> 16) & 255] ^ T3[b0 >>> 24];
      w[n + 2] = T0[b2 & 255] ^ T1[(b3 >>> 8) & 255] ^ T2[(b0 >>> 16) & 255] ^ T3[b1 >>> 24];
      w[n + 3] = T0[b3 & 255] ^ T1[(b0 >>> 8) & 255] ^ T2[(b1 >>> 16) & 255] ^ T3[b2 >>> 24];
      k0 = (k0 + 1) | 0;
      if (k0 === 0) k1 = (k1 + 1) | 0;
    }
    // BIG.ShiftRows (word at row r, column c is w[4c + r]; row r rotates left by r)
    // fused with BIG.MixColumns (AES MixColumns bytewise down each column of words).
    for (let c = 0; c < 4; c++) {
      const pa = 16 * c, pb = 16 * ((c + 1) & 3) + 4, pc = 16 * ((c + 2) & 3) + 8, pd = 16 * ((c + 3) & 3) + 12;
      const o = 16 * c;
      for (let j = 0; j < 4; j++) {
        const a = w[pa + j], b = w[pb + j], cc = w[pc + j], d = w[pd + j];
        const ab = a ^ b, bc = b ^ cc, cd = cc ^ d, da = d ^ a;
        t[o + j] = (((ab & 0x7f7f7f7f) << 1) ^ (((ab >>> 7) & 0x01010101) * 0x1b)) ^ b ^ cd;
        t[o + 4 + j] = (((bc & 0x7f7f7f7f) << 1) ^ (((bc >>> 7) & 0x01010101) * 0x1b)) ^ cc ^ da;
        t[o + 8 + j] = (((cd & 0x7f7f7f7f) << 1) ^ (((cd >>> 7) & 0x01010101) * 0x1b)) ^ d ^ ab;
        t[o + 12 + j] = (((da & 0x7f7f7f7f) << 1) ^ (((da >>> 7) & 0x01010101) * 0x1b)) ^ a ^ bc;
      }
    }
    const swap = w;
    w = t;
    t = swap;
  }
  // BIG.Final for the 1024-bit chaining value.
  for (let i = 0; i < 32; i++) V[i] ^= M[i] ^ w[i] ^ w[32 + i];
}

/** ECHO-512 of `data` (any length): a 64-byte digest. */
export function echo512(data: Uint8Array): Buffer {
  // Every chaining word starts as the digest size in bits (ECHO spec, initialization).
  for (let i = 0; i < 32; i++) V[i] = (i & 3) === 0 ? 512 : 0;
  const len = data.length;
  const full = len - (len % 128);
  for (let off = 0; off < full; off += 128) compress(data, off, (off + 128) * 8);
  const rest = len - full;
  PAD.fill(0);
  PAD.set(data.subarray(full), 0);
  PAD[rest] = 0x80;
  const totalBits = len * 8;
  // A block holding no message bit is keyed with counter 0.
  let key = rest > 0 ? totalBits : 0;
  if (rest + 1 > 110) {
    compress(PAD, 0, key);
    PAD.fill(0);
    key = 0;
  }
  PAD[111] = 0x02;  // digest size 512, 16-bit little-endian in bytes 110..111
  const lo = totalBits >>> 0;
  const hi = Math.floor(totalBits / TWO32);
  for (let i = 0; i < 4; i++) {
    PAD[112 + i] = lo >>> (8 * i);
    PAD[116 + i] = hi >>> (8 * i);
  }
  compress(PAD, 0, key);
  const out = Buffer.allocUnsafe(64);
  for (let i = 0; i < 16; i++) out.writeInt32LE(V[i], 4 * i);
  return out;
}
