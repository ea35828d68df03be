// Block locators for getheaders/getblocks: dense near the tip, exponentially sparse further
// back, always ending at genesis, so a peer finds the fork point in one round trip whatever
// the depth of a reorg.

/**
 * Heights a locator names for a chain whose tip is at `tipHeight`: the tip, then back
 * 1, 2, 4, 8, ... blocks, then 0. At most about log2(tipHeight) + 2 entries.
 */
export function locatorHeights(tipHeight: number): number[] {
  if (!Number.isInteger(tipHeight) || tipHeight < 0) throw new RangeError(`bad tip height ${tipHeight}`);
  const heights: number[] = [];
  let height = tipHeight;
  let step = 1;
  while (height > 0) {
    heights.push(height);
    height -= step;
    step *= 2;
  }
  heights.push(0);
  return heights;
}

/** The locator itself, from a lookup of the active chain's hash at a height. */
export function buildLocator(tipHeight: number, hashAt: (height: number) => Buffer): Buffer[] {
  return locatorHeights(tipHeight).map(hashAt);
}
