// BMW-512, round-2 tweaked version: the TypeScript twin of native/core/x11/bmw512.cpp.
// 64-bit words are (hi, lo) int32 pairs at [2i, 2i+1]. Sums of several words are taken
// exactly in doubles (signed per-half sums stay far below 2^53) and carried once.

const TWO32 = 4294967296;

// Per-call scratch, reused so hashing allocates only its output (JS is single-threaded).
const H = new Int32Array(32);
const M = new Int32Array(32);
const Q = new Int32Array(64);
const OUT = new Int32Array(32);
const W = new Int32Array(32);
const WS = new Int32Array(32);
const KEY = new Int32Array(32);
const PAD = new Uint8Array(128);

// Final-tweak constant 0xaaaaaaaaaaaaaaa0 + i (spec 2.3).
for (let i = 0; i < 16; i++) {
  KEY[2 * i] = 0xaaaaaaaa | 0;
  KEY[2 * i + 1] = (0xaaaaaaa0 + i) | 0;
}

// Rotations, 0 < n < 64; with a literal n the branches fold away once inlined.
function rotlHi(h: number, l: number, n: number): number {
  if (n < 32) return (h << n) | (l >>> (32 - n));
  if (n === 32) return l;
  return (l << (n - 32)) | (h >>> (64 - n));
}
function rotlLo(h: number, l: number, n: number): number {
  if (n < 32) return (l << n) | (h >>> (32 - n));
  if (n === 32) return h;
  return (h << (n - 32)) | (l >>> (64 - n));
}

// The s_i functions of the spec (section 2.2), split into halves.
function s0h(h: number, l: number): number { return (h >>> 1) ^ ((h << 3) | (l >>> 29)) ^ ((h << 4) | (l >>> 28)) ^ ((l << 5) | (h >>> 27)); }
function s0l(h: number, l: number): number { return ((l >>> 1) | (h << 31)) ^ (l << 3) ^ ((l << 4) | (h >>> 28)) ^ ((h << 5) | (l >>> 27)); }
function s1h(h: number, l: number): number { return (h >>> 1) ^ ((h << 2) | (l >>> 30)) ^ ((h << 13) | (l >>> 19)) ^ ((l << 11) | (h >>> 21)); }
function s1l(h: number, l: number): number { return ((l >>> 1) | (h << 31)) ^ (l << 2) ^ ((l << 13) | (h >>> 19)) ^ ((h << 11) | (l >>> 21)); }
function s2h(h: number, l: number): number { return (h >>> 2) ^ ((h << 1) | (l >>> 31)) ^ ((h << 19) | (l >>> 13)) ^ ((l << 21) | (h >>> 11)); }
function s2l(h: number, l: number): number { return ((l >>> 2) | (h << 30)) ^ (l << 1) ^ ((l << 19) | (h >>> 13)) ^ ((h << 21) | (l >>> 11)); }
function s3h(h: number, l: number): number { return (h >>> 2) ^ ((h << 2) | (l >>> 30)) ^ ((h << 28) | (l >>> 4)) ^ ((l << 27) | (h >>> 5)); }
function s3l(h: number, l: number): number { return ((l >>> 2) | (h << 30)) ^ (l << 2) ^ ((l << 28) | (h >>> 4)) ^ ((h << 27) | (l >>> 5)); }
function s4h(h: number): number { return (h >>> 1) ^ h; }
function s4l(h: number, l: number): number { return ((l >>> 1) | (h << 31)) ^ l; }
function s5h(h: number): number { return (h >>> 2) ^ h; }
function s5l(h: number, l: number): number { return ((l >>> 2) | (h << 30)) ^ l; }

// f0 (spec table 2.2): word i of W = M ^ H is added (+1) or subtracted (-1) into Q[i].
// Row i lists five (index, sign) pairs.
const F0 = new Int8Array([
  5, 1, 7, -1, 10, 1, 13, 1, 14, 1,
  6, 1, 8, -1, 11, 1, 14, 1, 15, -1,
  0, 1, 7, 1, 9, 1, 12, -1, 15, 1,
  0, 1, 1, -1, 8, 1, 10, -1, 13, 1,
  1, 1, 2, 1, 9, 1, 11, -1, 14, -1,
  3, 1, 2, -1, 10, 1, 12, -1, 15, 1,
  4, 1, 0, -1, 3, -1, 11, -1, 13, 1,
  1, 1, 4, -1, 5, -1, 12, -1, 14, -1,
  2, 1, 5, -1, 6, -1, 13, 1, 15, -1,
  0, 1, 3, -1, 6, 1, 7, -1, 14, 1,
  8, 1, 1, -1, 4, -1, 7, -1, 15, 1,
  8, 1, 0, -1, 2, -1, 5, -1, 9, 1,
  1, 1, 3, 1, 6, -1, 9, -1, 10, 1,
  2, 1, 4, 1, 7, 1, 10, 1, 11, 1,
  3, 1, 5, -1, 8, 1, 11, -1, 12, -1,
  12, 1, 4, -1, 6, -1, 9, -1, 13, 1,
]);

