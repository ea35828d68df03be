// Groestl-512 (SHA-3 round-3 version): the TypeScript twin of native/core/x11/groestl512.cpp.
// Column j of the 8x16-byte state is the pair (lo, hi) at [2j, 2j+1]: lo holds rows 0..3
// (row i in bits 8i..8i+7), hi rows 4..7. SubBytes + ShiftBytes + MixBytes use eight lookup
// tables: entry k*256+x is the MixBytes column produced by S(x) sitting in row k.

const TLO = new Int32Array(8 * 256);
const THI = new Int32Array(8 * 256);

function gfMul2(x: number): number {
  return ((x << 1) ^ (x & 0x80 ? 0x1b : 0)) & 0xff;
}

function gfMul(a: number, b: number): number {
  let r = 0;
  for (let i = 0; i < 8; i++) {
    if (b & 1) r ^= a;
    a = gfMul2(a);
    b >>= 1;
  }
  return r;
}

// The AES S-box (FIPS-197 section 5.1.1) derived at load time: the inverse in GF(2^8) mod
// x^8+x^4+x^3+x+1, then the affine map with constant 0x63. MixBytes uses the circulant
// B = circ(02,02,03,04,05,03,05,07) (Groestl spec 3.4.4): output row i takes input row k
// with coefficient CIRC[(k - i) mod 8].
(function buildTables(): void {
  const exp = new Uint8Array(256);
  const log = new Uint8Array(256);
  let x = 1;
  for (let i = 0; i < 255; i++) {
    exp[i] = x;
    log[x] = i;
    x ^= gfMul2(x);
  }
  const sbox = new Uint8Array(256);
  for (let v = 0; v < 256; v++) {
    const inv = v === 0 ? 0 : exp[(255 - log[v]) % 255];
    let s = inv;
    for (let r = 1; r <= 4; r++) s ^= ((inv << r) | (inv >> (8 - r))) & 0xff;
    sbox[v] = s ^ 0x63;
  }
  const CIRC = [2, 2, 3, 4, 5, 3, 5, 7];
  for (let k = 0; k < 8; k++) {
    for (let v = 0; v < 256; v++) {
      let lo = 0, hi = 0;
      for (let i = 0; i < 4; i++) {
        lo |= gfMul(sbox[v], CIRC[(k - i + 8) & 7]) << (8 * i);
        hi |= gfMul(sbox[v], CIRC[(k - i - 4 + 8) & 7]) << (8 * i);
      }
      TLO[k * 256 + v] = lo;
      THI[k * 256 + v] = hi;
    }
  }
})();

// Per-call scratch, reused so hashing allocates only its output (JS is single-threaded).
const H = new Int32Array(32);
const P = new Int32Array(32);
const Qs = new Int32Array(32);
const TMP = new Int32Array(32);
const PAD = new Uint8Array(128);

// One round body after AddRoundConstant: b = MixBytes(ShiftBytes(SubBytes(a))), with the
// ShiftBytes offsets of P1024 and Q1024 (spec 3.4.3, round-3 values) written as literals.
function subShiftMixP(a: Int32Array, b: Int32Array): void {
  for (let j = 0; j < 32; j += 2) {
    const x0 = a[j] & 0xff;
    const x1 = (a[(j + 2) & 31] >>> 8) & 0xff;
    const x2 = (a[(j + 4) & 31] >>> 16) & 0xff;
    const x3 = a[(j + 6) & 31] >>> 24;
    const x4 = a[((j + 8) & 31) | 1] & 0xff;
    const x5 = (a[((j + 10) & 31) | 1] >>> 8) & 0xff;
    const x6 = (a[((j + 12) & 31) | 1] >>> 16) & 0xff;
    const x7 = a[((j + 22) & 31) | 1] >>> 24;
    b[j] = TLO[x0] ^ TLO[256 + x1] ^ TLO[512 + x2] ^ TLO[768 + x3] ^
      TLO[1024 + x4] ^ TLO[1280 + x5] ^ TLO[1536 + x6] ^ TLO[1792 + x7];
    b[j + 1] = THI[x0] ^ THI[256 + x1] ^ THI[512 + x2] ^ THI[768 + x3] ^
      THI[1024 + x4] ^ THI[1280 + x5] ^ THI[1536 + x6] ^ THI[1792 + x7];
  }
}

