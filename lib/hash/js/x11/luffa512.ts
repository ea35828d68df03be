// Luffa-512 (SHA-3 round-2 version, with the permutation tweak), stage 7 of X11: the
// TypeScript twin of native/core/x11/luffa512.cpp. Five 256-bit sub-states V_0..V_4 of
// big-endian words, 32-byte message blocks, Q_j = tweak + 8 steps; the digest is read
// over two blank rounds (Luffa specification v2.0).

// Initial values V_0..V_4 (Luffa specification v2.0, "Initial values").
const IV = new Int32Array([
  0x6d251e69, 0x44b051e0, 0x4eaa6fb4, 0xdbf78465, 0x6e292011, 0x90152df4, 0xee058139, 0xdef610bb,
  0xc3b44b95, 0xd9d2f256, 0x70eee9a0, 0xde099fa3, 0x5d9b0557, 0x8fc944b3, 0xcf1ccf0e, 0x746cd581,
  0xf7efc89d, 0x5dba5781, 0x04016ce5, 0xad659c05, 0x0306194f, 0x666d1836, 0x24aa230a, 0x8b264ae7,
  0x858075d5, 0x36d79cce, 0xe571f7d7, 0x204b1f67, 0x35870c6a, 0x57e9e923, 0x14bcb808, 0x7cde72ce,
  0x6c68e9be, 0x5ec41e22, 0xc825b7c7, 0xaffb4363, 0xf5df3999, 0x0fc688f1, 0xb07224cc, 0x03e86cea,
]);

// Step constants (Luffa specification v2.0, "Constants"): for Q_j, 16 words at 16 * j,
// pairs (added to word 0, added to word 4) for steps 0..7.
const RC = new Int32Array(80);
{
  const c0 = [
    [0x303994a6, 0xc0e65299, 0x6cc33a12, 0xdc56983e, 0x1e00108f, 0x7800423d, 0x8f5b7882, 0x96e1db12],
    [0xb6de10ed, 0x70f47aae, 0x0707a3d4, 0x1c1e8f51, 0x707a3d45, 0xaeb28562, 0xbaca1589, 0x40a46f3e],
    [0xfc20d9d2, 0x34552e25, 0x7ad8818f, 0x8438764a, 0xbb6de032, 0xedb780c8, 0xd9847356, 0xa2c78434],
    [0xb213afa5, 0xc84ebe95, 0x4e608a22, 0x56d858fe, 0x343b138f, 0xd0ec4e3d, 0x2ceb4882, 0xb3ad2208],
    [0xf0d2e9e3, 0xac11d7fa, 0x1bcb66f2, 0x6f2d9bc9, 0x78602649, 0x8edae952, 0x3b6ba548, 0xedae9520],
  ];
  const c4 = [
    [0xe0337818, 0x441ba90d, 0x7f34d442, 0x9389217f, 0xe5a8bce6, 0x5274baf4, 0x26889ba7, 0x9a226e9d],
    [0x01685f3d, 0x05a17cf4, 0xbd09caca, 0xf4272b28, 0x144ae5cc, 0xfaa7ae2b, 0x2e48f1c1, 0xb923c704],
    [0xe25e72c1, 0xe623bb72, 0x5c58a4a4, 0x1e38e2e7, 0x78e38b9d, 0x27586719, 0x36eda57f, 0x703aace7],
    [0xe028c9bf, 0x44756f91, 0x7e8fce32, 0x956548be, 0xfe191be2, 0x3cb226e5, 0x5944a28e, 0xa1c4c355],
    [0x5090d577, 0x2d1925ab, 0xb46496ac, 0xd1925ab0, 0x29131ab6, 0x0fc053c3, 0x3f014f0c, 0xfc053c31],
  ];
  for (let j = 0; j < 5; j++) {
    for (let r = 0; r < 8; r++) {
      RC[16 * j + 2 * r] = c0[j][r];
      RC[16 * j + 2 * r + 1] = c4[j][r];
    }
  }
}

const V = new Int32Array(40); // V_j is V[8j .. 8j + 7]
const T = new Int32Array(8);
const U = new Int32Array(8);
const M = new Int32Array(8);

// d = x * s in GF(2^32)[x]/(x^8 + x^4 + x^3 + x + 1); word k is the coefficient of x^k.
function times2(d: Int32Array, dOff: number, s: Int32Array, sOff: number): void {
  const top = s[sOff + 7];
  d[dOff + 7] = s[sOff + 6];
  d[dOff + 6] = s[sOff + 5];
  d[dOff + 5] = s[sOff + 4];
  d[dOff + 4] = s[sOff + 3] ^ top;
  d[dOff + 3] = s[sOff + 2] ^ top;
  d[dOff + 2] = s[sOff + 1];
  d[dOff + 1] = s[sOff] ^ top;
  d[dOff] = top;
}

function xorInto(d: Int32Array, dOff: number, s: Int32Array, sOff: number): void {
  for (let i = 0; i < 8; i++) d[dOff + i] ^= s[sOff + i];
}