// The tweaked AddElement for j in 16..31, added into the running (hi, lo) sums at ACC.
const ACC = new Float64Array(2);
function addElement(m: Int32Array, h: Int32Array, j: number): void {
  const a = (j - 16) & 15, b = (j - 13) & 15, c = (j - 6) & 15, e = (j - 9) & 15;
  // K_j = j * 0x0555555555555555, split exactly into halves.
  const kLo = (j * 0x55555555) % TWO32;
  const kHi = (j * 0x05555555 + Math.floor((j * 0x55555555) / TWO32)) | 0;
  let lo = (rotlLo(m[2 * a], m[2 * a + 1], a + 1) >>> 0) + (rotlLo(m[2 * b], m[2 * b + 1], b + 1) >>> 0) -
    (rotlLo(m[2 * c], m[2 * c + 1], c + 1) >>> 0) + kLo;
  let hi = rotlHi(m[2 * a], m[2 * a + 1], a + 1) + rotlHi(m[2 * b], m[2 * b + 1], b + 1) -
    rotlHi(m[2 * c], m[2 * c + 1], c + 1) + kHi;
  hi = (hi + Math.floor(lo / TWO32)) ^ h[2 * e];
  lo = (lo | 0) ^ h[2 * e + 1];
  ACC[0] += hi;
  ACC[1] += lo >>> 0;
}

// Adds (hi, lo) pairs exactly; returns via OUT[2i], OUT[2i+1].
function store(dst: Int32Array, i: number, hi: number, lo: number): void {
  dst[2 * i] = (hi + Math.floor(lo / TWO32)) | 0;
  dst[2 * i + 1] = lo | 0;
}

