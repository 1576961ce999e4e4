import { h, replace, table, dl, ident, when, bytes, deco, announce } from '../dom.js';
import { get, post } from '../api.js';
import { load, stream, problem, solved, sentence } from '../live.js';

// jobsPage lists this node's jobs, live.
export function jobsPage(main, scope) {
  const list = h('div', { testid: 'jobs' }, h('p', { text: 'Waiting for the node…' }));
  main.append(h('div', { class: 'titlebar' }, h('h1', { text: 'Jobs' }), h('a', { href: '/submit', class: 'button' }, 'Submit a job')), list);
  const states = new Map();
  stream(scope, '/v1/events', 'the job list', {
    jobs: js => {
      js = js || [];
      for (const j of js) {
        const was = states.get(j.id);
        if (was && was !== j.state) announce(`Job ${j.name || j.id.slice(0, 8)} is now ${j.state}.`);
        states.set(j.id, j.state);
      }
      replace(list, table([
        { label: 'Job', cell: j => h('a', { href: '/jobs/' + j.id, testid: 'job-link' }, j.name || j.id.slice(0, 12)) },
        { label: 'State', cell: j => h('span', { class: 'state state-' + j.state, text: j.state }) },
        { label: 'Tasks', cell: j => `${j.verified} verified, ${j.failed} failed of ${j.tasks}` },
        { label: 'Created', cell: j => when(j.created_at) },
        { label: 'Why', cell: j => j.reason || '—' },
      ], js, { empty: 'No jobs yet.', testid: 'job-table' }));
    },
  });
}

const maxLogLines = 2000;

