// SHA256d nonce scan in TypeScript: the JS twin of the native sha256d scan backends.
// The first 64 header bytes are compressed once (the midstate); per nonce only block 2
// and the second hash run, the second hash stops once digest word 7 is fixed (after
// round 60), and only nonces whose most significant digest word passes get a full check.

import { meetsTarget } from './target';
import { SHA256_INITIAL_STATE, SHA256_ROUND_CONSTANTS, sha256Compress, stateToBytes } from './sha256';

// The round constants as signed words, the form the int32 arithmetic below uses.
const K = new Int32Array(SHA256_ROUND_CONSTANTS.buffer);

const IV = Int32Array.from(SHA256_INITIAL_STATE);
const PAD = 0x80000000 | 0;
const BLOCK2_BITS = 640;
const DIGEST_BITS = 256;

export interface Sha256dScanResult {
  /** Nonces whose sha256d(header) <= target, ascending, at most maxFound of them. */
  nonces: number[];
  /** Nonces hashed: always the whole (clamped) range, since JS scans are not cancelled. */
  hashesDone: number;
}

function ssig0(x: number): number {
  return ((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3);
}
function ssig1(x: number): number {
  return ((x >>> 17) | (x << 15)) ^ ((x >>> 19) | (x << 13)) ^ (x >>> 10);
}
function bswap32(x: number): number {
  return ((x << 24) | ((x & 0xff00) << 8) | ((x >>> 8) & 0xff00) | (x >>> 24)) >>> 0;
}
function readBE32(b: Uint8Array, i: number): number {
  return (b[i] << 24) | (b[i + 1] << 16) | (b[i + 2] << 8) | b[i + 3];
}

/** Full sha256d from the midstate, for confirming a candidate nonce. */
function fullDigest(mid: Int32Array, w0: number, w1: number, w2: number, nonce: number, schedule: Uint32Array): Buffer {
  const state = Uint32Array.from(mid);
  const words = new Uint32Array(16);
  words[0] = w0;
  words[1] = w1;
  words[2] = w2;
  words[3] = bswap32(nonce);
  words[4] = PAD >>> 0;
  words[15] = BLOCK2_BITS;
  sha256Compress(state, words, schedule);
  for (let i = 0; i < 8; i++) words[i] = state[i];
  words.fill(0, 8);
  words[8] = PAD >>> 0;
  words[15] = DIGEST_BITS;
  const second = Uint32Array.from(SHA256_INITIAL_STATE);
  sha256Compress(second, words, schedule);
  return stateToBytes(second);
}

/**
 * Scans nonces [nonceStart, nonceStart + nonceCount) of an 80-byte header (the nonce goes
 * little-endian into bytes 76..79; the header's own nonce is ignored) and returns those
 * whose sha256d digest, read little-endian, is <= targetLE (32 bytes, little-endian).
 */
export function scanSha256d(
  header: Uint8Array,
  nonceStart: number,
  nonceCount: number,
  targetLE: Uint8Array,
  maxFound: number,
): Sha256dScanResult {
  if (header.length < 80) throw new RangeError('scanSha256d: header must be 80 bytes');
  if (targetLE.length !== 32) throw new RangeError('scanSha256d: target must be 32 bytes');
  if (!Number.isInteger(nonceStart) || nonceStart < 0 || nonceStart > 0xffffffff) {
    throw new RangeError('scanSha256d: nonceStart must be an integer in [0, 2^32)');
  }
  if (!Number.isInteger(nonceCount) || nonceCount < 0) {
    throw new RangeError('scanSha256d: nonceCount must be a non-negative integer');
  }
  const total = Math.min(nonceCount, 0x100000000 - nonceStart);
  const nonces: number[] = [];
  if (total === 0) return { nonces, hashesDone: 0 };

  const schedule = new Uint32Array(64);
  const midU = Uint32Array.from(SHA256_INITIAL_STATE);
  const first = new Uint32Array(16);
  for (let i = 0; i < 16; i++) first[i] = readBE32(header, 4 * i);
  sha256Compress(midU, first, schedule);
  const mid = Int32Array.from(midU);
  const w0 = readBE32(header, 64);
  const w1 = readBE32(header, 68);
  const w2 = readBE32(header, 72);

  // Block 2 rounds 0..2 and the nonce-free part of round 3: a4 and e4 are (base + W3).
  let a = mid[0], b = mid[1], c = mid[2], d = mid[3], e = mid[4], f = mid[5], g = mid[6], h = mid[7];
  const fixedWords = [w0, w1, w2];
  for (let i = 0; i < 3; i++) {
    const t1 = (h + (((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7))) +
      (((f ^ g) & e) ^ g) + K[i] + fixedWords[i]) | 0;
    const t2 = ((((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10))) +
      ((a & b) | (c & (a | b)))) | 0;
    h = g; g = f; f = e; e = (d + t1) | 0; d = c; c = b; b = a; a = (t1 + t2) | 0;
  }
  const t1Base = (h + (((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7))) +
    (((f ^ g) & e) ^ g) + K[3]) | 0;
  const t2Fixed = ((((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10))) +
    ((a & b) | (c & (a | b)))) | 0;
  const a4Base = (t1Base + t2Fixed) | 0;
  const e4Base = (d + t1Base) | 0;
  const b4 = a, c4 = b, d4 = c, f4 = e, g4 = f, h4 = g;

  // K + W where W is padding: block 2 rounds 4..15; for the second hash, K with its
  // padding words 8..15 folded in (x[8..15] stay zero).
  const kw1 = new Int32Array(16);
  const kw2 = Int32Array.from(K);
  for (let i = 4; i < 16; i++) kw1[i] = K[i];
  kw1[4] = (kw1[4] + PAD) | 0;
  kw1[15] = (kw1[15] + BLOCK2_BITS) | 0;
  kw2[8] = (kw2[8] + PAD) | 0;
  kw2[15] = (kw2[15] + DIGEST_BITS) | 0;

  const w16 = (ssig0(w1) + w0) | 0;
  const w17 = (ssig1(BLOCK2_BITS) + ssig0(w2) + w1) | 0;
  const w18Base = (ssig1(w16) + w2) | 0;
  const w19Base = (ssig1(w17) + ssig0(PAD)) | 0;
  const sig0Block2Bits = ssig0(BLOCK2_BITS);
  const sig1DigestBits = ssig1(DIGEST_BITS);
  const sig0DigestBits = ssig0(DIGEST_BITS);
  const sig0Pad = ssig0(PAD);
  const targetTop = (targetLE[28] | (targetLE[29] << 8) | (targetLE[30] << 16) | (targetLE[31] << 24)) >>> 0;
  const iv0 = IV[0], iv1 = IV[1], iv2 = IV[2], iv3 = IV[3], iv4 = IV[4], iv5 = IV[5], iv6 = IV[6], iv7 = IV[7];

  const w = new Int32Array(64);
  const x = new Int32Array(64);
  // K + W per round, the constant entries filled once: block 2 rounds 4..15, second hash 8..15.
  const kwb = new Int32Array(64);
  const kwx = new Int32Array(64);
  kwb.set(kw1.subarray(4, 16), 4);
  kwx.set(kw2.subarray(8, 16), 8);
  w[16] = w16;
  w[17] = w17;

  for (let n = 0; n < total; n++) {
    const nonce = (nonceStart + n) >>> 0;
    const w3 = ((nonce << 24) | ((nonce & 0xff00) << 8) | ((nonce >>> 8) & 0xff00) | (nonce >>> 24)) | 0;

    // Block 2 schedule: padding zeros dropped from W16..W31, the general rule after.
    w[18] = (w18Base + ssig0(w3)) | 0;
    w[19] = (w19Base + w3) | 0;
    w[20] = (ssig1(w[18]) + PAD) | 0;
    w[21] = ssig1(w[19]);
    w[22] = (ssig1(w[20]) + BLOCK2_BITS) | 0;
    for (let i = 23; i < 30; i++) w[i] = (ssig1(w[i - 2]) + w[i - 7]) | 0;
    w[30] = (ssig1(w[28]) + w[23] + sig0Block2Bits) | 0;
    w[31] = (ssig1(w[29]) + w[24] + ssig0(w[16]) + BLOCK2_BITS) | 0;
    for (let i = 16; i < 32; i++) kwb[i] = (K[i] + w[i]) | 0;
    for (let i = 32; i < 64; i++) {
      const y = w[i - 2], z = w[i - 15];
      const v = ((((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10)) + w[i - 7] +
        (((z >>> 7) | (z << 25)) ^ ((z >>> 18) | (z << 14)) ^ (z >>> 3)) + w[i - 16]) | 0;
      w[i] = v;
      kwb[i] = (K[i] + v) | 0;
    }

    // Round 4 state, placed for the name rotation below (role a of round r is in names[-r & 7]).
    e = (w3 + a4Base) | 0; f = b4; g = c4; h = d4;
    a = (w3 + e4Base) | 0; b = f4; c = g4; d = h4;
    let t1 = 0;
    // Block 2 rounds 4..63; names rotate instead of values moving (round r: role j in names[(j - r) & 7]).
    t1 = (d + (((a >>> 6) | (a << 26)) ^ ((a >>> 11) | (a << 21)) ^ ((a >>> 25) | (a << 7))) + (((b ^ c) & a) ^ c) + kw1[4]) | 0;
    h = (h + t1) | 0;
    d = (t1 + (((e >>> 2) | (e << 30)) ^ ((e >>> 13) | (e << 19)) ^ ((e >>> 22) | (e << 10))) + ((e & f) | (g & (e | f)))) | 0;
    t1 = (c + (((h >>> 6) | (h << 26)) ^ ((h >>> 11) | (h << 21)) ^ ((h >>> 25) | (h << 7))) + (((a ^ b) & h) ^ b) + kw1[5]) | 0;
    g = (g + t1) | 0;
    c = (t1 + (((d >>> 2) | (d << 30)) ^ ((d >>> 13) | (d << 19)) ^ ((d >>> 22) | (d << 10))) + ((d & e) | (f & (d | e)))) | 0;
    t1 = (b + (((g >>> 6) | (g << 26)) ^ ((g >>> 11) | (g << 21)) ^ ((g >>> 25) | (g << 7))) + (((h ^ a) & g) ^ a) + kw1[6]) | 0;
    f = (f + t1) | 0;
    b = (t1 + (((c >>> 2) | (c << 30)) ^ ((c >>> 13) | (c << 19)) ^ ((c >>> 22) | (c << 10))) + ((c & d) | (e & (c | d)))) | 0;
    t1 = (a + (((f >>> 6) | (f << 26)) ^ ((f >>> 11) | (f << 21)) ^ ((f >>> 25) | (f << 7))) + (((g ^ h) & f) ^ h) + kw1[7]) | 0;
    e = (e + t1) | 0;
    a = (t1 + (((b >>> 2) | (b << 30)) ^ ((b >>> 13) | (b << 19)) ^ ((b >>> 22) | (b << 10))) + ((b & c) | (d & (b | c)))) | 0;
    for (let i = 8; i < 64; i += 8) {
      t1 = (h + (((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7))) + (((f ^ g) & e) ^ g) + kwb[i + 0]) | 0;
      d = (d + t1) | 0;
      h = (t1 + (((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10))) + ((a & b) | (c & (a | b)))) | 0;
      t1 = (g + (((d >>> 6) | (d << 26)) ^ ((d >>> 11) | (d << 21)) ^ ((d >>> 25) | (d << 7))) + (((e ^ f) & d) ^ f) + kwb[i + 1]) | 0;
      c = (c + t1) | 0;
      g = (t1 + (((h >>> 2) | (h << 30)) ^ ((h >>> 13) | (h << 19)) ^ ((h >>> 22) | (h << 10))) + ((h & a) | (b & (h | a)))) | 0;
      t1 = (f + (((c >>> 6) | (c << 26)) ^ ((c >>> 11) | (c << 21)) ^ ((c >>> 25) | (c << 7))) + (((d ^ e) & c) ^ e) + kwb[i + 2]) | 0;
      b = (b + t1) | 0;
      f = (t1 + (((g >>> 2) | (g << 30)) ^ ((g >>> 13) | (g << 19)) ^ ((g >>> 22) | (g << 10))) + ((g & h) | (a & (g | h)))) | 0;
      t1 = (e + (((b >>> 6) | (b << 26)) ^ ((b >>> 11) | (b << 21)) ^ ((b >>> 25) | (b << 7))) + (((c ^ d) & b) ^ d) + kwb[i + 3]) | 0;
      a = (a + t1) | 0;
      e = (t1 + (((f >>> 2) | (f << 30)) ^ ((f >>> 13) | (f << 19)) ^ ((f >>> 22) | (f << 10))) + ((f & g) | (h & (f | g)))) | 0;
      t1 = (d + (((a >>> 6) | (a << 26)) ^ ((a >>> 11) | (a << 21)) ^ ((a >>> 25) | (a << 7))) + (((b ^ c) & a) ^ c) + kwb[i + 4]) | 0;
      h = (h + t1) | 0;
      d = (t1 + (((e >>> 2) | (e << 30)) ^ ((e >>> 13) | (e << 19)) ^ ((e >>> 22) | (e << 10))) + ((e & f) | (g & (e | f)))) | 0;
      t1 = (c + (((h >>> 6) | (h << 26)) ^ ((h >>> 11) | (h << 21)) ^ ((h >>> 25) | (h << 7))) + (((a ^ b) & h) ^ b) + kwb[i + 5]) | 0;
      g = (g + t1) | 0;
      c = (t1 + (((d >>> 2) | (d << 30)) ^ ((d >>> 13) | (d << 19)) ^ ((d >>> 22) | (d << 10))) + ((d & e) | (f & (d | e)))) | 0;
      t1 = (b + (((g >>> 6) | (g << 26)) ^ ((g >>> 11) | (g << 21)) ^ ((g >>> 25) | (g << 7))) + (((h ^ a) & g) ^ a) + kwb[i + 6]) | 0;
      f = (f + t1) | 0;
      b = (t1 + (((c >>> 2) | (c << 30)) ^ ((c >>> 13) | (c << 19)) ^ ((c >>> 22) | (c << 10))) + ((c & d) | (e & (c | d)))) | 0;
      t1 = (a + (((f >>> 6) | (f << 26)) ^ ((f >>> 11) | (f << 21)) ^ ((f >>> 25) | (f << 7))) + (((g ^ h) & f) ^ h) + kwb[i + 7]) | 0;
      e = (e + t1) | 0;
      a = (t1 + (((b >>> 2) | (b << 30)) ^ ((b >>> 13) | (b << 19)) ^ ((b >>> 22) | (b << 10))) + ((b & c) | (d & (b | c)))) | 0;
    }

    // Second hash: the message is the first digest (midstate + block 2 state).
    x[0] = (mid[0] + a) | 0; x[1] = (mid[1] + b) | 0; x[2] = (mid[2] + c) | 0; x[3] = (mid[3] + d) | 0;
    x[4] = (mid[4] + e) | 0; x[5] = (mid[5] + f) | 0; x[6] = (mid[6] + g) | 0; x[7] = (mid[7] + h) | 0;
    x[16] = (ssig0(x[1]) + x[0]) | 0;
    x[17] = (sig1DigestBits + ssig0(x[2]) + x[1]) | 0;
    for (let i = 18; i < 22; i++) x[i] = (ssig1(x[i - 2]) + ssig0(x[i - 15]) + x[i - 16]) | 0;
    x[22] = (ssig1(x[20]) + DIGEST_BITS + ssig0(x[7]) + x[6]) | 0;
    x[23] = (ssig1(x[21]) + x[16] + sig0Pad + x[7]) | 0;
    x[24] = (ssig1(x[22]) + x[17] + PAD) | 0;
    for (let i = 25; i < 30; i++) x[i] = (ssig1(x[i - 2]) + x[i - 7]) | 0;
    x[30] = (ssig1(x[28]) + x[23] + sig0DigestBits) | 0;
    x[31] = (ssig1(x[29]) + x[24] + ssig0(x[16]) + DIGEST_BITS) | 0;
    for (let i = 32; i < 61; i++) {
      const y = x[i - 2], z = x[i - 15];
      const v = ((((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10)) + x[i - 7] +
        (((z >>> 7) | (z << 25)) ^ ((z >>> 18) | (z << 14)) ^ (z >>> 3)) + x[i - 16]) | 0;
      x[i] = v;
      kwx[i] = (K[i] + v) | 0;
    }

    for (let i = 0; i < 8; i++) kwx[i] = (K[i] + x[i]) | 0;
    for (let i = 16; i < 32; i++) kwx[i] = (K[i] + x[i]) | 0;
    a = iv0; b = iv1; c = iv2; d = iv3; e = iv4; f = iv5; g = iv6; h = iv7;
    for (let i = 0; i < 56; i += 8) {
      t1 = (h + (((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7))) + (((f ^ g) & e) ^ g) + kwx[i + 0]) | 0;
      d = (d + t1) | 0;
      h = (t1 + (((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10))) + ((a & b) | (c & (a | b)))) | 0;
      t1 = (g + (((d >>> 6) | (d << 26)) ^ ((d >>> 11) | (d << 21)) ^ ((d >>> 25) | (d << 7))) + (((e ^ f) & d) ^ f) + kwx[i + 1]) | 0;
      c = (c + t1) | 0;
      g = (t1 + (((h >>> 2) | (h << 30)) ^ ((h >>> 13) | (h << 19)) ^ ((h >>> 22) | (h << 10))) + ((h & a) | (b & (h | a)))) | 0;
      t1 = (f + (((c >>> 6) | (c << 26)) ^ ((c >>> 11) | (c << 21)) ^ ((c >>> 25) | (c << 7))) + (((d ^ e) & c) ^ e) + kwx[i + 2]) | 0;
      b = (b + t1) | 0;
      f = (t1 + (((g >>> 2) | (g << 30)) ^ ((g >>> 13) | (g << 19)) ^ ((g >>> 22) | (g << 10))) + ((g & h) | (a & (g | h)))) | 0;
      t1 = (e + (((b >>> 6) | (b << 26)) ^ ((b >>> 11) | (b << 21)) ^ ((b >>> 25) | (b << 7))) + (((c ^ d) & b) ^ d) + kwx[i + 3]) | 0;
      a = (a + t1) | 0;
      e = (t1 + (((f >>> 2) | (f << 30)) ^ ((f >>> 13) | (f << 19)) ^ ((f >>> 22) | (f << 10))) + ((f & g) | (h & (f | g)))) | 0;
      t1 = (d + (((a >>> 6) | (a << 26)) ^ ((a >>> 11) | (a << 21)) ^ ((a >>> 25) | (a << 7))) + (((b ^ c) & a) ^ c) + kwx[i + 4]) | 0;
      h = (h + t1) | 0;
      d = (t1 + (((e >>> 2) | (e << 30)) ^ ((e >>> 13) | (e << 19)) ^ ((e >>> 22) | (e << 10))) + ((e & f) | (g & (e | f)))) | 0;
      t1 = (c + (((h >>> 6) | (h << 26)) ^ ((h >>> 11) | (h << 21)) ^ ((h >>> 25) | (h << 7))) + (((a ^ b) & h) ^ b) + kwx[i + 5]) | 0;
      g = (g + t1) | 0;
      c = (t1 + (((d >>> 2) | (d << 30)) ^ ((d >>> 13) | (d << 19)) ^ ((d >>> 22) | (d << 10))) + ((d & e) | (f & (d | e)))) | 0;
      t1 = (b + (((g >>> 6) | (g << 26)) ^ ((g >>> 11) | (g << 21)) ^ ((g >>> 25) | (g << 7))) + (((h ^ a) & g) ^ a) + kwx[i + 6]) | 0;
      f = (f + t1) | 0;
      b = (t1 + (((c >>> 2) | (c << 30)) ^ ((c >>> 13) | (c << 19)) ^ ((c >>> 22) | (c << 10))) + ((c & d) | (e & (c | d)))) | 0;
      t1 = (a + (((f >>> 6) | (f << 26)) ^ ((f >>> 11) | (f << 21)) ^ ((f >>> 25) | (f << 7))) + (((g ^ h) & f) ^ h) + kwx[i + 7]) | 0;
      e = (e + t1) | 0;
      a = (t1 + (((b >>> 2) | (b << 30)) ^ ((b >>> 13) | (b << 19)) ^ ((b >>> 22) | (b << 10))) + ((b & c) | (d & (b | c)))) | 0;
    }
    t1 = (h + (((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7))) + (((f ^ g) & e) ^ g) + kwx[56]) | 0;
    d = (d + t1) | 0;
    h = (t1 + (((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10))) + ((a & b) | (c & (a | b)))) | 0;
    c = (c + g + (((d >>> 6) | (d << 26)) ^ ((d >>> 11) | (d << 21)) ^ ((d >>> 25) | (d << 7))) + (((e ^ f) & d) ^ f) + kwx[57]) | 0;
    b = (b + f + (((c >>> 6) | (c << 26)) ^ ((c >>> 11) | (c << 21)) ^ ((c >>> 25) | (c << 7))) + (((d ^ e) & c) ^ e) + kwx[58]) | 0;
    a = (a + e + (((b >>> 6) | (b << 26)) ^ ((b >>> 11) | (b << 21)) ^ ((b >>> 25) | (b << 7))) + (((c ^ d) & b) ^ d) + kwx[59]) | 0;
    h = (h + d + (((a >>> 6) | (a << 26)) ^ ((a >>> 11) | (a << 21)) ^ ((a >>> 25) | (a << 7))) + (((b ^ c) & a) ^ c) + kwx[60]) | 0;
    // Rounds 57..60 computed only their new e; e after round 60 (now in h) is digest word 7 - IV7.
    const word7 = (h + iv7) | 0;
    if (bswap32(word7) <= targetTop && nonces.length < maxFound) {
      if (meetsTarget(fullDigest(mid, w0, w1, w2, nonce, schedule), targetLE)) nonces.push(nonce);
    }
  }
  return { nonces, hashesDone: total };
}
