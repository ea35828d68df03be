// HMAC-SHA256 (RFC 2104) and PBKDF2-HMAC-SHA256 (RFC 8018): the JS twin of
// native/core/pbkdf2.cpp. Key pads are compressed once per call and the iteration loop
// works on preloaded message words, so a high iteration count allocates nothing.
import { SHA256_INITIAL_STATE, sha256, sha256Compress, stateToBytes } from './sha256';

const schedule = new Uint32Array(64);
const words = new Uint32Array(16);

function loadBlock(data: Uint8Array, offset: number, out: Uint32Array): void {
  for (let i = 0; i < 16; i++) {
    const p = offset + 4 * i;
    out[i] = (data[p] << 24) | (data[p + 1] << 16) | (data[p + 2] << 8) | data[p + 3];
  }
}

/** A key's inner and outer chaining states after the padded key block. */
export class HmacSha256Key {
  readonly inner = new Uint32Array(8);
  readonly outer = new Uint32Array(8);

  constructor(key: Uint8Array) {
    const block = new Uint8Array(64);
    block.set(key.length > 64 ? sha256(key) : key);
    for (let i = 0; i < 64; i++) block[i] ^= 0x36;
    this.inner.set(SHA256_INITIAL_STATE);
    loadBlock(block, 0, words);
    sha256Compress(this.inner, words, schedule);
    for (let i = 0; i < 64; i++) block[i] ^= 0x36 ^ 0x5c;
    this.outer.set(SHA256_INITIAL_STATE);
    loadBlock(block, 0, words);
    sha256Compress(this.outer, words, schedule);
  }
}

/**
 * Continues a SHA-256 from `state` (which has absorbed `prefixBytes` bytes, a multiple of
 * 64) over data, then pads and finishes into `state`.
 */
function finishFrom(state: Uint32Array, prefixBytes: number, data: Uint8Array): void {
  const whole = data.length - (data.length % 64);
  for (let off = 0; off < whole; off += 64) {
    loadBlock(data, off, words);
    sha256Compress(state, words, schedule);
  }
  const tail = new Uint8Array(data.length - whole < 56 ? 64 : 128);
  tail.set(data.subarray(whole));
  tail[data.length - whole] = 0x80;
  const bits = (prefixBytes + data.length) * 8;
  const view = new DataView(tail.buffer);
  view.setUint32(tail.length - 8, Math.floor(bits / 0x100000000));
  view.setUint32(tail.length - 4, bits >>> 0);
  for (let off = 0; off < tail.length; off += 64) {
    loadBlock(tail, off, words);
    sha256Compress(state, words, schedule);
  }
}

/** Writes the outer hash of a 32-byte inner digest (held in `state`) back into `state`. */
function outerOf(key: HmacSha256Key, state: Uint32Array): void {
  for (let i = 0; i < 8; i++) words[i] = state[i];
  words[8] = 0x80000000;
  for (let i = 9; i < 15; i++) words[i] = 0;
  words[15] = (64 + 32) * 8;
  state.set(key.outer);
  sha256Compress(state, words, schedule);
}

export function hmacSha256(key: Uint8Array, msg: Uint8Array): Buffer {
  const k = new HmacSha256Key(key);
  const state = Uint32Array.from(k.inner);
  finishFrom(state, 64, msg);
  outerOf(k, state);
  return stateToBytes(state);
}

/** PBKDF2 under a prepared key; the scrypt twin reuses one key for both of its calls. */
export function pbkdf2WithKey(key: HmacSha256Key, salt: Uint8Array, iterations: number, dkLen: number): Buffer {
  const out = Buffer.allocUnsafe(dkLen);
  // The salt's whole blocks are absorbed once; each output block adds only its tail + counter.
  const saltWhole = salt.length - (salt.length % 64);
  const salted = Uint32Array.from(key.inner);
  for (let off = 0; off < saltWhole; off += 64) {
    loadBlock(salt, off, words);
    sha256Compress(salted, words, schedule);
  }
  const rest = new Uint8Array(salt.length - saltWhole + 4);
  rest.set(salt.subarray(saltWhole));
  const u = new Uint32Array(8);
  const t = new Uint32Array(8);
  const blocks = Math.ceil(dkLen / 32);
  for (let block = 1; block <= blocks; block++) {
    const c = rest.length - 4;
    rest[c] = block >>> 24;
    rest[c + 1] = (block >>> 16) & 0xff;
    rest[c + 2] = (block >>> 8) & 0xff;
    rest[c + 3] = block & 0xff;
    u.set(salted);
    finishFrom(u, 64 + saltWhole, rest);
    outerOf(key, u);
    t.set(u);
    for (let i = 1; i < iterations; i++) {
      for (let k = 0; k < 8; k++) words[k] = u[k];
      words[8] = 0x80000000;
      for (let k = 9; k < 15; k++) words[k] = 0;
      words[15] = (64 + 32) * 8;
      u.set(key.inner);
      sha256Compress(u, words, schedule);
      outerOf(key, u);
      for (let k = 0; k < 8; k++) t[k] ^= u[k];
    }
    const start = (block - 1) * 32;
    const take = Math.min(32, dkLen - start);
    for (let k = 0; k < take; k++) out[start + k] = (t[k >>> 2] >>> (24 - 8 * (k & 3))) & 0xff;
  }
  return out;
}

export function pbkdf2Sha256(password: Uint8Array, salt: Uint8Array, iterations: number, dkLen: number): Buffer {
  if (!Number.isInteger(iterations) || iterations < 1) throw new RangeError('iterations must be a positive integer');
  if (!Number.isInteger(dkLen) || dkLen < 0 || dkLen > 0xffffffff * 32) throw new RangeError('invalid dkLen');
  return pbkdf2WithKey(new HmacSha256Key(password), salt, iterations, dkLen);
}