function subShiftMixQ(a: Int32Array, b: Int32Array): void {
  for (let j = 0; j < 32; j += 2) {
    const x0 = a[(j + 2) & 31] & 0xff;
    const x1 = (a[(j + 6) & 31] >>> 8) & 0xff;
    const x2 = (a[(j + 10) & 31] >>> 16) & 0xff;
    const x3 = a[(j + 22) & 31] >>> 24;
    const x4 = a[j + 1] & 0xff;
    const x5 = (a[((j + 4) & 31) | 1] >>> 8) & 0xff;
    const x6 = (a[((j + 8) & 31) | 1] >>> 16) & 0xff;
    const x7 = a[((j + 12) & 31) | 1] >>> 24;
    b[j] = TLO[x0] ^ TLO[256 + x1] ^ TLO[512 + x2] ^ TLO[768 + x3] ^
      TLO[1024 + x4] ^ TLO[1280 + x5] ^ TLO[1536 + x6] ^ TLO[1792 + x7];
    b[j + 1] = THI[x0] ^ THI[256 + x1] ^ THI[512 + x2] ^ THI[768 + x3] ^
      THI[1024 + x4] ^ THI[1280 + x5] ^ THI[1536 + x6] ^ THI[1792 + x7];
  }
}

// AddRoundConstant for P: row 0 of column j gets (j << 4) ^ r.
function permuteP(x: Int32Array): void {
  for (let r = 0; r < 14; r += 2) {
    for (let j = 0; j < 16; j++) x[2 * j] ^= (j << 4) ^ r;
    subShiftMixP(x, TMP);
    for (let j = 0; j < 16; j++) TMP[2 * j] ^= (j << 4) ^ (r + 1);
    subShiftMixP(TMP, x);
  }
}

// AddRoundConstant for Q: every byte is complemented and row 7 also gets (j << 4) ^ r.
function permuteQ(x: Int32Array): void {
  for (let r = 0; r < 14; r += 2) {
    for (let j = 0; j < 16; j++) {
      x[2 * j] = ~x[2 * j];
      x[2 * j + 1] ^= ~(((j << 4) ^ r) << 24);
    }
    subShiftMixQ(x, TMP);
    for (let j = 0; j < 16; j++) {
      TMP[2 * j] = ~TMP[2 * j];
      TMP[2 * j + 1] ^= ~(((j << 4) ^ (r + 1)) << 24);
    }
    subShiftMixQ(TMP, x);
  }
}

// f(h, m) = P(h ^ m) ^ Q(m) ^ h (spec 3.2).
function compress(src: Uint8Array, off: number): void {
  for (let i = 0; i < 32; i++) {
    const p = off + 4 * i;
    const w = src[p] | (src[p + 1] << 8) | (src[p + 2] << 16) | (src[p + 3] << 24);
    Qs[i] = w;
    P[i] = H[i] ^ w;
  }
  permuteP(P);
  permuteQ(Qs);
  for (let i = 0; i < 32; i++) H[i] ^= P[i] ^ Qs[i];
}

/** Groestl-512 of `data` (any length): a 64-byte digest. */
export function groestl512(data: Uint8Array): Buffer {
  // IV: the digest size 512 as a big-endian number in the last bytes of the state (spec 3.5).
  H.fill(0);
  H[31] = 0x02 << 16;
  const len = data.length;
  let done = 0;
  while (len - done >= 128) {
    compress(data, done);
    done += 128;
  }
  // Padding: 0x80, zeros, then the total block count (including padding) as big-endian 64-bit.
  const rem = len - done;
  const blocks = Math.floor(len / 128) + (rem <= 119 ? 1 : 2);
  PAD.fill(0);
  PAD.set(data.subarray(done), 0);
  PAD[rem] = 0x80;
  if (rem > 119) {
    compress(PAD, 0);
    PAD.fill(0);
  }
  const hi = Math.floor(blocks / 4294967296);
  PAD[120] = hi >>> 24; PAD[121] = hi >>> 16; PAD[122] = hi >>> 8; PAD[123] = hi;
  PAD[124] = blocks >>> 24; PAD[125] = blocks >>> 16; PAD[126] = blocks >>> 8; PAD[127] = blocks;
  compress(PAD, 0);

  // Output transform: trunc_512(P(h) ^ h), i.e. the last eight columns.
  P.set(H);
  permuteP(P);
  const out = Buffer.allocUnsafe(64);
  for (let i = 0; i < 16; i++) out.writeInt32LE(P[16 + i] ^ H[16 + i], 4 * i);
  return out;
}
