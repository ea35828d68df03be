// @ts-check
// Blocks: the found-blocks table (new ones arrive by SSE and flash) and a details view.

import { api, ApiError } from './api.js';
import { $, byTestId, flash, h } from './dom.js';
import { formatAgo, formatCoins, formatInt, formatTime, shortHash } from './format.js';

/** @typedef {import('./api.js').BlockView} BlockView */

const STATUSES = new Set(['pending', 'confirmed', 'orphaned', 'rejected']);

/**
 * @param {string} status
 * @returns {HTMLElement}
 */
function badge(status) {
  const known = STATUSES.has(status) ? status : 'unknown';
  return h('span', { className: `badge badge-${known}`, text: status, attrs: { 'data-testid': 'block-status' } });
}

/**
 * @param {unknown} v
 * @returns {v is BlockView}
 */
function isBlockView(v) {
  if (typeof v !== 'object' || v === null) return false;
  const o = /** @type {Record<string, unknown>} */ (v);
  return typeof o.hash === 'string' && typeof o.height === 'number';
}

export class BlocksView {
  /** @param {(err: unknown) => void} onError */
  constructor(onError) {
    this.onError = onError;
    /** @type {BlockView[]} */
    this.blocks = [];
    this.table = byTestId('blocks-table');
    /** @type {Set<string>} */
    this.fresh = new Set();
  }

  async load() {
    try {
      this.blocks = await api.blocks(100);
      this.render();
    } catch (err) {
      this.onError(err);
    }
  }

  /**
   * A 'block' event: show it at once (the event may carry only part of a BlockView), then
   * take the server's list as the truth.
   * @param {unknown} data
   */
  onBlockEvent(data) {
    if (isBlockView(data)) {
      const known = this.blocks.findIndex((b) => b.hash === data.hash);
      /** @type {BlockView} */
      const defaults = { status: 'pending', reward: '', worker: '', confirmations: 0, time: Date.now(), height: data.height, hash: data.hash };
      const row = { ...(known >= 0 ? this.blocks[known] : defaults), ...data };
      if (known >= 0) this.blocks.splice(known, 1);
      this.blocks.unshift(row);
      this.fresh.add(data.hash);
      this.render();
    }
    void this.load();
  }

  render() {
    const rows = [...this.blocks].sort((a, b) => b.height - a.height || (b.time ?? 0) - (a.time ?? 0));
    const now = Date.now();
    $('tbody', this.table).replaceChildren(
      ...rows.map((b) => {
        const tr = h('tr', { attrs: { 'data-testid': 'block-row', 'data-hash': b.hash, 'data-status': b.status } }, [
          h('td', { className: 'num', text: formatInt(b.height) }),
          h('td', { className: 'mono' }, [h('a', { text: shortHash(b.hash), attrs: { href: `#/blocks/${b.hash}`, title: b.hash } })]),
          h('td', {}, [badge(b.status)]),
          h('td', { className: 'num', text: formatCoins(b.reward) }),
          h('td', { className: 'name', text: b.worker || '–' }),
          h('td', { className: 'num', text: formatAgo(b.time, now), attrs: { title: formatTime(b.time) } }),
        ]);
        if (this.fresh.has(b.hash)) flash(tr);
        return tr;
      }),
    );
    this.fresh.clear();
    byTestId('blocks-empty').hidden = rows.length > 0;
    const confirmed = rows.filter((b) => b.status === 'confirmed').length;
    byTestId('blocks-summary').textContent = rows.length > 0 ? `${rows.length} found · ${confirmed} confirmed` : '';
  }

  /** @param {string} hash */
  async loadBlock(hash) {
    const dl = byTestId('block-details');
    byTestId('block-height').textContent = '';
    dl.replaceChildren(h('dd', { className: 'muted', text: 'loading…' }));
    try {
      const b = await api.block(hash);
      byTestId('block-height').textContent = `#${formatInt(b.height)}`;
      /** @type {[string, Node | string][]} */
      const fields = [
        ['Height', formatInt(b.height)],
        ['Hash', h('code', { className: 'wrap', text: b.hash })],
        ['Status', badge(b.status)],
        ['Confirmations', formatInt(b.confirmations)],
        ['Reward', `${formatCoins(b.reward)} (${b.reward} sat)`],
        ['Found by', b.worker || '–'],
        ['Found at', `${formatTime(b.time)} (${formatAgo(b.time)})`],
        ['Raw', h('a', { text: `/api/blocks/${b.hash}`, attrs: { href: `/api/blocks/${encodeURIComponent(b.hash)}` } })],
      ];
      dl.replaceChildren(...fields.flatMap(([k, v]) => [h('dt', { text: k }), h('dd', {}, [v])]));
    } catch (err) {
      if (err instanceof ApiError && err.status === 404) {
        dl.replaceChildren(h('dd', { className: 'muted', text: `No block ${hash} is known to this pool.` }));
      } else {
        this.onError(err);
      }
    }
  }
}
