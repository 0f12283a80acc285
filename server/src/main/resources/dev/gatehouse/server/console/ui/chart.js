// Bar charts drawn in SVG for the console's pages, each with a text alternative.
//
// A chart is a <figure>: its caption, an <svg role="img"> whose aria-label sums the series up
// (the W3C's ACT rule "SVG element with explicit role has non-empty accessible name"), each bar
// with a <title> (its tooltip), and a <details> holding the same numbers as a table, so a reader
// who can not see the bars, or wants the exact values, has them all.
//
// Colours and sizes come from classes in app.css (section "page: overview"), never from a style
// attribute: the console's Content-Security-Policy refuses inline style.

import { el, svg } from './dom.js';

// The drawing's own coordinate system; the SVG scales to its container's width.
const WIDTH = 480;
const HEIGHT = 190;
const LEFT = 54;
const RIGHT = 8;
const TOP = 10;
const BOTTOM = 26;
const PLOT_WIDTH = WIDTH - LEFT - RIGHT;
const PLOT_HEIGHT = HEIGHT - TOP - BOTTOM;
// At most this many labels under the x axis: more would overlap at a phone's width.
const MAX_X_LABELS = 6;

const COMPACT = new Intl.NumberFormat('en', { notation: 'compact', maximumFractionDigits: 1 });

/** A short number for an axis: 1.2K, 35, 0.004. */
export function compactNumber(value) {
  if (value !== 0 && Math.abs(value) < 1) {
    return String(Number(value.toPrecision(2)));
  }
  return COMPACT.format(value);
}

/** A short dollar amount for an axis: $1.2K, $3, $0.004. */
export function compactUsd(value) {
  return '$' + compactNumber(value);
}

/**
 * A bar chart, stacked when there are several series.
 *
 * @param {object} spec
 * @param {string} spec.id          the figure's id (the browser tests find charts by it)
 * @param {string} spec.caption     what the chart shows, e.g. "Requests per minute"
 * @param {string} spec.xTitle      the table's first column header, e.g. "Minute"
 * @param {{name: string}[]} spec.series   one entry per stacked series, bottom first
 * @param {{label: string, title: string, values: number[]}[]} spec.points
 *        one per bar: `label` is the short axis text, `title` the full one (tooltip, table row)
 * @param {(n: number) => string} spec.format      a value written out in full (table, tooltip)
 * @param {(n: number) => string} [spec.axisFormat] a value on the y axis (default compactNumber)
 * @param {boolean} [spec.counts]   the values are counts: the y axis has whole numbers only
 * @returns {HTMLElement}
 */
export function barChart({ id, caption, xTitle, series, points, format, axisFormat = compactNumber, counts = false }) {
  const totals = points.map((p) => p.values.reduce((a, b) => a + b, 0));
  const max = Math.max(0, ...totals);
  const ticks = axisTicks(max, counts);
  const top = ticks[ticks.length - 1];
  const slot = points.length === 0 ? PLOT_WIDTH : PLOT_WIDTH / points.length;
  const barWidth = Math.max(1, slot * 0.8);
  const y = (value) => TOP + PLOT_HEIGHT - (value / top) * PLOT_HEIGHT;

  const grid = ticks.map((tick) => svg('g', { class: 'chart-tick' },
    svg('line', { x1: LEFT, x2: WIDTH - RIGHT, y1: y(tick), y2: y(tick), class: 'chart-gridline' }),
    svg('text', { x: LEFT - 6, y: y(tick) + 4, 'text-anchor': 'end', class: 'chart-axis-label' },
      axisFormat(tick))));

  const every = Math.max(1, Math.ceil(points.length / MAX_X_LABELS));
  const xLabels = points.map((p, i) => (i % every === 0
    ? svg('text', {
      x: LEFT + slot * i + slot / 2, y: HEIGHT - 8, 'text-anchor': 'middle', class: 'chart-axis-label',
    }, p.label)
    : null));

  const bars = points.map((p, i) => {
    let base = 0;
    const segments = p.values.map((value, s) => {
      if (!(value > 0)) {
        return null;
      }
      const rect = svg('rect', {
        x: LEFT + slot * i + (slot - barWidth) / 2,
        y: y(base + value),
        width: barWidth,
        height: Math.max(0.5, y(base) - y(base + value)),
        class: `chart-bar chart-series-${s}`,
      }, svg('title', {}, `${p.title}: ${series[s].name} ${format(value)}`));
      base += value;
      return rect;
    });
    return svg('g', {}, segments);
  });

  const axes = [
    svg('line', { x1: LEFT, x2: LEFT, y1: TOP, y2: TOP + PLOT_HEIGHT, class: 'chart-axis' }),
    svg('line', { x1: LEFT, x2: WIDTH - RIGHT, y1: TOP + PLOT_HEIGHT, y2: TOP + PLOT_HEIGHT, class: 'chart-axis' }),
  ];

  const picture = svg('svg', {
    viewBox: `0 0 ${WIDTH} ${HEIGHT}`,
    class: 'chart-svg',
    role: 'img',
    'aria-label': summary(caption, series, points, totals, format),
    preserveAspectRatio: 'xMidYMid meet',
  }, grid, axes, bars, xLabels);

  return el('figure', { id, class: 'chart' },
    el('figcaption', { class: 'chart-caption' }, caption),
    series.length > 1 ? legend(series) : null,
    picture,
    dataTable(caption, xTitle, series, points, totals, format));
}

