// A settable clock for PoolStats tests.
export class FakeClock {
  constructor(public ms = 0) {}
  readonly now = (): number => this.ms;
  advance(ms: number): void {
    this.ms += ms;
  }
}
