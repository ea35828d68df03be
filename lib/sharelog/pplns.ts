// PPLNS window arithmetic, shared by both backends: they only differ in how they walk the
// shares newest-first.

import type { PplnsEntry } from './types';

/** One share as the window walk reads it. */
export interface WindowShare {
  user: string;
  difficulty: number;
  /** ms; only the window start needs it. */
  time?: number;
}

/**
 * Walks the newest shares until `windowDifficulty` is filled: the difficulty per user, and
 * how far back the window reaches (the minimum time rather than the last one seen: commit
 * order is not strictly time order with several pool processes or shares replayed from a
 * disk buffer).
 */
export class PplnsAccumulator {
  private remaining: number;
  private readonly perUser = new Map<string, number>();
  private earliest = Infinity;

  constructor(windowDifficulty: number) {
    this.remaining = windowDifficulty > 0 ? windowDifficulty : 0;
  }

  get full(): boolean {
    return this.remaining <= 0;
  }

  /** Adds the next older share; returns true once the window is full. */
  add(share: WindowShare): boolean {
    if (this.full) return true;
    // The oldest share in the window is clipped so the window sums to exactly its size.
    const credited = Math.min(share.difficulty, this.remaining);
    this.remaining -= credited;
    this.perUser.set(share.user, (this.perUser.get(share.user) ?? 0) + credited);
    if (share.time !== undefined && share.time < this.earliest) this.earliest = share.time;
    return this.full;
  }

  /** Largest first; ties by user so both backends give the same order. */
  result(): PplnsEntry[] {
    return [...this.perUser]
      .map(([user, difficulty]) => ({ user, difficulty }))
      .sort((a, b) => b.difficulty - a.difficulty || (a.user < b.user ? -1 : a.user > b.user ? 1 : 0));
  }

  /** The earliest share time in the window; -Infinity when the log could not fill it (every share is needed). */
  windowStart(): number {
    return this.full ? this.earliest : -Infinity;
  }
}

/** Pure form over an in-memory list, newest first. */
export function pplnsWindow(sharesNewestFirst: Iterable<{ user: string; difficulty: number }>, windowDifficulty: number): PplnsEntry[] {
  const acc = new PplnsAccumulator(windowDifficulty);
  for (const share of sharesNewestFirst) {
    if (acc.add(share)) break;
  }
  return acc.result();
}
