// Output helper shared by the X11 stages whose state is little-endian 32-bit words.

/** 16 words from `first`, as little-endian bytes, into a fresh 64-byte Buffer (plain stores beat writeInt32LE). */
export function wordsToDigest(words: Int32Array, first: number): Buffer {
  const out = Buffer.allocUnsafe(64);
  for (let i = 0; i < 16; i++) {
    const w = words[first + i];
    out[4 * i] = w;
    out[4 * i + 1] = w >>> 8;
    out[4 * i + 2] = w >>> 16;
    out[4 * i + 3] = w >>> 24;
  }
  return out;
}
