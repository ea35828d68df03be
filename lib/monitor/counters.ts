// Event counters: cumulative totals, and the last full second / minute. A RollingCounter keeps
// only the current and the previous bucket, which is all "the last full period" needs.

export interface CounterSet {
  accepted: number;
  rejected: number;
  rejectedByReason: Record<string, number>;
  blocks: number;
  /** Connections opened. */
  connections: number;
}

export type CounterEvent =
  | { kind: 'accepted' }
  | { kind: 'rejected'; reason: string }
  | { kind: 'block' }
  | { kind: 'connection' };

export function emptyCounterSet(): CounterSet {
  return { accepted: 0, rejected: 0, rejectedByReason: {}, blocks: 0, connections: 0 };
}

export function cloneCounterSet(c: CounterSet): CounterSet {
  return { ...c, rejectedByReason: { ...c.rejectedByReason } };
}

export function applyEvent(c: CounterSet, e: CounterEvent): void {
  switch (e.kind) {
    case 'accepted':
      c.accepted++;
      break;
    case 'rejected':
      c.rejected++;
      c.rejectedByReason[e.reason] = (c.rejectedByReason[e.reason] ?? 0) + 1;
      break;
    case 'block':
      c.blocks++;
      break;
    case 'connection':
      c.connections++;
      break;
  }
}

export class RollingCounter {
  private currentStart = Number.NEGATIVE_INFINITY;
  private current: CounterSet = emptyCounterSet();
  private previous: CounterSet = emptyCounterSet();

  constructor(private readonly periodMs: number) {}

  /** Events stamped in the past count in the period they arrive in: these are rates of arrival. */
  record(now: number, e: CounterEvent): void {
    this.roll(now);
    applyEvent(this.current, e);
  }

  /** The last complete period before the one `now` is in. */
  lastFull(now: number): CounterSet {
    this.roll(now);
    return cloneCounterSet(this.previous);
  }

  private roll(now: number): void {
    const start = Math.floor(now / this.periodMs) * this.periodMs;
    if (start <= this.currentStart) return;
    this.previous = start - this.currentStart === this.periodMs ? this.current : emptyCounterSet();
    this.current = emptyCounterSet();
    this.currentStart = start;
  }
}
