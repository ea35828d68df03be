// CubeHash16/32-512 (SHA-3 round-2 parameters), stage 8 of X11: the TypeScript twin of
// native/core/x11/cubehash512.cpp. r = 16 rounds per 32-byte block, 160 rounds at
// initialisation and finalisation (D. J. Bernstein, CubeHash specification 2.B.1).
// Words are little-endian.

/**
 * `rounds` CubeHash rounds (a multiple of 2) on the 32-word state. The spec's swap steps
 * are register renamings, undone after every second round, so the body is two rounds.
 */
function cubeRounds(s: Int32Array, rounds: number): void {
  let x0 = s[0], x1 = s[1], x2 = s[2], x3 = s[3], x4 = s[4], x5 = s[5], x6 = s[6], x7 = s[7];
  let x8 = s[8], x9 = s[9], x10 = s[10], x11 = s[11], x12 = s[12], x13 = s[13], x14 = s[14], x15 = s[15];
  let x16 = s[16], x17 = s[17], x18 = s[18], x19 = s[19], x20 = s[20], x21 = s[21], x22 = s[22], x23 = s[23];
  let x24 = s[24], x25 = s[25], x26 = s[26], x27 = s[27], x28 = s[28], x29 = s[29], x30 = s[30], x31 = s[31];
  for (let r = 0; r < rounds; r += 2) {
      x16 = (x16 + x0) | 0;
      x17 = (x17 + x1) | 0;
      x18 = (x18 + x2) | 0;
      x19 = (x19 + x3) | 0;
      x20 = (x20 + x4) | 0;
      x21 = (x21 + x5) | 0;
      x22 = (x22 + x6) | 0;
      x23 = (x23 + x7) | 0;
      x24 = (x24 + x8) | 0;
      x25 = (x25 + x9) | 0;
      x26 = (x26 + x10) | 0;
      x27 = (x27 + x11) | 0;
      x28 = (x28 + x12) | 0;
      x29 = (x29 + x13) | 0;
      x30 = (x30 + x14) | 0;
      x31 = (x31 + x15) | 0;
      x0 = (x0 << 7) | (x0 >>> 25);
      x1 = (x1 << 7) | (x1 >>> 25);
      x2 = (x2 << 7) | (x2 >>> 25);
      x3 = (x3 << 7) | (x3 >>> 25);
      x4 = (x4 << 7) | (x4 >>> 25);
      x5 = (x5 << 7) | (x5 >>> 25);
      x6 = (x6 << 7) | (x6 >>> 25);
      x7 = (x7 << 7) | (x7 >>> 25);
      x8 = (x8 << 7) | (x8 >>> 25);
      x9 = (x9 << 7) | (x9 >>> 25);
      x10 = (x10 << 7) | (x10 >>> 25);
      x11 = (x11 << 7) | (x11 >>> 25);
      x12 = (x12 << 7) | (x12 >>> 25);
      x13 = (x13 << 7) | (x13 >>> 25);
      x14 = (x14 << 7) | (x14 >>> 25);
      x15 = (x15 << 7) | (x15 >>> 25);
      x8 ^= x16;
      x9 ^= x17;
      x10 ^= x18;
      x11 ^= x19;
      x12 ^= x20;
      x13 ^= x21;
      x14 ^= x22;
      x15 ^= x23;
      x0 ^= x24;
      x1 ^= x25;
      x2 ^= x26;
      x3 ^= x27;
      x4 ^= x28;
      x5 ^= x29;
      x6 ^= x30;
      x7 ^= x31;
      x18 = (x18 + x8) | 0;
      x19 = (x19 + x9) | 0;
      x16 = (x16 + x10) | 0;
      x17 = (x17 + x11) | 0;
      x22 = (x22 + x12) | 0;
      x23 = (x23 + x13) | 0;
      x20 = (x20 + x14) | 0;
      x21 = (x21 + x15) | 0;
      x26 = (x26 + x0) | 0;
      x27 = (x27 + x1) | 0;
      x24 = (x24 + x2) | 0;
      x25 = (x25 + x3) | 0;
      x30 = (x30 + x4) | 0;
      x31 = (x31 + x5) | 0;
      x28 = (x28 + x6) | 0;
      x29 = (x29 + x7) | 0;
      x8 = (x8 << 11) | (x8 >>> 21);
      x9 = (x9 << 11) | (x9 >>> 21);
      x10 = (x10 << 11) | (x10 >>> 21);
      x11 = (x11 << 11) | (x11 >>> 21);
      x12 = (x12 << 11) | (x12 >>> 21);
      x13 = (x13 << 11) | (x13 >>> 21);
      x14 = (x14 << 11) | (x14 >>> 21);
      x15 = (x15 << 11) | (x15 >>> 21);
      x0 = (x0 << 11) | (x0 >>> 21);
      x1 = (x1 << 11) | (x1 >>> 21);
      x2 = (x2 << 11) | (x2 >>> 21);
      x3 = (x3 << 11) | (x3 >>> 21);
      x4 = (x4 << 11) | (x4 >>> 21);
      x5 = (x5 << 11) | (x5 >>> 21);
      x6 = (x6 << 11) | (x6 >>> 21);
      x7 = (x7 << 11) | (x7 >>> 21);
      x12 ^= x18;
      x13 ^= x19;
      x14 ^= x16;
      x15 ^= x17;
      x8 ^= x22;
      x9 ^= x23;
      x10 ^= x20;
      x11 ^= x21;
      x4 ^= x26;
      x5 ^= x27;
      x6 ^= x24;
      x7 ^= x25;
      x0 ^= x30;
      x1 ^= x31;
      x2 ^= x28;
      x3 ^= x29;
      x19 = (x19 + x12) | 0;
      x18 = (x18 + x13) | 0;
      x17 = (x17 + x14) | 0;
      x16 = (x16 + x15) | 0;
      x23 = (x23 + x8) | 0;
      x22 = (x22 + x9) | 0;
      x21 = (x21 + x10) | 0;
      x20 = (x20 + x11) | 0;
      x27 = (x27 + x4) | 0;
      x26 = (x26 + x5) | 0;
      x25 = (x25 + x6) | 0;
      x24 = (x24 + x7) | 0;
      x31 = (x31 + x0) | 0;
      x30 = (x30 + x1) | 0;
      x29 = (x29 + x2) | 0;
      x28 = (x28 + x3) | 0;
      x12 = (x12 << 7) | (x12 >>> 25);
      x13 = (x13 << 7) | (x13 >>> 25);
      x14 = (x14 << 7) | (x14 >>> 25);
      x15 = (x15 << 7) | (x15 >>> 25);
      x8 = (x8 << 7) | (x8 >>> 25);
      x9 = (x9 << 7) | (x9 >>> 25);
      x10 = (x10 << 7) | (x10 >>> 25);
      x11 = (x11 << 7) | (x11 >>> 25);
      x4 = (x4 << 7) | (x4 >>> 25);
      x5 = (x5 << 7) | (x5 >>> 25);
      x6 = (x6 << 7) | (x6 >>> 25);
      x7 = (x7 << 7) | (x7 >>> 25);
      x0 = (x0 << 7) | (x0 >>> 25);
      x1 = (x1 << 7) | (x1 >>> 25);
      x2 = (x2 << 7) | (x2 >>> 25);
      x3 = (x3 << 7) | (x3 >>> 25);
      x4 ^= x19;
      x5 ^= x18;
      x6 ^= x17;
      x7 ^= x16;
      x0 ^= x23;
      x1 ^= x22;
      x2 ^= x21;
      x3 ^= x20;
      x12 ^= x27;
      x13 ^= x26;
      x14 ^= x25;
      x15 ^= x24;
      x8 ^= x31;
      x9 ^= x30;
      x10 ^= x29;
      x11 ^= x28;
      x17 = (x17 + x4) | 0;
      x16 = (x16 + x5) | 0;
      x19 = (x19 + x6) | 0;
      x18 = (x18 + x7) | 0;
      x21 = (x21 + x0) | 0;
      x20 = (x20 + x1) | 0;
      x23 = (x23 + x2) | 0;
      x22 = (x22 + x3) | 0;
      x25 = (x25 + x12) | 0;
      x24 = (x24 + x13) | 0;
      x27 = (x27 + x14) | 0;
      x26 = (x26 + x15) | 0;
      x29 = (x29 + x8) | 0;
      x28 = (x28 + x9) | 0;
      x31 = (x31 + x10) | 0;
      x30 = (x30 + x11) | 0;
      x4 = (x4 << 11) | (x4 >>> 21);
      x5 = (x5 << 11) | (x5 >>> 21);
      x6 = (x6 << 11) | (x6 >>> 21);
      x7 = (x7 << 11) | (x7 >>> 21);
      x0 = (x0 << 11) | (x0 >>> 21);
      x1 = (x1 << 11) | (x1 >>> 21);
      x2 = (x2 << 11) | (x2 >>> 21);
      x3 = (x3 << 11) | (x3 >>> 21);
      x12 = (x12 << 11) | (x12 >>> 21);
      x13 = (x13 << 11) | (x13 >>> 21);
      x14 = (x14 << 11) | (x14 >>> 21);
      x15 = (x15 << 11) | (x15 >>> 21);
      x8 = (x8 << 11) | (x8 >>> 21);
      x9 = (x9 << 11) | (x9 >>> 21);
      x10 = (x10 << 11) | (x10 >>> 21);
      x11 = (x11 << 11) | (x11 >>> 21);
      x0 ^= x17;
      x1 ^= x16;
      x2 ^= x19;
      x3 ^= x18;
      x4 ^= x21;
      x5 ^= x20;
      x6 ^= x23;
      x7 ^= x22;
      x8 ^= x25;
      x9 ^= x24;
      x10 ^= x27;
      x11 ^= x26;
      x12 ^= x29;
      x13 ^= x28;
      x14 ^= x31;
      x15 ^= x30;
  }
  s[0] = x0; s[1] = x1; s[2] = x2; s[3] = x3; s[4] = x4; s[5] = x5; s[6] = x6; s[7] = x7;
  s[8] = x8; s[9] = x9; s[10] = x10; s[11] = x11; s[12] = x12; s[13] = x13; s[14] = x14; s[15] = x15;
  s[16] = x16; s[17] = x17; s[18] = x18; s[19] = x19; s[20] = x20; s[21] = x21; s[22] = x22; s[23] = x23;
  s[24] = x24; s[25] = x25; s[26] = x26; s[27] = x27; s[28] = x28; s[29] = x29; s[30] = x30; s[31] = x31;
}

