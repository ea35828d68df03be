// @ts-check
// The monitor's JSON API as the page sees it: shapes (JSDoc) and one fetch helper.
// The page uses nothing but these endpoints, so anything it shows can be scripted too.

/**
 * @typedef {{ accepted: number, rejected: number, rejectedByReason: Record<string, number> }} ShareCounts
 * @typedef {{ height: number, hash: string, time: number, worker: string, reward: string,
 *   status: string, confirmations: number, explorerPath?: string }} BlockView
 * @typedef {{ name: string, healthy: boolean, lastError?: string }} DaemonHealth
 * @typedef {{ height: number, difficulty: number, hashrate?: number, networkHashrate?: number }} ChainView
 * @typedef {{ height: number, ageSeconds: number }} TemplateView
 * @typedef {{ backend: string, connected: boolean, buffered: number }} ShareLogView
 * @typedef {{ name: string, networkName: string, algorithm: string, payoutMode: string, version: string,
 *   uptimeSeconds: number, hashrate: number, hashrateWindowSeconds: number, workers: number,
 *   connections: number, shares: ShareCounts, chain: ChainView | null, template: TemplateView | null,
 *   lastBlock: BlockView | null, daemons: DaemonHealth[], shareLog: ShareLogView | null }} PoolView
 *   The page's view of /api/pool, after normalizePool.
 * @typedef {{ t: number, hashrate: number, accepted: number, rejected: number }} HistoryPoint
 * @typedef {{ name: string, hashrate: number, accepted: number, rejected: number, rejectRate: number,
 *   lastShareAt: number | null, difficulty?: number }} WorkerStats
 * @typedef {{ id: number, ip: string, port: number, workers: string[], difficulty: number,
 *   userAgent?: string, connectedAt: number }} SessionView
 * @typedef {WorkerStats & { history: { hour: HistoryPoint[], day: HistoryPoint[] }, sessions: SessionView[] }} WorkerDetail
 * @typedef {'hour' | 'day'} Range
 */

export class ApiError extends Error {
  /**
   * @param {number} status
   * @param {string} code
   * @param {string} message
   */
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

/**
 * @template T
 * @param {string} path
 * @returns {Promise<T>}
 */
export async function getJson(path) {
  const res = await fetch(path, { headers: { Accept: 'application/json' }, cache: 'no-store' });
  if (!res.ok) {
    let code = `HTTP_${res.status}`;
    let message = res.statusText;
    try {
      const body = /** @type {{ error?: { code?: string, message?: string } }} */ (await res.json());
      if (body.error?.code) code = body.error.code;
      if (body.error?.message) message = body.error.message;
    } catch {
      // not JSON: keep the status line
    }
    throw new ApiError(res.status, code, message);
  }
  return /** @type {Promise<T>} */ (res.json());
}

/**
 * @param {unknown} v
 * @returns {Record<string, unknown> | null}
 */
function obj(v) {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? /** @type {Record<string, unknown>} */ (v) : null;
}

/**
 * @param {unknown} v
 * @param {number} [fallback]
 */
function num(v, fallback = 0) {
  return typeof v === 'number' && Number.isFinite(v) ? v : fallback;
}

/**
 * /api/pool carries the network name and the chain state (height, difficulty; null until the
 * daemon answered) in one `network` object; older shapes with a string `network` and a
 * separate chain object are read too. The hashrate window is the effective one (shorter
 * while the pool is young), since that is the divisor actually used.
 * @param {unknown} raw
 * @returns {PoolView}
 */
export function normalizePool(raw) {
  const p = obj(raw) ?? {};
  const chainRaw = obj(p.network) ?? obj(p.chain) ?? obj(p.blockchain);
  const networkName = [p.network, chainRaw?.name, p.networkName].find((v) => typeof v === 'string');
  const shares = obj(p.shares) ?? {};
  const template = obj(p.template);
  const shareLog = obj(p.shareLog);
  const lastBlock = obj(p.lastBlock);
  const str = (/** @type {unknown} */ v, /** @type {string} */ d) => (typeof v === 'string' ? v : d);
  return {
    name: str(p.name, 'hashpool'),
    networkName: str(networkName, ''),
    algorithm: str(p.algorithm, ''),
    payoutMode: str(p.payoutMode, ''),
    version: str(p.version, ''),
    uptimeSeconds: num(p.uptimeSeconds),
    hashrate: num(p.hashrate),
    hashrateWindowSeconds: num(p.hashrateEffectiveWindowSeconds, num(p.hashrateWindowSeconds, 600)),
    workers: num(p.workers),
    connections: num(p.connections),
    shares: {
      accepted: num(shares.accepted),
      rejected: num(shares.rejected),
      rejectedByReason: /** @type {Record<string, number>} */ (obj(shares.rejectedByReason) ?? {}),
    },
    chain:
      chainRaw === null || typeof chainRaw.height !== 'number'
        ? null
        : {
            height: num(chainRaw.height),
            difficulty: num(chainRaw.difficulty),
            hashrate: typeof chainRaw.hashrate === 'number' ? chainRaw.hashrate : typeof chainRaw.networkHashrate === 'number' ? chainRaw.networkHashrate : undefined,
          },
    template: template === null ? null : { height: num(template.height), ageSeconds: num(template.ageSeconds, NaN) },
    lastBlock: lastBlock !== null && typeof lastBlock.hash === 'string' ? /** @type {BlockView} */ (/** @type {unknown} */ (lastBlock)) : null,
    daemons: Array.isArray(p.daemons) ? /** @type {DaemonHealth[]} */ (p.daemons) : [],
    shareLog:
      shareLog === null
        ? null
        : { backend: str(shareLog.backend, '?'), connected: shareLog.connected === true, buffered: num(shareLog.buffered) },
  };
}

export const api = {
  /** @returns {Promise<PoolView>} */
  pool: async () => normalizePool(await getJson('/api/pool')),
  /** @returns {Promise<WorkerStats[]>} */
  workers: () => getJson('/api/workers'),
  /** @param {string} name @returns {Promise<WorkerDetail>} */
  worker: (name) => getJson(`/api/workers/${encodeURIComponent(name)}`),
  /** @param {number} [limit] @returns {Promise<BlockView[]>} */
  blocks: (limit = 50) => getJson(`/api/blocks?limit=${limit}`),
  /** @param {string} hash @returns {Promise<BlockView>} */
  block: (hash) => getJson(`/api/blocks/${encodeURIComponent(hash)}`),
  /** @param {Range} range @returns {Promise<HistoryPoint[]>} */
  history: (range) => getJson(`/api/history?range=${range}`),
};
