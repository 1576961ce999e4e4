// What keeps pages current and says so when it can not: the banner of
// problems, retried loads, and server-sent event streams that reconnect
// with backoff.
import { h, replace } from './dom.js';
import { get } from './api.js';

const problems = new Map(); // key -> sentence shown in the banner

// problem shows (or updates) a sentence in the banner under key.
export function problem(key, text) {
  problems.set(key, text);
  render();
}

// solved removes key's sentence; the banner hides when none is left.
export function solved(key) {
  if (problems.delete(key)) render();
}

export function clearProblems() {
  problems.clear();
  render();
}

function render() {
  const el = document.getElementById('banner');
  el.hidden = problems.size === 0;
  replace(el, [...problems.values()].map(t => h('p', { text: t })));
}

const first = 1000, most = 30000;

// sentence ends a message with a full stop unless it has its own.
export const sentence = m => /[.?!]$/.test(m) ? m : m + '.';

// A Scope is what one page holds while it is shown: timers and streams
// end with it, and late answers for a page already left are dropped.
export class Scope {
  constructor() {
    this.alive = true;
    this.cleanups = [];
  }
  onEnd(f) { this.cleanups.push(f); }
  end() {
    this.alive = false;
    for (const f of this.cleanups.splice(0)) f();
  }
  // timer runs f after ms unless the page is left first.
  timer(ms, f) {
    const t = setTimeout(() => { if (this.alive) f(); }, ms);
    this.onEnd(() => clearTimeout(t));
  }
}

// load calls fetcher until it succeeds (backing off, saying in the banner
// what failed and when it retries) and hands the result to show. Errors a
// retry can not fix (404, 400, 409) go to onFail instead when given.
export function load(scope, what, fetcher, show, onFail) {
  const key = 'load:' + what;
  let delay = first;
  const attempt = async () => {
    try {
      const v = await fetcher();
      if (!scope.alive) return;
      solved(key);
      show(v);
    } catch (e) {
      if (!scope.alive) return;
      if (onFail && e.status >= 400 && e.status < 500 && e.status !== 401 && e.status !== 429) {
        solved(key);
        onFail(e);
        return;
      }
      problem(key, `Loading ${what} failed: ${sentence(e.message)} Retrying in ${Math.round(delay / 1000)} s.`);
      scope.timer(delay, attempt);
      delay = Math.min(delay * 2, most);
    }
  };
  scope.onEnd(() => solved(key));
  attempt();
}

// stream follows the server-sent events at path while scope lives.
// handlers maps event names to functions of the parsed data ("message"
// for unnamed events). A lost stream reconnects with backoff after asking
// the node why it was lost (EventSource hides the status), and the banner
// says so until it is back. Calling the returned stop() ends it for good
// (a job's stream after its end event).
export function stream(scope, path, what, handlers) {
  const key = 'stream:' + path;
  let es = null, delay = first, stopped = false, timer = null;
  const stop = () => {
    stopped = true;
    clearTimeout(timer);
    if (es) es.close();
    solved(key);
  };
  const connect = () => {
    if (stopped || !scope.alive) return;
    es = new EventSource(path, { withCredentials: true });
    es.onopen = () => { delay = first; solved(key); };
    for (const [name, f] of Object.entries(handlers)) {
      es.addEventListener(name, ev => {
        if (stopped) return;
        let data;
        try { data = JSON.parse(ev.data); } catch (_) { return; }
        f(data, ev);
      });
    }
    es.onerror = async () => {
      es.close();
      if (stopped || !scope.alive) return;
      let why = 'the connection to the node dropped';
      try {
        await get('/v1/session');
      } catch (e) {
        why = e.message;
      }
      if (stopped || !scope.alive) return;
      problem(key, `Live updates of ${what} stopped: ${sentence(why)} Reconnecting in ${Math.round(delay / 1000)} s.`);
      timer = setTimeout(connect, delay);
      delay = Math.min(delay * 2, most);
    };
  };
  scope.onEnd(stop);
  connect();
  return stop;
}
