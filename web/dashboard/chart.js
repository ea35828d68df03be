// @ts-check
// Hashrate chart over uPlot (loaded as a classic script from /assets/uplot.js). The chart
// follows its container's width, so it works from a phone to a wide screen.

import { formatHashrate, formatTime } from './format.js';

const STROKE = '#2563eb';
const FILL = 'rgba(37, 99, 235, 0.18)';
const GRID = 'rgba(100, 116, 139, 0.15)';
const AXIS = '#64748b';

/**
 * @param {number} t seconds
 * @param {boolean} withDate
 */
function tickLabel(t, withDate) {
  const d = new Date(t * 1000);
  const hm = `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
  return withDate && d.getHours() === 0 && d.getMinutes() < 10 ? `${d.getMonth() + 1}/${d.getDate()}` : hm;
}

export class HashrateChart {
  /**
   * @param {HTMLElement} container
   * @param {number} [height]
   */
  constructor(container, height = 240) {
    this.container = container;
    this.height = height;
    /** @type {uPlot | null} */
    this.plot = null;
    /** @type {[number[], (number | null)[]]} */
    this.data = [[], []];
    /** @type {{ t: number, hashrate: number }[]} */
    this.raw = [];
    /** @type {{ t: number, hashrate: number } | null} */
    this.live = null;
    this.observer = new ResizeObserver(() => this.resize());
    this.observer.observe(container);
  }

  /** @returns {number} */
  width() {
    return Math.max(200, Math.floor(this.container.clientWidth));
  }

  /** @returns {uPlot.Options} */
  options() {
    /** @type {uPlot.Axis} */
    const xAxis = {
      stroke: AXIS,
      grid: { stroke: GRID, width: 1 },
      ticks: { stroke: GRID, width: 1 },
      values: (_u, splits) => splits.map((t) => tickLabel(t, this.data[0].length > 100)),
    };
    /** @type {uPlot.Axis} */
    const yAxis = {
      stroke: AXIS,
      size: 76,
      grid: { stroke: GRID, width: 1 },
      ticks: { show: false },
      values: (_u, splits) => splits.map((v) => formatHashrate(v)),
    };
    return {
      width: this.width(),
      height: this.height,
      cursor: { drag: { x: false, y: false } },
      legend: { show: false },
      scales: { x: { time: true }, y: { range: (_u, _min, max) => [0, max > 0 ? max * 1.15 : 1] } },
      axes: [xAxis, yAxis],
      series: [
        { value: (_u, v) => (v === null ? '–' : formatTime(v)) },
        {
          label: 'Hashrate',
          stroke: STROKE,
          width: 2,
          fill: FILL,
          points: { show: false },
          value: (_u, v) => (v === null ? '–' : formatHashrate(v)),
        },
      ],
    };
  }

  /**
   * @param {{ t: number, hashrate: number }[]} points t in ms
   */
  setPoints(points) {
    this.raw = points;
    this.container.dataset.points = String(points.length);
    this.draw();
  }

  /**
   * The current hashrate (the cards' figure) drawn as the newest point, at now: the buckets
   * are complete ones only, so without it a new pool's chart would stay empty for a minute.
   * @param {number} hashrate
   */
  setLive(hashrate) {
    this.live = Number.isFinite(hashrate) ? { t: Date.now(), hashrate } : null;
    this.draw();
  }

  draw() {
    let points = this.raw;
    // The newest bucket is still filling: divided by the full bucket length it would show a
    // false drop, so it is left out until it is complete (the live point stands for it).
    const step = points.length > 1 ? points[1].t - points[0].t : 0;
    const last = points[points.length - 1];
    if (step > 0 && last !== undefined && last.t + step > Date.now()) points = points.slice(0, -1);
    if (this.live !== null && (points.length === 0 || this.live.t > points[points.length - 1].t)) points = [...points, this.live];
    const xs = points.map((p) => Math.floor(p.t / 1000));
    const ys = points.map((p) => (Number.isFinite(p.hashrate) ? p.hashrate : null));
    this.data = [xs, ys];
    const max = ys.reduce(/** @param {number} m */ (m, v) => Math.max(m, v ?? 0), 0);
    this.container.dataset.max = String(max);
    if (this.plot === null) {
      if (this.container.clientWidth === 0) return; // hidden view: drawn when shown
      this.container.replaceChildren();
      this.plot = new uPlot(this.options(), this.data, this.container);
    } else {
      this.plot.setData(this.data);
    }
  }

  resize() {
    if (this.container.clientWidth === 0) return;
    if (this.plot === null) {
      if (this.raw.length > 0 || this.live !== null) this.draw();
      return;
    }
    const w = this.width();
    if (w !== this.plot.width) this.plot.setSize({ width: w, height: this.height });
  }
}
