// SHAvite-3-512 (SHA-3 round-2 tweaked version), stage 9 of X11: the TypeScript twin of
// native/core/x11/shavite512.cpp. C_512 is a 14-round Feistel over four 128-bit lines,
// each F being four keyless AES rounds, keyed by a 448-word expansion of the 1024-bit
// block and the bit counter (Biham, Dunkelman, "The SHAvite-3 Hash Function"). The salt
// is zero. Words are little-endian.

// Initial value of SHAvite-3-512 (spec, "IV" for 512-bit digests).
const IV = new Int32Array([
  0x72fccdd8, 0x79ca4727, 0x128a077b, 0x40d55aec, 0xd1901a06, 0x430ae307, 0xb29f5cd1, 0xdf07fbfc,
  0x8e45d73d, 0x681ab538, 0xbde86578, 0xdd577e47, 0xe275eade, 0x502d9fcd, 0xb9357178, 0x022a4b9a,
]);

// AES round tables (FIPS 197 S-box and MixColumns), derived at load time. Column words are
// little-endian: byte r of a word is row r.
const T0 = new Int32Array(256);
const T1 = new Int32Array(256);
const T2 = new Int32Array(256);
const T3 = new Int32Array(256);
{
  const dbl = (x: number): number => ((x << 1) ^ (x & 0x80 ? 0x1b : 0)) & 0xff;
  const rotl8 = (x: number, n: number): number => ((x << n) | (x >>> (8 - n))) & 0xff;
  const sbox = new Uint8Array(256);
  // Walk the multiplicative group with generator 3: p runs over x, q over 1/x.
  let p = 1;
  let q = 1;
  do {
    p ^= dbl(p);
    q ^= q << 1;
    q ^= q << 2;
    q ^= q << 4;
    q &= 0xff;
    if (q & 0x80) q ^= 0x09;
    sbox[p] = q ^ rotl8(q, 1) ^ rotl8(q, 2) ^ rotl8(q, 3) ^ rotl8(q, 4) ^ 0x63;
  } while (p !== 1);
  sbox[0] = 0x63;
  for (let a = 0; a < 256; a++) {
    const s = sbox[a];
    const s2 = dbl(s);
    const w = s2 | (s << 8) | (s << 16) | ((s2 ^ s) << 24);
    T0[a] = w;
    T1[a] = (w << 8) | (w >>> 24);
    T2[a] = (w << 16) | (w >>> 16);
    T3[a] = (w << 24) | (w >>> 8);
  }
}

const RK = new Int32Array(448);
const P = new Int32Array(16);
const H = new Int32Array(16);

// Message expansion: the block's 32 words, then alternately 32 words from the nonlinear
// step (one keyless AES round on the rotated group 32 words back, xor the previous group)
// and 32 from the linear step, to 448. The counter enters four fixed groups.
function expand(block: Uint8Array, pos: number, c0: number, c1: number, c2: number, c3: number): void {
  const rk = RK;
  for (let i = 0; i < 32; i++, pos += 4) {
    rk[i] = block[pos] | (block[pos + 1] << 8) | (block[pos + 2] << 16) | (block[pos + 3] << 24);
  }
  let u = 32;
  for (;;) {
    for (let s = 0; s < 8; s++, u += 4) {
      const x0 = rk[u - 31], x1 = rk[u - 30], x2 = rk[u - 29], x3 = rk[u - 32];
      rk[u] = T0[x0 & 0xff] ^ T1[(x1 >>> 8) & 0xff] ^ T2[(x2 >>> 16) & 0xff] ^ T3[x3 >>> 24] ^ rk[u - 4];
      rk[u + 1] = T0[x1 & 0xff] ^ T1[(x2 >>> 8) & 0xff] ^ T2[(x3 >>> 16) & 0xff] ^ T3[x0 >>> 24] ^ rk[u - 3];
      rk[u + 2] = T0[x2 & 0xff] ^ T1[(x3 >>> 8) & 0xff] ^ T2[(x0 >>> 16) & 0xff] ^ T3[x1 >>> 24] ^ rk[u - 2];
      rk[u + 3] = T0[x3 & 0xff] ^ T1[(x0 >>> 8) & 0xff] ^ T2[(x1 >>> 16) & 0xff] ^ T3[x2 >>> 24] ^ rk[u - 1];
      if (u === 32) {
        rk[u] ^= c0; rk[u + 1] ^= c1; rk[u + 2] ^= c2; rk[u + 3] ^= ~c3;
      } else if (u === 164) {
        rk[u] ^= c3; rk[u + 1] ^= c2; rk[u + 2] ^= c1; rk[u + 3] ^= ~c0;
      } else if (u === 316) {
        rk[u] ^= c2; rk[u + 1] ^= c3; rk[u + 2] ^= c0; rk[u + 3] ^= ~c1;
      } else if (u === 440) {
        rk[u] ^= c1; rk[u + 1] ^= c0; rk[u + 2] ^= c3; rk[u + 3] ^= ~c2;
      }
    }
    if (u === 448) break;
    for (let s = 0; s < 32; s++, u++) rk[u] = rk[u - 32] ^ rk[u - 7];
  }
}