// Message injection MI for w = 5: the mixing network, then M, 2M, 4M, 8M, 16M into V_0..V_4.
function inject(): void {
  for (let i = 0; i < 8; i++) T[i] = V[i] ^ V[8 + i] ^ V[16 + i] ^ V[24 + i] ^ V[32 + i];
  times2(T, 0, T, 0);
  for (let j = 0; j < 40; j += 8) xorInto(V, j, T, 0);

  times2(U, 0, V, 0);
  xorInto(U, 0, V, 8);
  for (let j = 8; j < 32; j += 8) {
    times2(V, j, V, j);
    xorInto(V, j, V, j + 8);
  }
  times2(V, 32, V, 32);
  xorInto(V, 32, V, 0);

  times2(V, 0, U, 0);
  xorInto(V, 0, V, 32);
  for (let j = 32; j > 8; j -= 8) {
    times2(V, j, V, j);
    xorInto(V, j, V, j - 8);
  }
  times2(V, 8, V, 8);
  xorInto(V, 8, U, 0);

  xorInto(V, 0, M, 0);
  for (let j = 8; j < 40; j += 8) {
    times2(M, 0, M, 0);
    xorInto(V, j, M, 0);
  }
}

// Q_j on V_j: tweak (words 4..7 rotated left by j), then 8 steps of SubCrumb (the 4-bit
// S-box bit-sliced, gate sequence from the spec), MixWord (2, 14, 10, 1) and AddConstant.
function permute(j: number): void {
  const o = 8 * j;
  let a0 = V[o], a1 = V[o + 1], a2 = V[o + 2], a3 = V[o + 3];
  let a4 = V[o + 4], a5 = V[o + 5], a6 = V[o + 6], a7 = V[o + 7];
  if (j !== 0) {
    a4 = (a4 << j) | (a4 >>> (32 - j));
    a5 = (a5 << j) | (a5 >>> (32 - j));
    a6 = (a6 << j) | (a6 >>> (32 - j));
    a7 = (a7 << j) | (a7 >>> (32 - j));
  }
  for (let r = 0, k = 16 * j; r < 8; r++, k += 2) {
    let t = a0;
    a0 |= a1; a2 ^= a3; a1 = ~a1; a0 ^= a3; a3 &= t; a1 ^= a3; a3 ^= a2; a2 &= a0;
    a0 = ~a0; a2 ^= a1; a1 |= a3; t ^= a1; a3 ^= a2; a2 &= a1; a1 ^= a0; a0 = t;
    t = a5;
    a5 |= a6; a7 ^= a4; a6 = ~a6; a5 ^= a4; a4 &= t; a6 ^= a4; a4 ^= a7; a7 &= a5;
    a5 = ~a5; a7 ^= a6; a6 |= a4; t ^= a6; a4 ^= a7; a7 &= a6; a6 ^= a5; a5 = t;

    a4 ^= a0; a0 = ((a0 << 2) | (a0 >>> 30)) ^ a4; a4 = ((a4 << 14) | (a4 >>> 18)) ^ a0;
    a0 = ((a0 << 10) | (a0 >>> 22)) ^ a4; a4 = (a4 << 1) | (a4 >>> 31);
    a5 ^= a1; a1 = ((a1 << 2) | (a1 >>> 30)) ^ a5; a5 = ((a5 << 14) | (a5 >>> 18)) ^ a1;
    a1 = ((a1 << 10) | (a1 >>> 22)) ^ a5; a5 = (a5 << 1) | (a5 >>> 31);
    a6 ^= a2; a2 = ((a2 << 2) | (a2 >>> 30)) ^ a6; a6 = ((a6 << 14) | (a6 >>> 18)) ^ a2;
    a2 = ((a2 << 10) | (a2 >>> 22)) ^ a6; a6 = (a6 << 1) | (a6 >>> 31);
    a7 ^= a3; a3 = ((a3 << 2) | (a3 >>> 30)) ^ a7; a7 = ((a7 << 14) | (a7 >>> 18)) ^ a3;
    a3 = ((a3 << 10) | (a3 >>> 22)) ^ a7; a7 = (a7 << 1) | (a7 >>> 31);

    a0 ^= RC[k];
    a4 ^= RC[k + 1];
  }
  V[o] = a0; V[o + 1] = a1; V[o + 2] = a2; V[o + 3] = a3;
  V[o + 4] = a4; V[o + 5] = a5; V[o + 6] = a6; V[o + 7] = a7;
}

function roundFunction(): void {
  inject();
  for (let j = 0; j < 5; j++) permute(j);
}

function loadBlock(data: Uint8Array, pos: number): void {
  for (let i = 0; i < 8; i++, pos += 4) {
    M[i] = (data[pos] << 24) | (data[pos + 1] << 16) | (data[pos + 2] << 8) | data[pos + 3];
  }
}

// Output function: the XOR of the five sub-states, big-endian.
function squeeze(out: Buffer, off: number): void {
  for (let i = 0; i < 8; i++) {
    out.writeInt32BE(V[i] ^ V[8 + i] ^ V[16 + i] ^ V[24 + i] ^ V[32 + i], off + 4 * i);
  }
}

const lastBlock = new Uint8Array(32);

/** Luffa-512 of `data` (any length): a 64-byte digest. */
export function luffa512(data: Uint8Array): Buffer {
  V.set(IV);
  const len = data.length;
  let pos = 0;
  for (; pos + 32 <= len; pos += 32) {
    loadBlock(data, pos);
    roundFunction();
  }
  // Padding always adds a block: a 1 bit (0x80), then zeros.
  lastBlock.fill(0);
  lastBlock.set(data.subarray(pos));
  lastBlock[len - pos] = 0x80;
  loadBlock(lastBlock, 0);
  roundFunction();
  // Finalisation: blank rounds (zero message), each yielding 256 output bits.
  const out = Buffer.allocUnsafe(64);
  M.fill(0);
  roundFunction();
  squeeze(out, 0);
  M.fill(0);
  roundFunction();
  squeeze(out, 32);
  return out;
}
