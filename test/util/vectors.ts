// Loads the JSON vector files in test/vectors (see the README there for byte orders).
import fs from 'node:fs';
import path from 'node:path';

export interface Vector {
  name: string;
  input_hex: string;
  expected_hex: string;
  byte_order_note: string;
  params?: Record<string, string | number>;
}

export const VECTORS_DIR = path.resolve(__dirname, '..', '..', '..', 'test', 'vectors');

export function loadVectors(file: string): Vector[] {
  return JSON.parse(fs.readFileSync(path.join(VECTORS_DIR, file), 'utf8')) as Vector[];
}

export function vectorsWithPrefix(file: string, prefix: string): Vector[] {
  return loadVectors(file).filter((v) => v.name.startsWith(prefix));
}

export function hex(data: Uint8Array): string {
  return Buffer.from(data).toString('hex');
}

export function fromHex(text: string): Buffer {
  return Buffer.from(text, 'hex');
}

/** Deterministic pseudo-random bytes (xorshift32), so failures reproduce. */
export function randomBytes(length: number, seed: number): Buffer {
  let x = (seed * 2654435761 + 1) >>> 0 || 1;
  const out = Buffer.alloc(length);
  for (let i = 0; i < length; i++) {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    out[i] = x & 0xff;
  }
  return out;
}
