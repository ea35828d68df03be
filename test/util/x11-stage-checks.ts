// Checks shared by the TypeScript X11 stage tests (test/hash/x11-<stage>.test.ts import
// them as `stage`): the x11.json vectors, the cross-check against an independent
// implementation on pseudo-random inputs, and the input-view / fresh-buffer / repeat
// properties.
import assert from 'node:assert/strict';
import { fromHex, hex, loadVectors, randomBytes } from './vectors';

/** A TypeScript X11 stage: 64-byte digest of any input. */
export type StageFn = (data: Uint8Array) => Uint8Array;

/** An independent implementation's digest of the same input. */
export type Oracle = (data: Uint8Array) => ArrayLike<number>;

/** @dashevo/x11-hash-js stage functions: (input, 1 = byte array, 1 = byte array output). */
export type DashevoStage = (input: number[] | Uint8Array, inputFormat: number, outputFormat: number) => number[];

/** A @dashevo/x11-hash-js stage as an Oracle (it takes and returns plain byte arrays). */
export function dashevoOracle(stage: DashevoStage): Oracle {
  return (data) => stage(Array.from(data), 1, 1);
}

/** The lengths most stages are cross-checked on: 0..300, 1000..1100 in steps of 3, then `extra`. */
export function oracleLengths(extra: readonly number[]): number[] {
  const lengths: number[] = [];
  for (let len = 0; len <= 300; len++) lengths.push(len);
  for (let len = 1000; len <= 1100; len += 3) lengths.push(len);
  lengths.push(...extra);
  return lengths;
}

/** The longer lengths that follow 0..300 and 1000..1100 for most stages. */
export const LONG_LENGTHS: readonly number[] = [2047, 2048, 2049, 4095, 4096, 5001];

/** The x11.json vectors of one stage ("<stage>_empty" and the "..._<stage>" genesis stage vector): two of them. */
export function checkVectors(fn: StageFn, stage: string): void {
  const vectors = loadVectors('x11.json').filter((v) => v.name === `${stage}_empty` || v.name.endsWith(`_${stage}`));
  assert.equal(vectors.length, 2);
  for (const v of vectors) assert.equal(hex(fn(fromHex(v.input_hex))), v.expected_hex, v.name);
}

/** fn against the oracle on randomBytes(len, seedBase + len) for every length. */
export function checkAgainstOracle(fn: StageFn, oracle: Oracle, lengths: readonly number[], seedBase: number): void {
  for (const len of lengths) {
    const data = randomBytes(len, seedBase + len);
    assert.equal(hex(fn(data)), hex(Uint8Array.from(oracle(data))), `length ${len}`);
  }
}

/** Where checkViewAtOffset takes its view: `length` bytes at `offset` into randomBytes(backingLength, seed). */
export interface ViewAt {
  backingLength: number;
  seed: number;
  offset: number;
  length: number;
}

/**
 * fn accepts a Uint8Array view at an offset (same digest as a copy of the bytes) and
 * leaves the input untouched. Returns the view's digest and the copy for further checks.
 */
export function checkViewAtOffset(fn: StageFn, at: ViewAt): { digest: Uint8Array; copy: Buffer } {
  const backing = randomBytes(at.backingLength, at.seed);
  const view = new Uint8Array(backing.buffer, backing.byteOffset + at.offset, at.length);
  const copy = Buffer.from(view);
  const digest = fn(view);
  assert.equal(digest.length, 64);
  assert.equal(hex(digest), hex(fn(copy)));
  assert.equal(hex(view), hex(copy));
  return { digest, copy };
}

/** Each call returns a fresh buffer: an earlier digest of copy is not overwritten by later calls. */
export function checkFreshBuffers(fn: StageFn, digest: Uint8Array, copy: Uint8Array): void {
  const again = fn(new Uint8Array(0));
  assert.notEqual(again, fn(new Uint8Array(0)));
  assert.equal(hex(digest), hex(fn(copy)));
}

/** Module scratch buffers are reused between calls: a short input after a long one. */
export function checkRepeatsAfterLongInput(fn: StageFn): void {
  const short = randomBytes(3, 1);
  const first = hex(fn(short));
  fn(randomBytes(1000, 2));
  assert.equal(hex(fn(short)), first);
}