/**
 * Round steps (1, 2, 2.5, 5 times a power of ten) from 0 up to at least `max`: at most 5 ticks.
 * With `whole`, steps of at least 1 and never 2.5, for counts.
 */
export function axisTicks(max, whole = false) {
  if (!(max > 0)) {
    return [0, 1];
  }
  const rough = max / 4;
  const power = 10 ** Math.floor(Math.log10(rough));
  const multiples = whole && power <= 1 ? [1, 2, 5, 10] : [1, 2, 2.5, 5, 10];
  const step = Math.max(whole ? 1 : 0, multiples.map((m) => m * power).find((s) => s >= rough));
  const ticks = [];
  for (let tick = 0; ticks.length === 0 || ticks[ticks.length - 1] < max; tick += step) {
    ticks.push(Number(tick.toPrecision(12)));
  }
  return ticks;
}

function summary(caption, series, points, totals, format) {
  if (points.length === 0) {
    return `${caption}: no data.`;
  }
  const total = totals.reduce((a, b) => a + b, 0);
  if (total === 0) {
    return `${caption}: ${points.length} bars, all zero.`;
  }
  let peak = 0;
  totals.forEach((t, i) => { if (t > totals[peak]) peak = i; });
  const names = series.length > 1 ? ` (${series.map((s) => s.name).join(' and ')})` : '';
  return `${caption}${names}: ${points.length} bars from ${points[0].title} to ${points[points.length - 1].title}, `
    + `total ${format(total)}, highest ${format(totals[peak])} at ${points[peak].title}.`;
}

function legend(series) {
  return el('ul', { class: 'chart-legend' }, series.map((s, i) => el('li', {},
    el('span', { class: `chart-swatch chart-series-${i}`, 'aria-hidden': 'true' }), s.name)));
}

function dataTable(caption, xTitle, series, points, totals, format) {
  const stacked = series.length > 1;
  return el('details', { class: 'chart-data' },
    el('summary', {}, 'Show as a table'),
    el('div', { class: 'table-wrap' },
      el('table', {},
        el('caption', {}, caption),
        el('thead', {}, el('tr', {},
          el('th', { scope: 'col' }, xTitle),
          series.map((s) => el('th', { scope: 'col', class: 'num' }, s.name)),
          stacked ? el('th', { scope: 'col', class: 'num' }, 'Total') : null)),
        el('tbody', {}, points.map((p, i) => el('tr', {},
          el('th', { scope: 'row' }, p.title),
          p.values.map((v) => el('td', { class: 'num' }, format(v))),
          stacked ? el('td', { class: 'num' }, format(totals[i])) : null))))));
}
