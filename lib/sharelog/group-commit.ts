// Group commit: callers queue items and get a promise; one writer call commits a whole batch
// and settles every promise in it. Writes never overlap, so batches commit in queue order
// (the Redis backend's replay guard relies on that).

export type BatchWriter<T> = (items: T[]) => Promise<BatchOutcome> | BatchOutcome;

/** Per-item errors (same length as the batch), or nothing when every item committed. */
export type BatchOutcome = ReadonlyArray<Error | null> | void;

interface Pending<T> {
  item: T;
  resolve: () => void;
  reject: (error: Error) => void;
}

export class GroupCommit<T> {
  private queue: Pending<T>[] = [];
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private idle: Array<() => void> = [];

  constructor(
    private readonly write: BatchWriter<T>,
    private readonly intervalMs: number,
    private readonly maxBatch: number,
    private readonly toError: (error: unknown) => Error,
  ) {}

  get pending(): number {
    return this.queue.length;
  }

  push(item: T): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      if (this.running) return; // the running drain picks it up
      if (this.queue.length >= this.maxBatch) this.start(0);
      else if (!this.timer) this.start(this.intervalMs);
    });
  }

  /** Resolves once everything queued before the call has been written (or failed). */
  flush(): Promise<void> {
    if (this.queue.length === 0 && !this.running) return Promise.resolve();
    const done = new Promise<void>((resolve) => this.idle.push(resolve));
    if (!this.running) this.start(0);
    return done;
  }

  private start(delayMs: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.running = this.drain().finally(() => {
        this.running = undefined;
        if (this.queue.length > 0) this.start(this.intervalMs);
        else for (const resolve of this.idle.splice(0)) resolve();
      });
    }, delayMs);
  }

  private async drain(): Promise<void> {
    // Items arriving while a batch is being written go into the next batch at once: a slow
    // backend gets bigger batches instead of a growing queue of small ones.
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0, this.maxBatch);
      let outcome: BatchOutcome;
      try {
        outcome = await this.write(batch.map((p) => p.item));
      } catch (error) {
        const err = this.toError(error);
        for (const p of batch) p.reject(err);
        continue;
      }
      batch.forEach((p, i) => {
        const error = outcome ? outcome[i] : null;
        if (error) p.reject(error);
        else p.resolve();
      });
    }
  }
}
