import { h, replace, table, dl, ident, ago, when, bytes, deco } from '../dom.js';
import { get } from '../api.js';
import { load, stream } from '../live.js';
import { plot } from '../plot.js';

const hour = 3600 * 1000;

// networkPage: this node, its peers and how each is reached, the
// providers it knows with what the scheduler learned about them, and a
// plot of asks and utilization over the last hour.
export function networkPage(main, scope) {
  const status = h('section', { 'aria-labelledby': 'h-node', testid: 'node-status' }, h('h2', { id: 'h-node', text: 'This node' }), h('p', { text: 'Waiting for the node…' }));
  const chart = h('div', { class: 'plot', testid: 'network-plot' });
  const peers = h('div', { testid: 'peers' }, h('p', { text: 'Waiting for the node…' }));
  const providers = h('div', { testid: 'providers' }, h('p', { text: 'Waiting for the node…' }));
  main.append(h('h1', { text: 'Network' }), status,
    h('section', { 'aria-labelledby': 'h-plot' }, h('h2', { id: 'h-plot', text: 'Asks and utilization' }), chart),
    h('section', { 'aria-labelledby': 'h-prov' }, h('h2', { id: 'h-prov', text: 'Providers' }), providers),
    h('section', { 'aria-labelledby': 'h-peers' }, h('h2', { id: 'h-peers', text: 'Peers' }), peers));

  let samples = [];
  const redraw = () => replace(chart, plot(samples));
  redraw();
  load(scope, 'the network history', () => get('/v1/network/history'), hist => {
    const seen = new Set(samples.map(s => s.at));
    samples = [...(hist || []).filter(s => !seen.has(s.at)), ...samples].sort((a, b) => a.at < b.at ? -1 : 1);
    redraw();
  });
  stream(scope, '/v1/events', 'the network', {
    status: s => replace(status, h('h2', { id: 'h-node', text: 'This node' }), nodeFacts(s)),
    peers: ps => replace(peers, peerTable(ps || [])),
    providers: ps => replace(providers, providerTable(ps || [])),
    sample: s => {
      if (samples.length && samples[samples.length - 1].at >= s.at) return;
      samples.push(s);
      const cut = new Date(Date.now() - hour).toISOString();
      while (samples.length && samples[0].at < cut) samples.shift();
      redraw();
    },
  });
}

function nodeFacts(s) {
  return dl([
    ['Peer ID', ident(s.peer_id, 20)],
    ['Roles', (s.roles || []).join(', ') || 'none'],
    ['Version', s.version],
    s.runtime ? ['Runtime', s.runtime] : null,
    s.slots ? ['Slots', `${s.slots - (s.busy || 0)} free of ${s.slots}`] : null,
    ['Connected peers', String(s.peers)],
    ['EVM address', s.evm_address ? ident(s.evm_address, 14) : '—'],
    ['Up since', when(s.started)],
    ['Addresses', h('ul', { class: 'plain' }, (s.addrs || []).map(a => h('li', {}, h('code', { text: a }))))],
  ], { testid: 'node-facts' });
}

function reach(p) {
  const cls = 'reach reach-' + (p.reach || 'unknown');
  const label = h('span', { class: cls, text: p.reach || 'unknown' });
  if (p.reach !== 'unreachable') return label;
  return h('span', {}, label, ' ', h('span', { class: 'problem', text:
    `${p.problem || 'dials fail'}${p.failures ? ` (${p.failures} failed in a row` + (p.next_dial ? `, next try ${ago(p.next_dial)})` : ')') : ''}` }));
}

function peerTable(ps) {
  return table([
    { label: 'Peer', cell: p => ident(p.peer, 16) },
    { label: 'Reached', cell: reach },
    { label: 'Roles', cell: p => (p.roles || []).join(', ') || '—' },
    { label: 'Latency', cell: p => p.latency_ns ? (p.latency_ns / 1e6).toFixed(1) + ' ms' : '—' },
    { label: 'Addresses', cell: p => h('ul', { class: 'plain' }, (p.addrs || []).slice(0, 3).map(a => h('li', {}, h('code', { text: a })))) },
  ], ps, { empty: 'No peers: this node is alone (check its bootstrap list).', testid: 'peer-table' });
}

function providerTable(ps) {
  return table([
    { label: 'Provider', cell: p => ident(p.peer, 16) },
    { label: 'Ask', cell: p => deco(p.ask) },
    { label: 'Slots free', cell: p => h('span', {}, `${p.free_slots} of ${p.slots}`, h('meter', { min: 0, max: p.slots || 1, value: p.free_slots, 'aria-label': 'free slots' })) },
    { label: 'Stake', cell: p => p.stake ? deco(p.stake) : '—' },
    { label: 'Reputation', cell: p => h('span', { title: `valid ${fmt(p.reputation?.valid)}, unchecked ${fmt(p.reputation?.unchecked)}, invalid ${fmt(p.reputation?.invalid)}, faults ${fmt(p.reputation?.faults)}` },
      (p.reputation?.score ?? 0).toFixed(2), p.reputation?.suspect ? h('strong', { class: 'bad', text: ' suspect' }) : null) },
    { label: 'Predicted speed', cell: p => p.predicted ? `${p.predicted.speed.toFixed(1)} (declared ${p.benchmark.toFixed(1)}, ±${(p.predicted.speed_log_sd * 100).toFixed(0)}%)` : `not learned (declared ${p.benchmark.toFixed(1)})` },
    { label: 'Reliability', cell: p => (p.reliability * 100).toFixed(0) + '%' },
    { label: 'Machine', cell: p => `${p.cores} cores, ${bytes(p.memory)}${p.gpus?.length ? ', ' + p.gpus.join(', ') : ''}` },
  ], ps, { empty: 'No provider offers seen yet.', testid: 'provider-table' });
}

function fmt(x) { return (x ?? 0).toFixed(1); }