// Initialisation: (h/8, b, r, 0, ...) = (64, 32, 16, 0, ...) then 160 rounds, done once.
const IV = new Int32Array(32);
IV[0] = 64;
IV[1] = 32;
IV[2] = 16;
cubeRounds(IV, 160);

const state = new Int32Array(32);

function absorb(data: Uint8Array, pos: number): void {
  for (let i = 0; i < 8; i++, pos += 4) {
    state[i] ^= data[pos] | (data[pos + 1] << 8) | (data[pos + 2] << 16) | (data[pos + 3] << 24);
  }
  cubeRounds(state, 16);
}

const lastBlock = new Uint8Array(32);

/** CubeHash16/32-512 of `data` (any length): a 64-byte digest. */
export function cubehash512(data: Uint8Array): Buffer {
  state.set(IV);
  const len = data.length;
  let pos = 0;
  for (; pos + 32 <= len; pos += 32) absorb(data, pos);
  // Padding: a 1 bit (0x80), then zeros to the block end.
  lastBlock.fill(0);
  lastBlock.set(data.subarray(pos));
  lastBlock[len - pos] = 0x80;
  absorb(lastBlock, 0);
  state[31] ^= 1;
  cubeRounds(state, 160);
  const out = Buffer.allocUnsafe(64);
  for (let i = 0; i < 16; i++) out.writeInt32LE(state[i], 4 * i);
  return out;
}
