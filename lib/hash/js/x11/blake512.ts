// BLAKE-512 (SHA-3 final-round version, 16 rounds): the TypeScript twin of
// native/core/x11/blake512.cpp. 64-bit words are (hi, lo) int32 pairs at [2i, 2i+1].

// Initial value = SHA-512 IV (BLAKE spec section 2.2.1), as hi/lo pairs.
const IV = new Int32Array([
  0x6a09e667, 0xf3bcc908, 0xbb67ae85, 0x84caa73b, 0x3c6ef372, 0xfe94f82b, 0xa54ff53a, 0x5f1d36f1,
  0x510e527f, 0xade682d1, 0x9b05688c, 0x2b3e6c1f, 0x1f83d9ab, 0xfb41bd6b, 0x5be0cd19, 0x137e2179,
]);

// Constants c0..c15: leading digits of pi (BLAKE spec section 2.2.1), as hi/lo pairs.
const C = new Int32Array([
  0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344, 0xa4093822, 0x299f31d0, 0x082efa98, 0xec4e6c89,
  0x452821e6, 0x38d01377, 0xbe5466cf, 0x34e90c6c, 0xc0ac29b7, 0xc97c50dd, 0x3f84d5b5, 0xb5470917,
  0x9216d5d9, 0x8979fb1b, 0xd1310ba6, 0x98dfb5ac, 0x2ffd72db, 0xd01adfb7, 0xb8e1afed, 0x6a267e96,
  0xba7c9045, 0xf12c7f99, 0x24a19947, 0xb3916cf7, 0x0801f2e2, 0x858efc16, 0x636920d8, 0x71574e69,
]);

// Message permutations sigma_0..sigma_9 (BLAKE spec section 2.1.2), flattened.
const SIGMA = new Uint8Array([
  0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15,
  14, 10, 4, 8, 9, 15, 13, 6, 1, 12, 0, 2, 11, 7, 5, 3,
  11, 8, 12, 0, 5, 2, 15, 13, 10, 14, 3, 6, 7, 1, 9, 4,
  7, 9, 3, 1, 13, 12, 11, 14, 2, 6, 5, 10, 4, 0, 15, 8,
  9, 0, 5, 7, 2, 4, 10, 15, 14, 1, 11, 12, 6, 8, 3, 13,
  2, 12, 6, 10, 0, 11, 8, 3, 4, 13, 7, 5, 15, 14, 1, 9,
  12, 5, 1, 15, 14, 13, 4, 10, 0, 7, 6, 3, 9, 2, 8, 11,
  13, 11, 7, 14, 12, 1, 3, 9, 5, 0, 15, 4, 8, 6, 2, 10,
  6, 15, 14, 9, 11, 3, 0, 8, 12, 2, 13, 7, 1, 4, 10, 5,
  10, 2, 8, 4, 7, 6, 1, 5, 15, 11, 9, 14, 3, 12, 13, 0,
]);

// Per-call scratch, reused so hashing allocates only its output (JS is single-threaded).
const H = new Int32Array(16);
const V = new Int32Array(32);
const M = new Int32Array(32);
const PAD = new Uint8Array(128);

const TWO32 = 4294967296;

function g(a: number, b: number, c: number, d: number, x: number, y: number): void {
  const v = V;
  let ah = v[a], al = v[a + 1], bh = v[b], bl = v[b + 1];
  let ch = v[c], cl = v[c + 1], dh = v[d], dl = v[d + 1];
  let t: number, u: number;

  // a += b + (m[x] ^ c[y]); d = (d ^ a) >>> 32
  t = (al >>> 0) + (bl >>> 0) + ((M[x + 1] ^ C[y + 1]) >>> 0);
  ah = (ah + bh + (M[x] ^ C[y]) + ((t / TWO32) | 0)) | 0;
  al = t | 0;
  t = dh ^ ah;
  dh = dl ^ al;
  dl = t;
  // c += d; b = (b ^ c) >>> 25
  t = (cl >>> 0) + (dl >>> 0);
  ch = (ch + dh + ((t / TWO32) | 0)) | 0;
  cl = t | 0;
  t = bh ^ ch;
  u = bl ^ cl;
  bh = (t >>> 25) | (u << 7);
  bl = (u >>> 25) | (t << 7);
  // a += b + (m[y] ^ c[x]); d = (d ^ a) >>> 16
  t = (al >>> 0) + (bl >>> 0) + ((M[y + 1] ^ C[x + 1]) >>> 0);
  ah = (ah + bh + (M[y] ^ C[x]) + ((t / TWO32) | 0)) | 0;
  al = t | 0;
  t = dh ^ ah;
  u = dl ^ al;
  dh = (t >>> 16) | (u << 16);
  dl = (u >>> 16) | (t << 16);
  // c += d; b = (b ^ c) >>> 11
  t = (cl >>> 0) + (dl >>> 0);
  ch = (ch + dh + ((t / TWO32) | 0)) | 0;
  cl = t | 0;
  t = bh ^ ch;
  u = bl ^ cl;
  bh = (t >>> 11) | (u << 21);
  bl = (u >>> 11) | (t << 21);

  v[a] = ah; v[a + 1] = al; v[b] = bh; v[b + 1] = bl;
  v[c] = ch; v[c + 1] = cl; v[d] = dh; v[d + 1] = dl;
}