// jobPage shows one job live: its task grid, logs, results, verification
// and payments. The job's event stream carries `job` (the whole view)
// and unnamed log lines, and ends with `end`.
export function jobPage(main, scope, [id]) {
  let view = null, selected = null;
  const seen = new Set();
  const head = h('div', { class: 'titlebar' }, h('h1', { text: 'Job ' + id.slice(0, 12) }));
  const summary = h('div', { testid: 'job-summary' }, h('p', { text: 'Loading the job…' }));
  const grid = h('div', { class: 'grid', role: 'list', testid: 'task-grid', 'aria-label': 'Tasks' });
  const detail = h('div', { class: 'detail', testid: 'task-detail', 'aria-live': 'polite' }, h('p', { class: 'help', text: 'Select a task to see its attempts.' }));
  const logs = h('ol', { class: 'logs', testid: 'logs', 'aria-label': 'Log lines' });
  const results = h('div', { testid: 'results' });
  const payment = h('div', { testid: 'payment' });
  main.append(head, summary,
    h('section', { 'aria-labelledby': 'h-tasks' }, h('h2', { id: 'h-tasks', text: 'Tasks' }), legend(), grid, detail),
    h('section', { 'aria-labelledby': 'h-results' }, h('h2', { id: 'h-results', text: 'Results and verification' }), results),
    h('section', { 'aria-labelledby': 'h-pay' }, h('h2', { id: 'h-pay', text: 'Payment' }), payment),
    h('section', { 'aria-labelledby': 'h-logs' }, h('h2', { id: 'h-logs', text: 'Logs' }), logs));

  const addLog = l => {
    if (seen.has(l.seq)) return;
    seen.add(l.seq);
    const who = l.index >= 0 ? `task ${l.index}` : 'job';
    const stream = l.stream || 'event';
    logs.append(h('li', { class: 'log log-' + stream, 'data-stream': stream },
      h('span', { class: 'log-src' }, `${who} ${stream}${l.attempt ? ' #' + l.attempt : ''}`), ' ',
      h('span', { class: 'log-text', text: l.text })));
    while (logs.childElementCount > maxLogLines) logs.firstElementChild.remove();
  };

  const render = v => {
    const was = view && view.state;
    view = v;
    if (was && was !== v.state) announce(`Job ${v.spec?.name || id.slice(0, 8)} is now ${v.state}.`);
    replace(head, h('h1', { text: 'Job ' + (v.spec?.name || v.id.slice(0, 12)) }),
      v.state === 'pending' || v.state === 'running'
        ? h('button', { type: 'button', class: 'secondary', testid: 'cancel', onclick: () => cancel(v.id) }, 'Cancel job') : null);
    replace(summary, dl([
      ['State', h('span', { class: 'state state-' + v.state, testid: 'job-state', text: v.state })],
      v.reason ? ['Why', v.reason] : null,
      ['ID', h('code', { text: v.id })],
      ['Tasks', countLine(v)],
      ['Verification', v.spec?.verification || 'adaptive (default)'],
      ['Created', when(v.created_at)],
      v.ended_at ? ['Ended', when(v.ended_at)] : null,
      ['Auction rounds', String(v.rounds)],
    ]));
    drawGrid();
    drawResults();
    drawPayment();
  };

  const drawGrid = () => {
    const focused = grid.contains(document.activeElement) ? document.activeElement.dataset.index : null;
    replace(grid, view.tasks.map(t => {
      const a = current(t);
      const permille = t.state === 'verified' ? 1000 : (a?.permille || 0);
      const bar = h('span', { class: 'bar' });
      bar.style.width = (permille / 10) + '%'; // CSSOM, allowed by the CSP (style attributes are not)
      return h('button', { type: 'button', role: 'listitem', class: 'cell cell-' + t.state + (selected === t.index ? ' selected' : ''), 'data-state': t.state, 'data-index': t.index, testid: 'task-cell',
        'aria-label': `Task ${t.index}: ${t.state}${t.provider ? ', provider ' + t.provider.slice(0, 12) : ''}, ${permille / 10}% done, ${t.attempts.length} attempts`,
        onclick: () => select(t.index), onfocus: () => select(t.index) },
      h('span', { class: 'cell-index', text: '#' + t.index }),
      h('span', { class: 'cell-state', text: t.state }),
      h('span', { class: 'cell-provider', text: t.provider ? t.provider.slice(-6) : '—' }),
      h('span', { class: 'progress', role: 'presentation' }, bar));
    }));
    // A live update must not take the keyboard's place away.
    if (focused !== null) grid.querySelector(`[data-index="${focused}"]`)?.focus({ preventScroll: true });
    if (selected !== null) drawDetail();
  };

  const select = i => {
    if (selected === i) return;
    selected = i;
    for (const c of grid.children) c.classList.toggle('selected', c.dataset.index === String(i));
    drawDetail();
  };

  const drawDetail = () => {
    const t = view.tasks.find(t => t.index === selected);
    if (!t) return;
    replace(detail, h('h3', { text: `Task ${t.index}: ${t.state}` }),
      t.reason ? h('p', { text: t.reason }) : null,
      table([
        { label: 'Attempt', cell: a => '#' + a.n },
        { label: 'Provider', cell: a => ident(a.provider, 16) },
        { label: 'State', cell: a => h('span', { class: 'state state-' + a.state, text: a.state }) },
        { label: 'Why', cell: a => [a.reason, a.failure && `program failure: ${a.failure}`, a.unpaid && `unpaid: ${a.unpaid}`].filter(Boolean).join('; ') || '—' },
        { label: 'Progress', cell: a => a.permille ? (a.permille / 10).toFixed(1) + '%' : '—' },
        { label: 'Price', cell: a => deco(a.price) },
        { label: 'Paid', cell: a => a.paid ? 'yes' : 'no' },
        { label: 'Checker', cell: a => a.checker || '—' },
        { label: 'Started', cell: a => when(a.started) },
      ], t.attempts, { empty: 'No attempt yet.', testid: 'attempts' }));
  };

  const drawResults = () => {
    replace(results, table([
      { label: 'Task', cell: t => '#' + t.index },
      { label: 'Verification', cell: t => h('span', { testid: 'verification' }, verification(t, view)) },
      { label: 'Outputs', cell: t => outputs(t) },
    ], view.tasks, { testid: 'result-table' }));
  };

  const drawPayment = () => {
    const p = view.payment;
    const paid = view.tasks.flatMap(t => t.attempts.filter(a => a.paid).map(a => ({ task: t.index, ...a })));
    replace(payment,
      p ? dl([
        ['Escrow', ident(p.escrow_contract, 14)],
        ['Deposit', deco(p.deposit)],
        ['Spent (vouchers)', deco(p.spent)],
        ['Redeemed', deco(p.redeemed)],
        ['Pending', deco(p.pending)],
        ['Refunded', deco(p.refunded)],
        ['Deadline', when(p.deadline)],
        ['Closed', p.closed ? 'yes' : 'no'],
        p.note ? ['Note', p.note] : null,
      ], { testid: 'payment-facts' }) : h('p', { text: 'No escrow: this job runs without payments.' }),
      h('h3', { text: 'Paid attempts' }),
      table([
        { label: 'Task', cell: a => '#' + a.task },
        { label: 'Attempt', cell: a => '#' + a.n },
        { label: 'Provider', cell: a => ident(a.provider, 16) },
        { label: 'Price', cell: a => deco(a.price) },
        { label: 'For', cell: a => a.failure ? `a failure (${a.failure}), ${deco(a.failure_pay)}` : a.segment ? `${a.segment / 10}% done before a resume` : 'its result' },
      ], paid, { empty: 'Nothing paid yet.', testid: 'paid-table' }));
  };

  const cancel = async jid => {
    try {
      render(await post(`/v1/jobs/${jid}/cancel`));
      solved('cancel');
    } catch (e) {
      problem('cancel', `Cancelling the job failed: ${sentence(e.message)}`);
    }
  };

  load(scope, 'the job', () => get('/v1/jobs/' + encodeURIComponent(id)), v => {
    render(v);
    load(scope, 'the job\'s logs', () => get(`/v1/jobs/${v.id}/logs`), ls => (ls || []).forEach(addLog));
    const stop = stream(scope, `/v1/jobs/${v.id}/events`, 'the job', {
      job: render,
      message: addLog,
      end: () => {
        stop();
        // The last view came before end; fetch once more in case.
        get('/v1/jobs/' + v.id).then(x => scope.alive && render(x), () => {});
      },
    });
  }, e => replace(summary, h('p', { class: 'field-error', role: 'alert', text: `This job could not be shown: ${e.message}` })));
}

