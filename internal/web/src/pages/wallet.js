import { h, replace, table, dl, ident, when, deco } from '../dom.js';
import { get, post } from '../api.js';
import { load, stream, problem, solved, sentence } from '../live.js';

const noChain = 'This node runs without payments: it has no wallet, escrows or stake. Start it with a chain (a devnet has one unless --no-chain) to see them here.';

// walletPage: the node's account, stake, escrows (as a consumer),
// earnings (as a provider) and transactions. The wallet has no stream of
// its own; it is fetched again whenever the node's job or status events
// say something moved (at most every 2 s), and every 15 s.
export function walletPage(main, scope) {
  const body = h('div', { testid: 'wallet' }, h('p', { text: 'Loading the wallet…' }));
  main.append(h('h1', { text: 'Wallet' }), body);
  let busy = false, again = false, last = 0;
  const refresh = () => {
    if (busy) { again = true; return; }
    const wait = Math.max(0, last + 2000 - Date.now());
    busy = true;
    scope.timer(wait, () => {
      last = Date.now();
      get('/v1/wallet').then(w => { solved('wallet'); scope.alive && show(body, w, refresh); }, e => {
        if (e.code === 'no_chain') replace(body, h('p', { class: 'notice', testid: 'no-chain', text: noChain }));
        else problem('wallet', `Loading the wallet failed: ${sentence(e.message)} Retrying with the next update.`);
      }).finally(() => {
        busy = false;
        if (again) { again = false; refresh(); }
      });
    });
  };
  scope.onEnd(() => solved('wallet'));
  load(scope, 'the wallet', () => get('/v1/wallet'), w => show(body, w, refresh),
    e => e.code === 'no_chain' ? replace(body, h('p', { class: 'notice', testid: 'no-chain', text: noChain }))
      : replace(body, h('p', { class: 'field-error', role: 'alert', text: `The wallet could not be shown: ${e.message}` })));
  stream(scope, '/v1/events', 'the wallet', { jobs: refresh, status: refresh });
  // Some moves come with no event (a refund at an escrow's deadline, a
  // transfer by someone else): look again every 15 s as well.
  const tick = () => scope.timer(15000, () => { refresh(); tick(); });
  tick();
}