function compress(h: Int32Array, m: Int32Array, out: Int32Array): void {
  const q = Q, w = W;
  for (let i = 0; i < 32; i++) w[i] = m[i] ^ h[i];

  for (let i = 0; i < 16; i++) {
    let hi = 0, lo = 0;
    for (let k = 0; k < 5; k++) {
      const idx = F0[10 * i + 2 * k], sign = F0[10 * i + 2 * k + 1];
      hi += sign * w[2 * idx];
      lo += sign * (w[2 * idx + 1] >>> 0);
    }
    WS[2 * i] = (hi + Math.floor(lo / TWO32)) | 0;
    WS[2 * i + 1] = lo | 0;
  }
  // Q[i] = s_{i mod 5}(W[i]) + H[i + 1 mod 16].
  for (let i = 0; i < 16; i += 5) {
    let wh = WS[2 * i], wl = WS[2 * i + 1], n = 2 * ((i + 1) & 15);
    store(q, i, s0h(wh, wl) + h[n], (s0l(wh, wl) >>> 0) + (h[n + 1] >>> 0));
    if (i === 15) break;
    wh = WS[2 * i + 2]; wl = WS[2 * i + 3]; n = 2 * (i + 2);
    store(q, i + 1, s1h(wh, wl) + h[n], (s1l(wh, wl) >>> 0) + (h[n + 1] >>> 0));
    wh = WS[2 * i + 4]; wl = WS[2 * i + 5]; n = 2 * (i + 3);
    store(q, i + 2, s2h(wh, wl) + h[n], (s2l(wh, wl) >>> 0) + (h[n + 1] >>> 0));
    wh = WS[2 * i + 6]; wl = WS[2 * i + 7]; n = 2 * (i + 4);
    store(q, i + 3, s3h(wh, wl) + h[n], (s3l(wh, wl) >>> 0) + (h[n + 1] >>> 0));
    wh = WS[2 * i + 8]; wl = WS[2 * i + 9]; n = 2 * (i + 5);
    store(q, i + 4, s4h(wh) + h[n], (s4l(wh, wl) >>> 0) + (h[n + 1] >>> 0));
  }

  for (let j = 16; j < 18; j++) {
    ACC[0] = 0;
    ACC[1] = 0;
    let hi = 0, lo = 0;
    // s1, s2, s3, s0 repeat over Q[j-16], Q[j-15], ...
    for (let p = 2 * (j - 16); p < 2 * j; p += 8) {
      hi += s1h(q[p], q[p + 1]) + s2h(q[p + 2], q[p + 3]) + s3h(q[p + 4], q[p + 5]) + s0h(q[p + 6], q[p + 7]);
      lo += (s1l(q[p], q[p + 1]) >>> 0) + (s2l(q[p + 2], q[p + 3]) >>> 0) +
        (s3l(q[p + 4], q[p + 5]) >>> 0) + (s0l(q[p + 6], q[p + 7]) >>> 0);
    }
    addElement(m, h, j);
    store(q, j, hi + ACC[0], lo + ACC[1]);
  }
  for (let j = 18; j < 32; j++) {
    ACC[0] = 0;
    ACC[1] = 0;
    let hi = 0, lo = 0;
    // Even offsets from j-16 add plainly, odd ones rotate by r1..r7 (5, 11, 27, 32, 37, 43, 53).
    for (let k = 16; k >= 4; k -= 2) {
      hi += q[2 * (j - k)];
      lo += q[2 * (j - k) + 1] >>> 0;
    }
    let p = 2 * (j - 15);
    hi += rotlHi(q[p], q[p + 1], 5); lo += rotlLo(q[p], q[p + 1], 5) >>> 0; p += 4;
    hi += rotlHi(q[p], q[p + 1], 11); lo += rotlLo(q[p], q[p + 1], 11) >>> 0; p += 4;
    hi += rotlHi(q[p], q[p + 1], 27); lo += rotlLo(q[p], q[p + 1], 27) >>> 0; p += 4;
    hi += q[p + 1]; lo += q[p] >>> 0; p += 4;
    hi += rotlHi(q[p], q[p + 1], 37); lo += rotlLo(q[p], q[p + 1], 37) >>> 0; p += 4;
    hi += rotlHi(q[p], q[p + 1], 43); lo += rotlLo(q[p], q[p + 1], 43) >>> 0; p += 4;
    hi += rotlHi(q[p], q[p + 1], 53); lo += rotlLo(q[p], q[p + 1], 53) >>> 0;
    p = 2 * (j - 2);
    hi += s4h(q[p]); lo += s4l(q[p], q[p + 1]) >>> 0;
    p = 2 * (j - 1);
    hi += s5h(q[p]); lo += s5l(q[p], q[p + 1]) >>> 0;
    addElement(m, h, j);
    store(q, j, hi + ACC[0], lo + ACC[1]);
  }

  // f2.
  let xlh = 0, xll = 0;
  for (let j = 16; j < 24; j++) { xlh ^= q[2 * j]; xll ^= q[2 * j + 1]; }
  let xhh = xlh, xhl = xll;
  for (let j = 24; j < 32; j++) { xhh ^= q[2 * j]; xhl ^= q[2 * j + 1]; }

  // out[i] = (A_i ^ m_i) + (xl ^ q[24+i] ^ q[i]) for i < 8, with A_i per the spec.
  for (let i = 0; i < 8; i++) {
    const qh = q[2 * (16 + i)], ql = q[2 * (16 + i) + 1];
    let ah: number, al: number;
    switch (i) {
      case 0: ah = ((xhh << 5) | (xhl >>> 27)) ^ (qh >>> 5); al = (xhl << 5) ^ ((ql >>> 5) | (qh << 27)); break;
      case 1: ah = (xhh >>> 7) ^ ((qh << 8) | (ql >>> 24)); al = ((xhl >>> 7) | (xhh << 25)) ^ (ql << 8); break;
      case 2: ah = (xhh >>> 5) ^ ((qh << 5) | (ql >>> 27)); al = ((xhl >>> 5) | (xhh << 27)) ^ (ql << 5); break;
      case 3: ah = (xhh >>> 1) ^ ((qh << 5) | (ql >>> 27)); al = ((xhl >>> 1) | (xhh << 31)) ^ (ql << 5); break;
      case 4: ah = (xhh >>> 3) ^ qh; al = ((xhl >>> 3) | (xhh << 29)) ^ ql; break;
      case 5: ah = ((xhh << 6) | (xhl >>> 26)) ^ (qh >>> 6); al = (xhl << 6) ^ ((ql >>> 6) | (qh << 26)); break;
      case 6: ah = (xhh >>> 4) ^ ((qh << 6) | (ql >>> 26)); al = ((xhl >>> 4) | (xhh << 28)) ^ (ql << 6); break;
      default: ah = (xhh >>> 11) ^ ((qh << 2) | (ql >>> 30)); al = ((xhl >>> 11) | (xhh << 21)) ^ (ql << 2); break;
    }
    ah ^= m[2 * i];
    al ^= m[2 * i + 1];
    const bh = xlh ^ q[2 * (24 + i)] ^ q[2 * i];
    const bl = xll ^ q[2 * (24 + i) + 1] ^ q[2 * i + 1];
    store(out, i, ah + bh, (al >>> 0) + (bl >>> 0));
  }
  // out[8+i] = rotl(out[(i+4) mod 8], 9+i) + (xh ^ q[24+i] ^ m[8+i]) + (B_i ^ q[C_i] ^ q[8+i]).
  for (let i = 0; i < 8; i++) {
    const r = (i + 4) & 7;
    const oh = out[2 * r], ol = out[2 * r + 1];
    const ch = xhh ^ q[2 * (24 + i)] ^ m[2 * (8 + i)];
    const cl = xhl ^ q[2 * (24 + i) + 1] ^ m[2 * (8 + i) + 1];
    let bh: number, bl: number;
    switch (i) {
      case 0: bh = (xlh << 8) | (xll >>> 24); bl = xll << 8; break;
      case 1: bh = xlh >>> 6; bl = (xll >>> 6) | (xlh << 26); break;
      case 2: bh = (xlh << 6) | (xll >>> 26); bl = xll << 6; break;
      case 3: bh = (xlh << 4) | (xll >>> 28); bl = xll << 4; break;
      case 4: bh = xlh >>> 3; bl = (xll >>> 3) | (xlh << 29); break;
      case 5: bh = xlh >>> 4; bl = (xll >>> 4) | (xlh << 28); break;
      case 6: bh = xlh >>> 7; bl = (xll >>> 7) | (xlh << 25); break;
      default: bh = xlh >>> 2; bl = (xll >>> 2) | (xlh << 30); break;
    }
    // q index: 23 for i = 0, else 15 + i.
    const qi = i === 0 ? 23 : 15 + i;
    bh ^= q[2 * qi] ^ q[2 * (8 + i)];
    bl ^= q[2 * qi + 1] ^ q[2 * (8 + i) + 1];
    store(out, 8 + i, rotlHi(oh, ol, 9 + i) + ch + bh,
      (rotlLo(oh, ol, 9 + i) >>> 0) + (cl >>> 0) + (bl >>> 0));
  }
}