// Line `dst` of P ^= F(line `src`) with round-key words RK[k .. k + 15].
function feistel(dst: number, src: number, k: number): void {
  const rk = RK;
  let x0 = P[src] ^ rk[k], x1 = P[src + 1] ^ rk[k + 1], x2 = P[src + 2] ^ rk[k + 2], x3 = P[src + 3] ^ rk[k + 3];
  for (let i = 0; ; ) {
    const y0 = T0[x0 & 0xff] ^ T1[(x1 >>> 8) & 0xff] ^ T2[(x2 >>> 16) & 0xff] ^ T3[x3 >>> 24];
    const y1 = T0[x1 & 0xff] ^ T1[(x2 >>> 8) & 0xff] ^ T2[(x3 >>> 16) & 0xff] ^ T3[x0 >>> 24];
    const y2 = T0[x2 & 0xff] ^ T1[(x3 >>> 8) & 0xff] ^ T2[(x0 >>> 16) & 0xff] ^ T3[x1 >>> 24];
    const y3 = T0[x3 & 0xff] ^ T1[(x0 >>> 8) & 0xff] ^ T2[(x1 >>> 16) & 0xff] ^ T3[x2 >>> 24];
    if (++i === 4) {
      P[dst] ^= y0; P[dst + 1] ^= y1; P[dst + 2] ^= y2; P[dst + 3] ^= y3;
      return;
    }
    k += 4;
    x0 = y0 ^ rk[k]; x1 = y1 ^ rk[k + 1]; x2 = y2 ^ rk[k + 2]; x3 = y3 ^ rk[k + 3];
  }
}

const A = 0, B = 4, C = 8, D = 12;

function compress(block: Uint8Array, pos: number, c0: number, c1: number, c2: number, c3: number): void {
  expand(block, pos, c0, c1, c2, c3);
  P.set(H);
  // The spec rotates the lines after every round; naming them instead makes the round
  // pattern repeat every 4 rounds (the first F of a round takes the first 16 key words).
  for (let r = 0, k = 0; r < 14; r += 4, k += 128) {
    feistel(A, B, k);
    feistel(C, D, k + 16);
    feistel(D, A, k + 32);
    feistel(B, C, k + 48);
    if (r === 12) break;
    feistel(C, D, k + 64);
    feistel(A, B, k + 80);
    feistel(B, C, k + 96);
    feistel(D, A, k + 112);
  }
  // After 14 rotations the lines sit in order (C, D, A, B).
  for (let i = 0; i < 4; i++) {
    H[i] ^= P[C + i];
    H[4 + i] ^= P[D + i];
    H[8 + i] ^= P[A + i];
    H[12 + i] ^= P[B + i];
  }
}

const lastBlock = new Uint8Array(128);

/** SHAvite-3-512 of `data` (any length): a 64-byte digest. */
export function shavite512(data: Uint8Array): Buffer {
  H.set(IV);
  const len = data.length;
  let pos = 0;
  // Bit counter as 32-bit words; lengths stay below 2^53 bytes, so c2 = c3 = 0.
  for (; pos + 128 <= len; pos += 128) {
    const bits = (pos + 128) * 8;
    compress(data, pos, bits | 0, Math.floor(bits / 0x100000000) | 0, 0, 0);
  }
  // Padding: 0x80, zeros, the 128-bit bit length (little-endian) at byte 110, the digest
  // size 512 as 16 bits at byte 126. A block with no message bits gets counter 0.
  const rem = len - pos;
  const bits = len * 8;
  const lo = bits | 0;
  const hi = Math.floor(bits / 0x100000000) | 0;
  const block = lastBlock;
  block.fill(0);
  block.set(data.subarray(pos));
  block[rem] = 0x80;
  let counted = rem > 0;
  if (rem >= 110) {
    compress(block, 0, lo, hi, 0, 0);
    block.fill(0);
    counted = false;
  }
  block[110] = lo; block[111] = lo >>> 8; block[112] = lo >>> 16; block[113] = lo >>> 24;
  block[114] = hi; block[115] = hi >>> 8; block[116] = hi >>> 16; block[117] = hi >>> 24;
  block[127] = 0x02;
  if (counted) compress(block, 0, lo, hi, 0, 0);
  else compress(block, 0, 0, 0, 0, 0);
  const out = Buffer.allocUnsafe(64);
  for (let i = 0; i < 16; i++) out.writeInt32LE(H[i], 4 * i);
  return out;
}
