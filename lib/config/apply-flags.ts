// Lays command-line flags over the parsed (not yet validated) file, so values from both
// sources go through the same schema and their problems are reported the same way.
import { isMapping } from './schema';
import type { PoolFlags } from './pool-flags';

/** Default start difficulty for ports given by --stratum-port without --difficulty. */
export const FLAG_PORT_DIFFICULTY = 1;

/** Returns a new raw document; `raw` is left untouched. A non-mapping in the way is kept so the schema reports it. */
export function applyFlags(raw: unknown, flags: PoolFlags): unknown {
  if (!isMapping(raw)) return raw;
  const doc: Record<string, unknown> = structuredClone(raw);
  if (flags.network !== undefined) doc.network = flags.network;
  if (flags.instanceId !== undefined) doc.instanceId = flags.instanceId;
  if (flags.daemon !== undefined) {
    // The first daemon gets the highest priority: the order on the command line is the preference.
    const last = flags.daemon.length - 1;
    doc.daemons = flags.daemon.map((url, i) => ({ url, priority: last - i }));
  }
  if (flags.payoutMode !== undefined) setIn(doc, ['payout', 'mode'], flags.payoutMode);
  if (flags.address !== undefined) setIn(doc, ['payout', 'address'], flags.address);
  if (flags.shareLog !== undefined) setIn(doc, ['shareLog', 'dir'], flags.shareLog);
  if (flags.redis !== undefined) {
    setIn(doc, ['shareLog', 'backend'], 'redis');
    setIn(doc, ['shareLog', 'redis', 'url'], flags.redis);
  }
  if (flags.monitorPort !== undefined) {
    setIn(doc, ['monitor', 'port'], flags.monitorPort);
    setIn(doc, ['monitor', 'enabled'], true);
  }
  applyPorts(doc, flags);
  return doc;
}

function applyPorts(doc: Record<string, unknown>, flags: PoolFlags): void {
  if (flags.stratumPort !== undefined) {
    const difficulty = flags.difficulty ?? FLAG_PORT_DIFFICULTY;
    setIn(doc, ['stratum', 'ports'], flags.stratumPort.map((port) => ({ port, difficulty })));
    return;
  }
  if (flags.difficulty === undefined) return;
  const stratum = doc.stratum;
  if (!isMapping(stratum) || !Array.isArray(stratum.ports)) return;
  for (const port of stratum.ports) {
    if (isMapping(port)) port.difficulty = flags.difficulty;
  }
}

function setIn(doc: Record<string, unknown>, keys: readonly string[], value: unknown): void {
  let node = doc;
  for (const key of keys.slice(0, -1)) {
    let next = node[key];
    if (next === undefined || next === null) {
      next = {};
      node[key] = next;
    }
    if (!isMapping(next)) return;
    node = next;
  }
  node[keys[keys.length - 1]] = value;
}