// `bits` is this block's counter (message bits so far, < 2^53 here), or 0 for a padding-only block.
function compress(block: Uint8Array, off: number, bits: number): void {
  for (let i = 0; i < 32; i++) {
    const p = off + 4 * i;
    M[i] = (block[p] << 24) | (block[p + 1] << 16) | (block[p + 2] << 8) | block[p + 3];
  }
  const v = V;
  for (let i = 0; i < 16; i++) {
    v[i] = H[i];
    v[16 + i] = C[i];
  }
  const tLo = bits | 0;
  const tHi = (bits / TWO32) | 0;
  v[24] ^= tHi; v[25] ^= tLo; v[26] ^= tHi; v[27] ^= tLo;
  // t1 (the counter's upper 64 bits) is always 0 for inputs a JS array can hold.
  for (let r = 0; r < 16; r++) {
    const s = (r % 10) * 16;
    g(0, 8, 16, 24, 2 * SIGMA[s], 2 * SIGMA[s + 1]);
    g(2, 10, 18, 26, 2 * SIGMA[s + 2], 2 * SIGMA[s + 3]);
    g(4, 12, 20, 28, 2 * SIGMA[s + 4], 2 * SIGMA[s + 5]);
    g(6, 14, 22, 30, 2 * SIGMA[s + 6], 2 * SIGMA[s + 7]);
    g(0, 10, 20, 30, 2 * SIGMA[s + 8], 2 * SIGMA[s + 9]);
    g(2, 12, 22, 24, 2 * SIGMA[s + 10], 2 * SIGMA[s + 11]);
    g(4, 14, 16, 26, 2 * SIGMA[s + 12], 2 * SIGMA[s + 13]);
    g(6, 8, 18, 28, 2 * SIGMA[s + 14], 2 * SIGMA[s + 15]);
  }
  for (let i = 0; i < 16; i++) H[i] ^= v[i] ^ v[i + 16];
}

function writeLength(bits: number): void {
  // 128-bit big-endian bit length in bytes 112..127; only the low 53 bits can be non-zero.
  const hi = Math.floor(bits / TWO32);
  const lo = bits >>> 0;
  for (let i = 112; i < 120; i++) PAD[i] = 0;
  PAD[120] = hi >>> 24; PAD[121] = hi >>> 16; PAD[122] = hi >>> 8; PAD[123] = hi;
  PAD[124] = lo >>> 24; PAD[125] = lo >>> 16; PAD[126] = lo >>> 8; PAD[127] = lo;
}

/** BLAKE-512 of `data` (any length): a 64-byte digest. */
export function blake512(data: Uint8Array): Buffer {
  H.set(IV);
  const len = data.length;
  const bits = len * 8;
  let done = 0;
  while (len - done >= 128) {
    compress(data, done, (done + 128) * 8);
    done += 128;
  }
  const rem = len - done;
  PAD.fill(0);
  PAD.set(data.subarray(done), 0);
  PAD[rem] = 0x80;
  if (rem <= 111) {
    PAD[111] |= 0x01;
    writeLength(bits);
    compress(PAD, 0, rem > 0 ? bits : 0);
  } else {
    compress(PAD, 0, bits);
    PAD.fill(0);
    PAD[111] = 0x01;
    writeLength(bits);
    compress(PAD, 0, 0);
  }
  const out = Buffer.allocUnsafe(64);
  for (let i = 0; i < 16; i++) out.writeInt32BE(H[i], 4 * i);
  return out;
}
