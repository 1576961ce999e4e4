// Small DOM helpers: every page builds its elements with h(), never by
// parsing HTML strings, so text from the network can not become markup.

// h creates an element. attrs: class, text, data-*/aria-* and other
// attributes; functions under on<event> become listeners. Children may be
// strings, nodes, arrays, or null (skipped).
export function h(tag, attrs = {}, ...children) {
  const el = tag.startsWith('svg:')
    ? document.createElementNS('http://www.w3.org/2000/svg', tag.slice(4))
    : document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === 'text') el.textContent = v;
    else if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
    else if (k === 'testid') el.setAttribute('data-testid', v);
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    if (Array.isArray(c)) append(el, c);
    else el.append(c instanceof Node ? c : String(c));
  }
}

// replace swaps el's children.
export function replace(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

// table renders rows as a table whose cells carry their column's label,
// which the phone layout shows beside each value (tables become cards).
// cols: [{label, cell: row => node|string}]
export function table(cols, rows, attrs = {}) {
  if (!rows.length) return h('p', { class: 'empty', testid: attrs.testid }, attrs.empty || 'None.');
  return h('table', { class: 'cards', testid: attrs.testid },
    attrs.caption ? h('caption', { text: attrs.caption }) : null,
    h('thead', {}, h('tr', {}, cols.map(c => h('th', { scope: 'col', text: c.label })))),
    h('tbody', {}, rows.map(r => h('tr', attrs.rowAttrs ? attrs.rowAttrs(r) : {},
      cols.map(c => h('td', { 'data-label': c.label }, c.cell(r)))))));
}

// dl renders [term, value] pairs.
export function dl(pairs, attrs = {}) {
  return h('dl', { class: 'facts', ...attrs }, pairs.filter(Boolean).map(([k, v]) => [h('dt', { text: k }), h('dd', {}, v)]));
}

export function short(id, n = 12) {
  if (!id) return '';
  return id.length > n ? id.slice(0, n) + '…' : id;
}

// code shows an identifier shortened, its whole value in the title.
export function ident(id, n = 12) {
  return h('code', { title: id, class: 'ident' }, short(id, n));
}

export function ago(t) {
  if (!t || t.startsWith('0001-')) return '';
  const s = Math.round((Date.now() - new Date(t).getTime()) / 1000);
  if (s < 0) return 'in ' + dur(-s);
  return dur(s) + ' ago';
}

export function when(t) {
  if (!t || t.startsWith('0001-')) return '—';
  const d = new Date(t);
  return h('time', { datetime: t, title: d.toISOString() }, d.toLocaleString());
}

export function dur(s) {
  if (s < 60) return s + ' s';
  if (s < 3600) return Math.floor(s / 60) + ' min';
  if (s < 86400) return Math.floor(s / 3600) + ' h ' + Math.floor((s % 3600) / 60) + ' min';
  return Math.floor(s / 86400) + ' d';
}

export function bytes(n) {
  if (n === undefined || n === null) return '';
  const u = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let i = 0;
  while (n >= 1024 && i < u.length - 1) { n /= 1024; i++; }
  return (i ? n.toFixed(1) : n) + ' ' + u[i];
}

export function deco(a) {
  return (a === undefined || a === null || a === '') ? '0 DECO' : a + ' DECO';
}

// announce tells screen readers about a change (job state, login).
export function announce(text) {
  const el = document.getElementById('announce');
  el.textContent = '';
  // A new text node after clearing makes every reader speak it again.
  requestAnimationFrame(() => { el.textContent = text; });
}
