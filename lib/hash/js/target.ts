// Proof-of-work comparison on raw digests: the hash, read as a little-endian 256-bit
// integer, must not exceed the target (given in the same little-endian byte order).

/** True when hash <= target; both are 32 bytes, least significant byte first. */
export function meetsTarget(hash: Uint8Array, targetLE: Uint8Array): boolean {
  for (let i = 31; i >= 0; i--) {
    if (hash[i] !== targetLE[i]) return hash[i] < targetLE[i];
  }
  return true;
}
