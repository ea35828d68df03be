// Time buckets for share counts, kept sparse: only buckets that saw a share are stored, and
// buckets older than the span are dropped, so a quiet worker costs almost nothing and a busy
// one at most span/bucket entries. Buckets are aligned to multiples of bucketMs since the epoch.

export interface Bucket {
  /** Bucket start, ms. */
  t: number;
  difficulty: number;
  accepted: number;
  rejected: number;
}

export class SparseBuckets {
  private readonly items: Bucket[] = [];
  /** Index of the oldest live item; compacted lazily to keep pruning O(1) amortized. */
  private head = 0;

  constructor(
    readonly bucketMs: number,
    readonly spanMs: number,
  ) {}

  get size(): number {
    return this.items.length - this.head;
  }

  /** Adds to the bucket holding `time`; `now` decides what is too old to keep. */
  add(time: number, now: number, difficulty: number, accepted: number, rejected: number): void {
    this.prune(now);
    const t = this.startOf(time);
    if (t < this.startOf(now) - this.spanMs) return;
    let i = this.items.length - 1;
    // Shares normally arrive in time order, so the search stops at once.
    while (i >= this.head && this.items[i].t > t) i--;
    let bucket = i >= this.head ? this.items[i] : undefined;
    if (bucket === undefined || bucket.t !== t) {
      bucket = { t, difficulty: 0, accepted: 0, rejected: 0 };
      this.items.splice(i + 1, 0, bucket);
    }
    bucket.difficulty += difficulty;
    bucket.accepted += accepted;
    bucket.rejected += rejected;
  }

  startOf(time: number): number {
    return Math.floor(time / this.bucketMs) * this.bucketMs;
  }

  /** Sum of difficulty over buckets starting at or after `from` and at or before `to`. */
  sumDifficulty(from: number, to: number): number {
    let sum = 0;
    for (let i = this.items.length - 1; i >= this.head; i--) {
      const b = this.items[i];
      if (b.t < from) break;
      if (b.t <= to) sum += b.difficulty;
    }
    return sum;
  }

  /** The bucket starting exactly at `t`, if any. */
  at(t: number): Bucket | undefined {
    for (let i = this.items.length - 1; i >= this.head; i--) {
      const b = this.items[i];
      if (b.t === t) return b;
      if (b.t < t) return undefined;
    }
    return undefined;
  }

  /** `count` consecutive buckets ending with the one starting at `lastStart`, zeros filled. */
  series(lastStart: number, count: number): Bucket[] {
    const first = lastStart - (count - 1) * this.bucketMs;
    const out: Bucket[] = [];
    for (let k = 0; k < count; k++) out.push({ t: first + k * this.bucketMs, difficulty: 0, accepted: 0, rejected: 0 });
    for (let i = this.head; i < this.items.length; i++) {
      const b = this.items[i];
      const k = (b.t - first) / this.bucketMs;
      if (k >= 0 && k < count) out[k] = { ...b };
    }
    return out;
  }

  prune(now: number): void {
    const oldest = this.startOf(now) - this.spanMs;
    while (this.head < this.items.length && this.items[this.head].t < oldest) this.head++;
    if (this.head > 64 && this.head * 2 > this.items.length) {
      this.items.splice(0, this.head);
      this.head = 0;
    }
  }
}
