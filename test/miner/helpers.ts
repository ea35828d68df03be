// Shared setup for the miner tests: difficulties that give a few shares per second on a
// loaded two-core machine, and a waiter.
import type { IndependentAlgorithm } from '../util/independent-stratum-server';

export const TEST_DIFFICULTY: Readonly<Record<IndependentAlgorithm, number>> = {
  sha256d: 2 ** -13,
  scrypt: 2 ** -8,
  x11: 2 ** -20,
  md5: 2 ** -18,
};

export async function until(check: () => boolean, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
