// Bitcoin merkle trees in TypeScript, the twin of native/core/merkle.cpp. Hashes are
// 32 bytes in internal byte order; an odd last node is paired with itself.
import { sha256d } from './sha256';

function hashPair(left: Uint8Array, right: Uint8Array): Buffer {
  return sha256d(Buffer.concat([left, right]));
}

export function merkleRoot(leaves: readonly Uint8Array[]): Buffer {
  if (leaves.length === 0) return Buffer.alloc(32);
  let level: Uint8Array[] = [...leaves];
  while (level.length > 1) {
    const parents: Uint8Array[] = [];
    for (let i = 0; i < level.length; i += 2) parents.push(hashPair(level[i], level[i + 1] ?? level[i]));
    level = parents;
  }
  return Buffer.from(level[0]);
}

/** Siblings on the path of leaf 0 (the coinbase), leaf level first. */
export function merkleCoinbaseBranch(otherTxids: readonly Uint8Array[]): Buffer[] {
  const branch: Buffer[] = [];
  // Index 0 stands for the coinbase path, which the branch never needs.
  let level: (Uint8Array | null)[] = [null, ...otherTxids];
  while (level.length > 1) {
    branch.push(Buffer.from(level[1] as Uint8Array));
    const parents: (Uint8Array | null)[] = [null];
    for (let i = 2; i < level.length; i += 2) {
      const left = level[i] as Uint8Array;
      parents.push(hashPair(left, level[i + 1] ?? left));
    }
    level = parents;
  }
  return branch;
}

export function merkleFoldBranch(leaf: Uint8Array, branch: readonly Uint8Array[], index: number): Buffer {
  let h: Uint8Array = leaf;
  let position = index;
  for (const sibling of branch) {
    h = position & 1 ? hashPair(sibling, h) : hashPair(h, sibling);
    position >>>= 1;
  }
  return Buffer.from(h);
}