function loadBlock(src: Uint8Array, off: number): void {
  for (let i = 0; i < 16; i++) {
    const p = off + 8 * i;
    M[2 * i + 1] = src[p] | (src[p + 1] << 8) | (src[p + 2] << 16) | (src[p + 3] << 24);
    M[2 * i] = src[p + 4] | (src[p + 5] << 8) | (src[p + 6] << 16) | (src[p + 7] << 24);
  }
  compress(H, M, OUT);
  H.set(OUT);
}

/** BMW-512 of `data` (any length): a 64-byte digest. */
export function bmw512(data: Uint8Array): Buffer {
  // Initial value: word i = 0x8081828384858687 + i * 0x0808080808080808 (spec 2.3).
  for (let i = 0; i < 16; i++) {
    const b = 0x80 + 8 * i;
    H[2 * i] = (b << 24) | ((b + 1) << 16) | ((b + 2) << 8) | (b + 3);
    H[2 * i + 1] = ((b + 4) << 24) | ((b + 5) << 16) | ((b + 6) << 8) | (b + 7);
  }
  const len = data.length;
  let done = 0;
  while (len - done >= 128) {
    loadBlock(data, done);
    done += 128;
  }
  const rem = len - done;
  PAD.fill(0);
  PAD.set(data.subarray(done), 0);
  PAD[rem] = 0x80;
  if (rem >= 120) {
    loadBlock(PAD, 0);
    PAD.fill(0);
  }
  // 64-bit little-endian bit length.
  const bits = len * 8;
  const lo = bits >>> 0, hi = Math.floor(bits / TWO32);
  PAD[120] = lo; PAD[121] = lo >>> 8; PAD[122] = lo >>> 16; PAD[123] = lo >>> 24;
  PAD[124] = hi; PAD[125] = hi >>> 8; PAD[126] = hi >>> 16; PAD[127] = hi >>> 24;
  loadBlock(PAD, 0);

  // Final tweak: the chaining value becomes the message under the constant key.
  M.set(H);
  compress(KEY, M, OUT);
  const out = Buffer.allocUnsafe(64);
  for (let i = 0; i < 8; i++) {
    out.writeInt32LE(OUT[2 * (8 + i) + 1], 8 * i);
    out.writeInt32LE(OUT[2 * (8 + i)], 8 * i + 4);
  }
  return out;
}
