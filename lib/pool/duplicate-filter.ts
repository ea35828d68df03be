// Duplicate shares, keyed on the 80 header bytes: hex case variants of one submission build
// the same header and collide, while a different version_bits builds a different header and
// does not. Keys live per job so a whole job's set goes when the job is forgotten.

export class DuplicateFilter {
  private readonly seen = new Map<string, Set<string>>();

  /** True the first time a header (80 bytes, version bits included) is seen for a job. */
  firstSeen(jobId: string, header: Buffer): boolean {
    // latin1 maps each byte to one char: a compact exact key without a hex round trip.
    const key = header.toString('latin1');
    let set = this.seen.get(jobId);
    if (set === undefined) {
      set = new Set();
      this.seen.set(jobId, set);
    } else if (set.has(key)) {
      return false;
    }
    set.add(key);
    return true;
  }

  forgetJob(jobId: string): void {
    this.seen.delete(jobId);
  }

  /** How many jobs hold keys (for tests and metrics). */
  get jobCount(): number {
    return this.seen.size;
  }
}