function show(body, w, refresh) {
  const st = w.stake || {};
  const redeem = h('button', { type: 'button', class: 'secondary', testid: 'redeem', onclick: async () => {
    redeem.disabled = true;
    try {
      const r = await post('/v1/wallet/redeem');
      solved('redeem');
      if (r.error) problem('redeem', `Some vouchers were not redeemed: ${r.error}`);
      refresh();
    } catch (e) {
      problem('redeem', `Redeeming failed: ${sentence(e.message)}`);
    } finally {
      redeem.disabled = false;
    }
  } }, 'Redeem vouchers');
  replace(body,
    w.error ? h('p', { class: 'notice', role: 'status', text: `Part of the wallet could not be read: ${w.error}` }) : null,
    h('section', { 'aria-labelledby': 'h-acct' }, h('h2', { id: 'h-acct', text: 'Account' }), dl([
      ['Address', h('code', { text: w.address })],
      ['Balance', h('span', { testid: 'balance', text: w.balance + ' DECO' })],
      ['Gas', w.gas_balance + ' ETH'],
    ])),
    h('section', { 'aria-labelledby': 'h-stake' }, h('h2', { id: 'h-stake', text: 'Stake' }), dl([
      ['Bonded', deco(st.bonded)],
      ['Unbonding', st.unbond_at ? h('span', {}, deco(st.unbonding), ', free from ', when(st.unbond_at)) : deco(st.unbonding)],
      ['Minimum to bid', deco(st.min_stake)],
      ['Can bid', st.can_bid ? 'yes' : 'no'],
      ['Bound to this peer', st.peer_bound ? 'yes' : 'no'],
    ], { testid: 'stake' })),
    h('section', { 'aria-labelledby': 'h-esc' }, h('h2', { id: 'h-esc', text: 'Escrows of this node\'s jobs' }), table([
      { label: 'Job', cell: e => h('a', { href: '/jobs/' + e.job }, e.name || e.job.slice(0, 12)) },
      { label: 'Deposit', cell: e => deco(e.deposit) },
      { label: 'Spent', cell: e => deco(e.spent) },
      { label: 'Redeemed', cell: e => deco(e.redeemed) },
      { label: 'Refunded', cell: e => deco(e.refunded) },
      { label: 'Open', cell: e => e.closed ? 'closed' : h('span', {}, 'open, refund from ', when(e.refund_at)) },
    ], (w.escrows || []).slice().sort((a, b) => (a.closed - b.closed)), { empty: 'No escrows: this node has not paid for jobs.', testid: 'escrows' })),
    h('section', { 'aria-labelledby': 'h-earn' }, h('div', { class: 'titlebar' }, h('h2', { id: 'h-earn', text: 'Earnings (vouchers and redemptions)' }),
      (w.earnings || []).some(e => e.pending && e.pending !== '0') ? redeem : null), table([
      { label: 'Job', cell: e => ident(e.job, 12) },
      { label: 'Consumer', cell: e => ident(e.consumer, 12) },
      { label: 'Latest voucher', cell: e => deco(e.latest) },
      { label: 'Redeemed', cell: e => deco(e.redeemed) },
      { label: 'Pending', cell: e => deco(e.pending) },
      { label: 'Last voucher', cell: e => when(e.last_voucher_at) },
      { label: 'State', cell: e => e.closed ? (e.lost && e.lost !== '0' ? `closed, ${deco(e.lost)} lost` : 'closed') : 'open' },
    ], w.earnings || [], { empty: 'No earnings: this node has not been paid as a provider.', testid: 'earnings' })),
    h('section', { 'aria-labelledby': 'h-tx' }, h('h2', { id: 'h-tx', text: 'Transactions' }), table([
      { label: 'Transaction', cell: t => h('a', { href: '/wallet/tx/' + t.hash, testid: 'tx-link' }, t.hash.slice(0, 14) + '…') },
      { label: 'Kind', cell: t => t.kind },
      { label: 'Job', cell: t => t.job ? h('a', { href: '/jobs/' + t.job }, t.job.slice(0, 12))
        : (t.jobs || []).length ? h('span', {}, `${t.jobs.length} jobs together`) : '—' },
      { label: 'Status', cell: t => h('span', { class: 'state state-' + t.status, text: t.status }) },
      { label: 'Block', cell: t => String(t.block ?? '—') },
      { label: 'When', cell: t => when(t.at) },
    ], w.transactions || [], { empty: 'No transactions sent by this node yet.', testid: 'transactions' })));
}

// txPage shows one transaction as the node's chain has it.
export function txPage(main, scope, [hash]) {
  const body = h('div', { testid: 'tx' }, h('p', { text: 'Loading the transaction…' }));
  main.append(h('h1', { text: 'Transaction' }), h('p', {}, h('a', { href: '/wallet' }, '← Wallet')), body);
  load(scope, 'the transaction', () => get('/v1/wallet/tx/' + encodeURIComponent(hash)), t => replace(body,
    dl([
      ['Hash', h('code', { text: t.hash })],
      ['Kind', t.kind || '—'],
      ['Status', h('span', { class: 'state state-' + t.status, text: t.status })],
      ['Block', String(t.block)],
      ['From', h('code', { text: t.from })],
      ['To', h('code', { text: t.to })],
      ['Gas used', String(t.gas_used)],
      t.job ? ['Job', h('a', { href: '/jobs/' + t.job }, t.job.slice(0, 12))] : null,
    ], { testid: 'tx-facts' }),
    h('h2', { text: 'Events' }),
    table([
      { label: 'Event', cell: e => e.name },
      { label: 'Contract', cell: e => e.contract || '—' },
      { label: 'Arguments', cell: e => dl(Object.entries(e.args || {}).map(([k, v]) => [k, h('code', { text: typeof v === 'string' ? v : JSON.stringify(v) })])) },
    ], t.events || [], { empty: 'The transaction emitted no events.', testid: 'tx-events' })),
  e => replace(body, h('p', { class: e.code === 'no_chain' ? 'notice' : 'field-error', role: 'alert', text: e.code === 'no_chain' ? noChain : `This transaction could not be shown: ${e.message}` })));
}
