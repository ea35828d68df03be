// PPLNS window arithmetic, shared by both backends: they only differ in how they walk the
// shares newest-first.

import type { PplnsEntry } from './types';

/** Sums difficulty per user over the newest shares until `windowDifficulty` is filled. */
export class PplnsAccumulator {
  private remaining: number;
  private readonly perUser = new Map<string, number>();

  constructor(windowDifficulty: number) {
    this.remaining = windowDifficulty > 0 ? windowDifficulty : 0;
  }

  get full(): boolean {
    return this.remaining <= 0;
  }

  /** Adds the next older share; returns true once the window is full. */
  add(user: string, difficulty: number): boolean {
    if (this.full) return true;
    // The oldest share in the window is clipped so the window sums to exactly its size.
    const credited = Math.min(difficulty, this.remaining);
    this.remaining -= credited;
    this.perUser.set(user, (this.perUser.get(user) ?? 0) + credited);
    return this.full;
  }

  /** Largest first; ties by user so both backends give the same order. */
  result(): PplnsEntry[] {
    return [...this.perUser]
      .map(([user, difficulty]) => ({ user, difficulty }))
      .sort((a, b) => b.difficulty - a.difficulty || (a.user < b.user ? -1 : a.user > b.user ? 1 : 0));
  }
}

/** Pure form over an in-memory list, newest first. */
export function pplnsWindow(sharesNewestFirst: Iterable<{ user: string; difficulty: number }>, windowDifficulty: number): PplnsEntry[] {
  const acc = new PplnsAccumulator(windowDifficulty);
  for (const share of sharesNewestFirst) {
    if (acc.add(share.user, share.difficulty)) break;
  }
  return acc.result();
}

/**
 * Finds how far back the window reaches, walking the same shares newest first. The minimum
 * time rather than the last one seen: commit order is not strictly time order (several
 * pool processes, shares replayed from a disk buffer).
 */
export class PplnsWindowStart {
  private remaining: number;
  private earliest = Infinity;

  constructor(windowDifficulty: number) {
    this.remaining = windowDifficulty > 0 ? windowDifficulty : 0;
  }

  get full(): boolean {
    return this.remaining <= 0;
  }

  /** Adds the next older share; returns true once the window is full. */
  add(time: number, difficulty: number): boolean {
    if (this.full) return true;
    this.remaining -= Math.min(difficulty, this.remaining);
    if (time < this.earliest) this.earliest = time;
    return this.full;
  }

  /** Call after the walk: a window the log could not fill needs every share. */
  result(): number {
    return this.full ? this.earliest : -Infinity;
  }
}
