// The dashboard's entry: the router and the session. Pages are functions
// of (main element, scope, route params) that build the page and keep it
// current until scope ends.
import { h, replace, announce } from './dom.js';
import { get, del, whenUnauthorized } from './api.js';
import { Scope, clearProblems, problem, solved, sentence } from './live.js';
import { loginPage } from './pages/login.js';
import { networkPage } from './pages/network.js';
import { jobsPage, jobPage } from './pages/jobs.js';
import { walletPage, txPage } from './pages/wallet.js';
import { submitPage } from './pages/submit.js';

const routes = [
  [/^\/login$/, loginPage, 'Log in'],
  [/^\/(network)?$/, networkPage, 'Network'],
  [/^\/jobs$/, jobsPage, 'Jobs'],
  [/^\/jobs\/([^/]+)$/, jobPage, 'Job'],
  [/^\/wallet$/, walletPage, 'Wallet'],
  [/^\/wallet\/tx\/([^/]+)$/, txPage, 'Transaction'],
  [/^\/submit$/, submitPage, 'Submit a job'],
];

let scope = null;
let authed = false;
let after = '/network'; // where to go once logged in

// go shows path (pushing it on the history unless replace).
export function go(path, replaceState = false) {
  if (replaceState) history.replaceState(null, '', path);
  else if (path !== location.pathname) history.pushState(null, '', path);
  show();
}

function show() {
  const path = location.pathname;
  if (!authed && path !== '/login') {
    after = path === '/' ? '/network' : path;
    history.replaceState(null, '', '/login');
    return show();
  }
  if (authed && path === '/login') {
    history.replaceState(null, '', after);
    return show();
  }
  if (scope) scope.end();
  scope = new Scope();
  const main = document.getElementById('main');
  replace(main);
  document.getElementById('nav').hidden = !authed;
  document.getElementById('logout').hidden = !authed;
  for (const a of document.querySelectorAll('#nav a')) {
    const here = path === a.getAttribute('href') || path.startsWith(a.getAttribute('href') + '/');
    if (here) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  }
  for (const [re, page, title] of routes) {
    const m = path.match(re);
    if (m) {
      document.title = title + ' · Deco';
      page(main, scope, m.slice(1).map(decodeURIComponent));
      // Keyboard and reader users land on the new page's heading.
      const h1 = main.querySelector('h1');
      if (h1 && document.activeElement !== document.querySelector('#login-token')) {
        h1.tabIndex = -1;
        h1.focus({ preventScroll: true });
      }
      return;
    }
  }
  document.title = 'Not found · Deco';
  replace(main, h('h1', { text: 'No such page' }), h('p', {}, 'Nothing lives at ', h('code', { text: path }), '. ', h('a', { href: '/network' }, 'Go to the network page'), '.'));
}

// loggedIn is what the login page calls after POST /v1/session.
export function loggedIn() {
  authed = true;
  announce('Logged in.');
  go(after, true);
}

function loggedOut() {
  authed = false;
  clearProblems();
  go('/login', true);
}

whenUnauthorized(() => {
  if (authed) {
    authed = false;
    after = location.pathname;
    announce('The session ended; log in again.');
    go('/login', true);
  }
});

// Links inside the dashboard change the page without reloading it.
document.addEventListener('click', ev => {
  const a = ev.target.closest && ev.target.closest('a');
  if (!a || ev.defaultPrevented || ev.button !== 0 || ev.metaKey || ev.ctrlKey || ev.shiftKey || ev.altKey) return;
  const href = a.getAttribute('href');
  if (a.classList.contains('skip')) {
    ev.preventDefault();
    document.getElementById('main').focus();
    return;
  }
  if (!href || !href.startsWith('/') || href.startsWith('/v1/') || a.hasAttribute('download') || a.target) return;
  ev.preventDefault();
  go(href);
});
window.addEventListener('popstate', show);

document.getElementById('logout').addEventListener('click', async () => {
  try {
    await del('/v1/session', { noRedirect: true });
  } catch (e) {
    if (e.status !== 401) {
      problem('logout', `Logging out failed: ${sentence(e.message)} The session stays until it expires or you try again.`);
      return;
    }
  }
  solved('logout');
  announce('Logged out.');
  loggedOut();
});

// start asks the node whether the browser holds a session, retrying while
// the node does not answer.
async function start(delay = 1000) {
  try {
    await get('/v1/session', { noRedirect: true });
    authed = true;
    solved('start');
  } catch (e) {
    if (e.status === 0 || e.status >= 500) {
      problem('start', `Reaching the node failed: ${sentence(e.message)} Retrying in ${Math.round(delay / 1000)} s.`);
      setTimeout(() => start(Math.min(delay * 2, 30000)), delay);
      return;
    }
    solved('start');
    authed = false;
  }
  show();
}

start();