function legend() {
  return h('p', { class: 'legend' }, ['pending', 'bidding', 'assigned', 'running', 'verifying', 'submitted', 'verified', 'retrying', 'failed', 'cancelled'].map(s =>
    h('span', { class: 'legend-item' }, h('span', { class: 'swatch cell-' + s }), s)));
}

function countLine(v) {
  const c = {};
  for (const t of v.tasks) c[t.state] = (c[t.state] || 0) + 1;
  return Object.entries(c).map(([s, n]) => `${n} ${s}`).join(', ') + ` of ${v.tasks.length}`;
}

// current is the attempt a task's cell shows: the accepted one, else the
// latest.
function current(t) {
  const as = t.attempts || [];
  return as.find(a => a.state === 'verified') || as[as.length - 1];
}

function verification(t, v) {
  const as = t.attempts || [];
  const rejected = as.filter(a => a.state === 'rejected').length;
  const checker = as.map(a => a.checker).filter(Boolean).pop();
  const parts = [];
  if (t.state === 'verified') {
    const accepted = as.find(a => a.state === 'verified');
    if (accepted?.unchecked) parts.push('verified, unchecked (accepted without a replica)');
    else if (t.replicas > 1) parts.push(`verified by quorum ${t.quorum}/${t.replicas}`);
    else parts.push(`verified (${v.spec?.verification || 'adaptive'})`);
  } else parts.push(t.state);
  if (rejected) parts.push(`${rejected} result${rejected > 1 ? 's' : ''} rejected`);
  if (checker) parts.push('checker: ' + checker);
  return parts.join('; ');
}

const imageNames = /\.(png|jpe?g|gif)$/i;

function outputs(t) {
  if (t.state !== 'verified') return '—';
  const entries = t.outputs?.entries || [];
  const logs = [['stdout', t.stdout], ['stderr', t.stderr]].filter(([, c]) => c);
  const figure = h('div', { class: 'preview' });
  return [
    h('ul', { class: 'plain outputs' },
      entries.map(e => h('li', {},
        h('code', { text: e.path }), ` (${bytes(e.size)}) `,
        h('button', { type: 'button', class: 'link', testid: 'download', onclick: ev => download(ev.target, e.cid, e.path.split('/').pop()) }, 'Download'),
        imageNames.test(e.path) || e.size < 64 << 20
          ? [' ', h('button', { type: 'button', class: 'link', testid: 'preview', 'data-path': e.path, onclick: ev => preview(ev.target, figure, e) }, 'Preview')]
          : null)),
      logs.map(([name, cid]) => h('li', {}, h('code', { text: name }), ' ',
        h('button', { type: 'button', class: 'link', onclick: ev => download(ev.target, cid, `task-${t.index}.${name}.txt`) }, 'Download'), ' ',
        h('button', { type: 'button', class: 'link', testid: 'show-log', 'data-stream': name, onclick: ev => preview(ev.target, figure, { cid, path: name }) }, 'Show')))),
    figure,
  ];
}

async function fetchBlob(button, cid) {
  button.disabled = true;
  try {
    const b = await get('/v1/blobs/' + cid, { blob: true });
    solved('blob');
    return b;
  } catch (e) {
    problem('blob', `Fetching the output ${cid.slice(0, 16)}… failed: ${sentence(e.message)} Try the button again.`);
    return null;
  } finally {
    button.disabled = false;
  }
}

async function download(button, cid, name) {
  const b = await fetchBlob(button, cid);
  if (!b) return;
  const url = URL.createObjectURL(b);
  const a = h('a', { href: url, download: name, hidden: true });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60000);
}

// sniff names an image type from its first bytes (outputs are served as
// octet-stream, and a name may lie either way).
function sniff(b) {
  if (b.length >= 8 && b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47) return 'image/png';
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'image/jpeg';
  if (b.length >= 6 && b[0] === 0x47 && b[1] === 0x49 && b[2] === 0x46 && b[3] === 0x38) return 'image/gif';
  return '';
}

async function preview(button, figure, e) {
  const b = await fetchBlob(button, e.cid);
  if (!b) return;
  const head = new Uint8Array(await b.slice(0, 16).arrayBuffer());
  const type = sniff(head);
  if (!type) {
    const text = await b.slice(0, 4096).text();
    replace(figure, h('pre', { class: 'text-preview', testid: 'text-preview', text: text + (b.size > 4096 ? '\n…' : '') }));
    return;
  }
  const url = URL.createObjectURL(new Blob([b], { type }));
  const img = h('img', { src: url, alt: `Preview of ${e.path}`, testid: 'preview-img', 'data-path': e.path });
  img.addEventListener('error', () => replace(figure, h('p', { class: 'field-error', text: `${e.path} looks like ${type} but does not decode.` })));
  replace(figure, h('figure', {}, img, h('figcaption', { text: e.path })));
}
