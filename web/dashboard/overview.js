// @ts-check
// Overview: the pool's cards (fed by every 'stats' event) and the pool hashrate chart.

import { api } from './api.js';
import { HashrateChart } from './chart.js';
import { $, byTestId, h, setCard } from './dom.js';
import {
  difficultyFactor,
  formatAgo,
  formatCompact,
  formatDuration,
  formatHashrate,
  formatInt,
  formatPercent,
} from './format.js';

/** @typedef {import('./api.js').PoolView} PoolView */
/** @typedef {import('./api.js').Range} Range */

/**
 * @param {string} testid
 * @param {'ok' | 'warn' | 'bad'} state
 */
function health(testid, state) {
  byTestId(testid).dataset.state = state;
}

/**
 * Wires a pair of hour/day buttons to a callback.
 * @param {HTMLElement} group
 * @param {(range: Range) => void} onChange
 */
export function wireRangeToggle(group, onChange) {
  for (const btn of group.querySelectorAll('button[data-range]')) {
    btn.addEventListener('click', () => {
      const range = /** @type {Range} */ (btn.getAttribute('data-range'));
      for (const b of group.querySelectorAll('button[data-range]')) b.setAttribute('aria-pressed', String(b === btn));
      onChange(range);
    });
  }
}

export class OverviewView {
  /** @param {(err: unknown) => void} onError */
  constructor(onError) {
    this.onError = onError;
    /** @type {Range} */
    this.range = 'hour';
    this.chart = new HashrateChart(byTestId('hashrate-chart'));
    /** @type {PoolView | null} */
    this.pool = null;
    wireRangeToggle($('#view-overview .toggle'), (range) => {
      this.range = range;
      void this.loadHistory();
    });
  }

  async loadHistory() {
    try {
      this.chart.setPoints(await api.history(this.range));
    } catch (err) {
      this.onError(err);
    }
  }

  /** Repaints time-relative text ("12 s ago") between stats events. */
  tick() {
    if (this.pool !== null) this.renderLastBlock(this.pool);
  }

  /** @param {PoolView} p */
  renderLastBlock(p) {
    const b = p.lastBlock;
    if (b === null) {
      setCard('last-block', 'none yet', 'no block found by this pool');
      return;
    }
    setCard('last-block', '', `${formatAgo(b.time)} · ${b.status} · ${b.worker}`);
    const link = h('a', { text: `#${formatInt(b.height)}`, attrs: { href: `#/blocks/${b.hash}`, title: b.hash } });
    $('.card-value', byTestId('last-block')).replaceChildren(link);
  }

  /** @param {PoolView} p */
  render(p) {
    this.pool = p;
    const windowMin = Math.round(p.hashrateWindowSeconds / 6) / 10;
    const factor = difficultyFactor(p.algorithm);
    setCard(
      'pool-hashrate',
      formatHashrate(p.hashrate),
      `hashrate = Σ share difficulty × 2^32 / ${factor} / window, over the last ${windowMin} minute${windowMin === 1 ? '' : 's'}` +
        (p.algorithm ? ` (${p.algorithm})` : ''),
    );
    byTestId('pool-hashrate').dataset.value = String(p.hashrate);
    this.chart.setLive(p.hashrate);
    setCard('workers-count', formatInt(p.workers), 'distinct workers online');
    setCard('connections-count', formatInt(p.connections), `pool up ${formatDuration(p.uptimeSeconds)}`);

    const { accepted, rejected, rejectedByReason } = p.shares;
    const total = accepted + rejected;
    setCard('shares-accepted', formatInt(accepted), total > 0 ? `${formatPercent(accepted / total)} of submitted` : 'since start');
    setCard('shares-rejected', formatInt(rejected), total > 0 ? `${formatPercent(rejected / total)} of submitted` : 'since start');
    const reasons = Object.entries(rejectedByReason)
      .filter(([, n]) => n > 0)
      .sort((a, b) => b[1] - a[1]);
    byTestId('reject-reasons').replaceChildren(
      ...reasons.map(([reason, n]) =>
        h('li', { attrs: { 'data-reason': reason } }, [h('span', { text: reason }), h('b', { text: formatInt(n) })]),
      ),
    );
    health('shares-rejected', total > 0 && rejected / total > 0.05 ? 'warn' : 'ok');

    const chain = p.chain;
    const tplHeight = p.template === null ? '–' : formatInt(p.template.height);
    setCard('network-height', chain === null ? '–' : formatInt(chain.height), `pool works on ${tplHeight}`);
    let diffSub = 'waiting for the daemon';
    if (chain !== null) diffSub = chain.hashrate !== undefined ? `network ${formatHashrate(chain.hashrate)}` : chain.difficulty.toPrecision(6);
    setCard('network-difficulty', chain === null ? '–' : formatCompact(chain.difficulty), diffSub);
    this.renderLastBlock(p);

    const up = p.daemons.filter((d) => d.healthy);
    const down = p.daemons.filter((d) => !d.healthy);
    let daemonValue = 'healthy';
    let daemonSub = `${up.length} of ${p.daemons.length} up: ${p.daemons.map((d) => d.name).join(', ')}`;
    if (p.daemons.length === 0) {
      daemonValue = 'none';
      daemonSub = 'no daemon reported';
    } else if (down.length > 0) {
      daemonValue = `${down.length} down`;
      daemonSub = down.map((d) => `${d.name}: ${d.lastError ?? 'unreachable'}`).join('; ');
    }
    setCard('daemon-health', daemonValue, daemonSub);
    health('daemon-health', p.daemons.length === 0 || up.length === 0 ? 'bad' : down.length > 0 ? 'warn' : 'ok');

    const log = p.shareLog;
    if (log === null) {
      setCard('sharelog-health', 'not reported', '\u00a0');
      health('sharelog-health', 'warn');
    } else {
      setCard('sharelog-health', log.connected ? 'connected' : 'disconnected', `${log.backend} · ${formatInt(log.buffered)} buffered`);
      health('sharelog-health', log.connected ? (log.buffered > 0 ? 'warn' : 'ok') : 'bad');
    }

    const age = p.template === null ? NaN : p.template.ageSeconds;
    setCard('template-age', Number.isFinite(age) ? formatDuration(age) : '–', p.template === null ? 'no work yet' : `age of the work for ${tplHeight}`);
    health('template-age', !Number.isFinite(age) || age > 120 ? 'warn' : 'ok');
  }
}
