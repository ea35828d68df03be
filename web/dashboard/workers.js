// @ts-check
// Workers: a sortable table and one page per worker with its own hashrate chart.

import { api } from './api.js';
import { HashrateChart } from './chart.js';
import { $, byTestId, h, setCard } from './dom.js';
import { formatAgo, formatCompact, formatHashrate, formatInt, formatPercent, toMs } from './format.js';
import { wireRangeToggle } from './overview.js';

/** @typedef {import('./api.js').WorkerStats} WorkerStats */
/** @typedef {import('./api.js').WorkerDetail} WorkerDetail */
/** @typedef {import('./api.js').Range} Range */
/** @typedef {'name' | 'hashrate' | 'accepted' | 'rejected' | 'rejectRate' | 'lastShareAt'} SortKey */

/**
 * @param {WorkerStats} w
 * @param {SortKey} key
 * @returns {string | number}
 */
function sortValue(w, key) {
  if (key === 'name') return w.name.toLowerCase();
  if (key === 'lastShareAt') return toMs(w.lastShareAt) ?? 0;
  const v = w[key];
  return Number.isFinite(v) ? v : 0;
}

export class WorkersView {
  /** @param {(err: unknown) => void} onError */
  constructor(onError) {
    this.onError = onError;
    /** @type {WorkerStats[]} */
    this.rows = [];
    /** @type {SortKey} */
    this.sortKey = 'hashrate';
    this.sortDir = -1;
    this.table = byTestId('workers-table');
    for (const th of this.table.querySelectorAll('th[data-sort]')) {
      th.addEventListener('click', () => this.sortBy(/** @type {SortKey} */ (th.getAttribute('data-sort'))));
    }
    /** @type {string | null} */
    this.workerName = null;
    /** @type {WorkerDetail | null} */
    this.detail = null;
    /** @type {Range} */
    this.range = 'hour';
    this.chart = new HashrateChart(byTestId('worker-chart'), 220);
    wireRangeToggle($('#view-worker .toggle'), (range) => {
      this.range = range;
      if (this.detail !== null) this.chart.setPoints(this.detail.history[range]);
    });
  }

  /** @param {SortKey} key */
  sortBy(key) {
    // A new column starts with the order people look for first: names A–Z, numbers largest first.
    this.sortDir = key === this.sortKey ? -this.sortDir : key === 'name' ? 1 : -1;
    this.sortKey = key;
    this.renderTable();
  }

  async load() {
    try {
      this.rows = await api.workers();
      this.renderTable();
    } catch (err) {
      this.onError(err);
    }
  }

  renderTable() {
    const key = this.sortKey;
    const dir = this.sortDir;
    const rows = [...this.rows].sort((a, b) => {
      const x = sortValue(a, key);
      const y = sortValue(b, key);
      const c = x < y ? -1 : x > y ? 1 : 0;
      return c !== 0 ? c * dir : a.name.localeCompare(b.name);
    });
    for (const th of this.table.querySelectorAll('th[data-sort]')) {
      const k = th.getAttribute('data-sort');
      th.setAttribute('aria-sort', k === key ? (dir > 0 ? 'ascending' : 'descending') : 'none');
    }
    const now = Date.now();
    $('tbody', this.table).replaceChildren(
      ...rows.map((w) => {
        const link = h('a', { text: w.name, attrs: { href: `#/workers/${encodeURIComponent(w.name)}` } });
        return h('tr', { attrs: { 'data-testid': 'worker-row', 'data-name': w.name } }, [
          h('td', { className: 'name' }, [link]),
          h('td', { className: 'num', text: formatHashrate(w.hashrate) }),
          h('td', { className: 'num', text: formatInt(w.accepted) }),
          h('td', { className: 'num', text: formatInt(w.rejected) }),
          h('td', { className: w.rejectRate > 0.05 ? 'num warn' : 'num', text: formatPercent(w.rejectRate) }),
          h('td', { className: 'num', text: formatAgo(w.lastShareAt, now), attrs: { 'data-ago': String(toMs(w.lastShareAt) ?? '') } }),
        ]);
      }),
    );
    byTestId('workers-empty').hidden = rows.length > 0;
    const total = this.rows.reduce((s, w) => s + (Number.isFinite(w.hashrate) ? w.hashrate : 0), 0);
    byTestId('workers-summary').textContent = rows.length > 0 ? `${rows.length} workers · ${formatHashrate(total)}` : '';
  }

  /** Repaints "12 s ago" cells between updates. */
  tick() {
    const now = Date.now();
    for (const td of this.table.querySelectorAll('td[data-ago]')) {
      const t = Number(td.getAttribute('data-ago'));
      td.textContent = formatAgo(t > 0 ? t : null, now);
    }
    if (this.detail !== null) setCard('worker-last-share', formatAgo(this.detail.lastShareAt, now));
  }

  /** @param {string} name */
  async loadWorker(name) {
    if (name !== this.workerName) {
      this.workerName = name;
      this.detail = null;
      byTestId('worker-name').textContent = name;
    }
    try {
      const d = await api.worker(name);
      if (this.workerName !== name) return;
      this.detail = d;
      this.renderWorker(d);
    } catch (err) {
      this.onError(err);
    }
  }

  /** @param {WorkerDetail} d */
  renderWorker(d) {
    setCard('worker-hashrate', formatHashrate(d.hashrate), d.difficulty !== undefined ? `share difficulty ${formatCompact(d.difficulty)}` : '');
    setCard('worker-accepted', formatInt(d.accepted));
    setCard('worker-rejected', formatInt(d.rejected), `reject rate ${formatPercent(d.rejectRate)}`);
    setCard('worker-last-share', formatAgo(d.lastShareAt));
    this.chart.setPoints(d.history[this.range]);
    this.chart.setLive(d.hashrate);
    $('tbody', byTestId('worker-sessions')).replaceChildren(
      ...(d.sessions ?? []).map((s) =>
        h('tr', {}, [
          h('td', { text: `#${s.id}` }),
          h('td', { text: s.ip }),
          h('td', { className: 'num', text: String(s.port) }),
          h('td', { className: 'num', text: formatCompact(s.difficulty) }),
          h('td', { text: s.userAgent ?? '–' }),
          h('td', { className: 'num', text: formatAgo(s.connectedAt) }),
        ]),
      ),
    );
  }
}
