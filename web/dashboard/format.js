// @ts-check
// Human units for numbers people read at a glance. Pure functions, no DOM.

const HASH_UNITS = ['H/s', 'kH/s', 'MH/s', 'GH/s', 'TH/s', 'PH/s', 'EH/s', 'ZH/s'];

/**
 * @param {number} value
 * @param {number} [digits]
 * @returns {string}
 */
function fixed(value, digits = 2) {
  const abs = Math.abs(value);
  const d = abs >= 100 ? Math.max(0, digits - 2) : abs >= 10 ? Math.max(0, digits - 1) : digits;
  return value.toFixed(d);
}

/**
 * Hashes per second in SI steps of 1000, as pools and miners print them.
 * @param {number | null | undefined} hps
 * @returns {string}
 */
export function formatHashrate(hps) {
  if (hps === null || hps === undefined || !Number.isFinite(hps)) return '–';
  if (hps === 0) return '0 H/s';
  let v = hps;
  let i = 0;
  while (Math.abs(v) >= 1000 && i < HASH_UNITS.length - 1) {
    v /= 1000;
    i++;
  }
  return `${fixed(v)} ${HASH_UNITS[i]}`;
}

/**
 * Large plain numbers (difficulty) with k/M/G/T suffixes.
 * @param {number | null | undefined} n
 * @returns {string}
 */
export function formatCompact(n) {
  if (n === null || n === undefined || !Number.isFinite(n)) return '–';
  const units = ['', 'k', 'M', 'G', 'T', 'P', 'E'];
  let v = n;
  let i = 0;
  while (Math.abs(v) >= 1000 && i < units.length - 1) {
    v /= 1000;
    i++;
  }
  if (i > 0) return `${fixed(v)}${units[i]}`;
  if (Number.isInteger(v)) return String(v);
  // Regtest and testnet difficulties are tiny fractions; keep their significant digits.
  return Math.abs(v) < 1 ? String(Number(v.toPrecision(4))) : fixed(v, 3);
}

/**
 * @param {number | null | undefined} n
 * @returns {string}
 */
export function formatInt(n) {
  if (n === null || n === undefined || !Number.isFinite(n)) return '–';
  return Math.round(n).toLocaleString('en-US');
}

/**
 * @param {number | null | undefined} fraction 0..1
 * @returns {string}
 */
export function formatPercent(fraction) {
  if (fraction === null || fraction === undefined || !Number.isFinite(fraction)) return '–';
  const p = fraction * 100;
  return `${p === 0 ? '0' : p < 0.1 ? p.toFixed(2) : p.toFixed(1)} %`;
}

/**
 * Satoshi string (exact, from the API) to coins, without going through a float for the integer part.
 * @param {string | number | null | undefined} sat
 * @returns {string}
 */
export function formatCoins(sat) {
  if (sat === null || sat === undefined || sat === '') return '–';
  const s = String(sat);
  if (!/^-?\d+$/.test(s)) return '–';
  const neg = s.startsWith('-');
  const digits = (neg ? s.slice(1) : s).padStart(9, '0');
  const whole = digits.slice(0, -8).replace(/^0+(?=\d)/, '');
  const frac = digits.slice(-8).replace(/0+$/, '');
  return `${neg ? '-' : ''}${Number(whole).toLocaleString('en-US')}${frac ? '.' + frac : ''}`;
}

/**
 * API times are milliseconds; values that look like Unix seconds are accepted too.
 * @param {number | null | undefined} t
 * @returns {number | null} milliseconds
 */
export function toMs(t) {
  if (t === null || t === undefined || !Number.isFinite(t) || t <= 0) return null;
  return t < 1e12 ? t * 1000 : t;
}

/**
 * @param {number} seconds
 * @returns {string}
 */
export function formatDuration(seconds) {
  if (!Number.isFinite(seconds)) return '–';
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${s % 60 ? (s % 60) + ' s' : ''}`.trim();
  if (s < 86400) return `${Math.floor(s / 3600)} h ${Math.floor((s % 3600) / 60)} min`;
  return `${Math.floor(s / 86400)} d ${Math.floor((s % 86400) / 3600)} h`;
}

/**
 * "12 s ago" relative to now.
 * @param {number | null | undefined} t ms (or s)
 * @param {number} [now]
 * @returns {string}
 */
export function formatAgo(t, now = Date.now()) {
  const ms = toMs(t);
  if (ms === null) return 'never';
  const secs = (now - ms) / 1000;
  if (secs < 1) return 'just now';
  return `${formatDuration(secs)} ago`;
}

/**
 * @param {number | null | undefined} t ms (or s)
 * @returns {string}
 */
export function formatTime(t) {
  const ms = toMs(t);
  if (ms === null) return '–';
  const d = new Date(ms);
  const p = (/** @type {number} */ n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
}

/**
 * @param {string} hash
 * @returns {string}
 */
export function shortHash(hash) {
  return hash.length > 20 ? `${hash.slice(0, 10)}…${hash.slice(-8)}` : hash;
}

/**
 * The difficulty-1 multiplier of the algorithm, as in the pool's hashrate formula.
 * @param {string} algorithm
 * @returns {number}
 */
export function difficultyFactor(algorithm) {
  return algorithm.toLowerCase() === 'scrypt' ? 65536 : 1;
}
