// BIP22 submitblock results as typed outcomes. The daemon answers JSON null for an
// accepted block and a reason string otherwise; a few failures come as RPC errors.

export type SubmitOutcomeKind =
  /** null: the block is valid and was accepted. */
  | 'accepted'
  /** "duplicate": the daemon already has this block (valid). */
  | 'duplicate'
  /** "inconclusive": valid so far but not on the best chain (a stale or side branch). */
  | 'inconclusive'
  /** Any other reason string, or an RPC error that judges the block (e.g. -22 decode failed). */
  | 'rejected'
  /** The daemon could not be asked (transport failure after retries). */
  | 'unreachable';

export interface SubmitOutcome {
  kind: SubmitOutcomeKind;
  /** The daemon's reason string ('high-hash', 'bad-txnmrklroot', ...) or error text. */
  reason?: string;
}

/** Classifies a submitblock result (the JSON value the daemon returned). */
export function outcomeFromResult(result: unknown): SubmitOutcome {
  if (result === null || result === undefined) return { kind: 'accepted' };
  if (typeof result !== 'string') return { kind: 'rejected', reason: `unexpected result ${JSON.stringify(result)}` };
  if (result === 'duplicate') return { kind: 'duplicate', reason: result };
  if (result === 'inconclusive' || result === 'duplicate-inconclusive') return { kind: 'inconclusive', reason: result };
  return { kind: 'rejected', reason: result };
}

/** Classifies an RPC error that the daemon returned for submitblock (it did see the block). */
export function outcomeFromRpcError(code: number, message: string): SubmitOutcome {
  return { kind: 'rejected', reason: `rpc error ${code}: ${message}` };
}

/** The best outcome over several daemons: one acceptance is enough for the network. */
export function combineOutcomes(outcomes: readonly SubmitOutcome[]): SubmitOutcome {
  const rank: Record<SubmitOutcomeKind, number> = { accepted: 4, duplicate: 3, inconclusive: 2, rejected: 1, unreachable: 0 };
  let best: SubmitOutcome = { kind: 'unreachable', reason: 'no daemon answered' };
  for (const outcome of outcomes) if (rank[outcome.kind] > rank[best.kind]) best = outcome;
  return best;
}
