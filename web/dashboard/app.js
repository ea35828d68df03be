// @ts-check
// Entry point: hash routes, the live event stream and the timers that keep views fresh.

import { api, ApiError, normalizePool } from './api.js';
import { BlocksView } from './blocks.js';
import { byTestId } from './dom.js';
import { OverviewView } from './overview.js';
import { WorkersView } from './workers.js';

/** @typedef {import('./api.js').PoolView} PoolView */
/** @typedef {{ view: 'overview' | 'workers' | 'worker' | 'blocks' | 'block', arg: string }} Route */

const HISTORY_REFRESH_MS = 60_000;
const WORKERS_REFRESH_MS = 5_000;

/**
 * @param {string} hash location.hash
 * @returns {Route}
 */
export function parseRoute(hash) {
  const parts = hash.replace(/^#\/?/, '').split('/');
  const arg = parts.slice(1).join('/');
  let decoded = arg;
  try {
    decoded = decodeURIComponent(arg);
  } catch {
    // a malformed escape: use the raw text
  }
  if (parts[0] === 'workers') return arg ? { view: 'worker', arg: decoded } : { view: 'workers', arg: '' };
  if (parts[0] === 'blocks') return arg ? { view: 'block', arg: decoded } : { view: 'blocks', arg: '' };
  return { view: 'overview', arg: '' };
}

/** @param {unknown} err */
function showError(err) {
  const banner = byTestId('error-banner');
  const text = err instanceof ApiError ? `${err.code}: ${err.message}` : err instanceof Error ? err.message : String(err);
  banner.textContent = `Could not load data from the pool: ${text}`;
  banner.hidden = false;
}

function clearError() {
  byTestId('error-banner').hidden = true;
}

const overview = new OverviewView(showError);
const workers = new WorkersView(showError);
const blocks = new BlocksView(showError);
/** @type {Route} */
let route = parseRoute(location.hash);

/** @param {PoolView} p */
function onStats(p) {
  clearError();
  byTestId('pool-name').textContent = p.name || 'hashpool';
  byTestId('pool-meta').textContent = [p.networkName, p.algorithm, p.payoutMode].filter(Boolean).join(' · ');
  byTestId('pool-version').textContent = `hashpool ${p.version}`;
  document.title = `${p.name || 'hashpool'} · dashboard`;
  overview.render(p);
}

function showRoute() {
  route = parseRoute(location.hash);
  for (const section of document.querySelectorAll('section[data-view]')) {
    /** @type {HTMLElement} */ (section).hidden = section.getAttribute('data-view') !== route.view;
  }
  const tab = route.view === 'worker' ? 'workers' : route.view === 'block' ? 'blocks' : route.view;
  for (const a of document.querySelectorAll('a[data-nav]')) {
    if (a.getAttribute('data-nav') === tab) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  }
  if (route.view === 'overview') void overview.loadHistory();
  if (route.view === 'workers') void workers.load();
  if (route.view === 'worker') void workers.loadWorker(route.arg);
  if (route.view === 'blocks') void blocks.load();
  if (route.view === 'block') void blocks.loadBlock(route.arg);
  window.scrollTo(0, 0);
}

/** @param {'connecting' | 'live' | 'down'} state */
function setConnection(state) {
  const el = byTestId('connection');
  el.dataset.state = state;
  el.querySelector('.live-text')?.replaceChildren(state === 'live' ? 'live' : state === 'down' ? 'reconnecting' : 'connecting');
}

/**
 * EventSource reconnects by itself after a drop; this only mirrors its state and refreshes
 * what may have been missed while it was away.
 */
function connectEvents() {
  const es = new EventSource('/api/events');
  let wasDown = false;
  es.addEventListener('open', () => {
    setConnection('live');
    if (wasDown) {
      wasDown = false;
      void blocks.load();
      void overview.loadHistory();
    }
  });
  es.addEventListener('error', () => {
    wasDown = true;
    setConnection('down');
  });
  es.addEventListener('stats', (ev) => {
    try {
      onStats(normalizePool(JSON.parse(/** @type {MessageEvent<string>} */ (ev).data)));
    } catch (err) {
      showError(err);
    }
  });
  es.addEventListener('block', (ev) => {
    /** @type {unknown} */
    let data = null;
    try {
      data = JSON.parse(/** @type {MessageEvent<string>} */ (ev).data);
    } catch {
      // a block event without a usable body still means: refetch
    }
    blocks.onBlockEvent(data);
    void api.pool().then(onStats, showError);
  });
}

let lastWorkersLoad = 0;
function everySecond() {
  overview.tick();
  workers.tick();
  const now = Date.now();
  if ((route.view === 'workers' || route.view === 'worker') && now - lastWorkersLoad >= WORKERS_REFRESH_MS) {
    lastWorkersLoad = now;
    if (route.view === 'workers') void workers.load();
    else void workers.loadWorker(route.arg);
  }
}

window.addEventListener('hashchange', showRoute);
showRoute();
void api.pool().then(onStats, showError);
void blocks.load();
connectEvents();
setInterval(everySecond, 1000);
setInterval(() => {
  if (route.view === 'overview') void overview.loadHistory();
}, HISTORY_REFRESH_MS);
