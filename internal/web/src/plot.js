// plot draws the network's samples as an SVG: the ask's min-max band and
// median (DECO, left axis) and the utilization (%, right axis) over time.
import { h } from './dom.js';

const W = 640, H = 240, L = 56, R = 48, T = 12, B = 28;

export function plot(samples) {
  if (samples.length < 2) {
    return h('p', { class: 'empty', testid: 'plot-empty' }, samples.length
      ? 'One sample so far; the plot appears with the next (every 5 s).'
      : 'No samples yet; the node takes one every 5 s.');
  }
  const t0 = Date.parse(samples[0].at), t1 = Date.parse(samples[samples.length - 1].at);
  const num = a => Number(a || 0);
  const hi = Math.max(...samples.map(s => num(s.ask_max)), 1e-6) * 1.1;
  const x = t => L + (W - L - R) * (t1 > t0 ? (Date.parse(t) - t0) / (t1 - t0) : 0);
  const y = v => T + (H - T - B) * (1 - v / hi);
  const yu = u => T + (H - T - B) * (1 - u);
  const withAsk = samples.filter(s => s.providers > 0);
  const line = (pts) => pts.map(([px, py], i) => (i ? 'L' : 'M') + px.toFixed(1) + ' ' + py.toFixed(1)).join('');
  const band = withAsk.length
    ? line([...withAsk.map(s => [x(s.at), y(num(s.ask_max))]), ...withAsk.slice().reverse().map(s => [x(s.at), y(num(s.ask_min))])]) + 'Z'
    : '';
  const median = line(withAsk.map(s => [x(s.at), y(num(s.ask_median))]));
  const util = line(samples.map(s => [x(s.at), yu(s.utilization || 0)]));
  const last = samples[samples.length - 1];
  const time = t => new Date(t).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
  const ticks = [0, 0.5, 1];
  const svg = h('svg:svg', { viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-labelledby': 'plot-title plot-desc', class: 'chart', testid: 'plot-svg' },
    h('svg:title', { id: 'plot-title', text: 'Asks and utilization over time' }),
    h('svg:desc', { id: 'plot-desc', text: `${samples.length} samples from ${time(samples[0].at)} to ${time(last.at)}; now median ask ${last.ask_median} DECO (${last.ask_min} to ${last.ask_max}), utilization ${Math.round((last.utilization || 0) * 100)}%.` }),
    ticks.map(f => [
      h('svg:line', { x1: L, x2: W - R, y1: yu(f), y2: yu(f), class: 'grid' }),
      h('svg:text', { x: L - 6, y: yu(f) + 4, 'text-anchor': 'end', class: 'axis ask-axis', text: (hi * f).toPrecision(2) }),
      h('svg:text', { x: W - R + 6, y: yu(f) + 4, class: 'axis util-axis', text: Math.round(f * 100) + '%' }),
    ]),
    h('svg:text', { x: L, y: H - 8, class: 'axis', text: time(samples[0].at) }),
    h('svg:text', { x: W - R, y: H - 8, 'text-anchor': 'end', class: 'axis', text: time(last.at) }),
    band ? h('svg:path', { d: band, class: 'band' }) : null,
    median ? h('svg:path', { d: median, class: 'median' }) : null,
    // The latest median as a dot: a line needs two samples with providers.
    withAsk.length ? h('svg:circle', { cx: x(withAsk[withAsk.length - 1].at).toFixed(1), cy: y(num(withAsk[withAsk.length - 1].ask_median)).toFixed(1), r: 3.5, class: 'median-dot' }) : null,
    h('svg:path', { d: util, class: 'util' }));
  const legend = h('p', { class: 'legend' },
    h('span', { class: 'key key-band' }), ' ask min–max  ',
    h('span', { class: 'key key-median' }), ' median ask (DECO, left)  ',
    h('span', { class: 'key key-util' }), ' utilization (right)');
  return [svg, legend];
}
