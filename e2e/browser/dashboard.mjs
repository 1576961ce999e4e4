// Drives Debian's chromium through a devnet node's dashboard (run by
// e2e's TestDashboardBrowser; see README "Dashboard"):
//   log in with the keyboard, watch the network page fill, submit the
//   render job through the form, watch its task grid reach completed,
//   preview a PNG output, see the wallet move, submit hello.yaml through
//   the YAML editor and read a task's stdout; then the same pages at
//   phone width (390x844) without horizontal scrolling; last, stop the
//   node and read the banner that says it is unreachable.
// Every wait is on a condition with a deadline. Screenshots go to
// DECO_ARTIFACTS.
//
// Environment: DECO_URL (the node's API/dashboard URL), DECO_TOKEN,
// DECO_ARTIFACTS (screenshot folder), DECO_EXAMPLES (the repository's
// examples folder: the render module, jobs/hello.yaml and its files), DECO_NODE_PID (the node to stop at the end), CHROMIUM
// (default /usr/bin/chromium).
import { chromium } from 'playwright-core';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const env = name => {
  const v = process.env[name];
  if (!v) throw new Error(`set ${name} (TestDashboardBrowser does)`);
  return v;
};
const url = env('DECO_URL').replace(/\/$/, '');
const token = env('DECO_TOKEN');
const shots = env('DECO_ARTIFACTS');
const examples = env('DECO_EXAMPLES');
const wasm = join(examples, 'render', 'render.wasm');
const nodePid = Number(process.env.DECO_NODE_PID || 0);
mkdirSync(shots, { recursive: true });

// Deadlines are generous: the test machine may be a loaded 2-core box.
const S = 1000, MIN = 60 * S;
const t0 = Date.now();
const log = msg => console.log(`[${((Date.now() - t0) / 1000).toFixed(1)}s] ${msg}`);

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  // CI runs as root, where chromium's sandbox can not start.
  args: ['--no-sandbox', '--disable-dev-shm-usage'],
  timeout: 2 * MIN,
});
let page;
const consoleErrors = [];

async function shot(p, name) {
  const file = join(shots, name + '.png');
  await p.screenshot({ path: file, fullPage: true, timeout: MIN });
  log('screenshot ' + file);
}

// newPage opens a context with its own cookie jar at the given viewport,
// recording the page's console errors (a CSP violation shows up there).
async function newPage(viewport) {
  const ctx = await browser.newContext({ viewport, acceptDownloads: true });
  ctx.setDefaultTimeout(MIN);
  const p = await ctx.newPage();
  // Failed requests are logged too; those the test causes (the first
  // session check, the stopped node) are the banner's business.
  p.on('console', m => { if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) consoleErrors.push(`${p.url()}: ${m.text()}`); });
  p.on('pageerror', e => consoleErrors.push(`${p.url()}: ${e.message}`));
  return p;
}

// tabTo presses Tab until the element matching selector has the focus,
// failing after max presses; it checks the focus is visible on the way.
async function tabTo(p, selector, max = 40, key = 'Tab') {
  for (let i = 0; i < max; i++) {
    await p.keyboard.press(key);
    const hit = await p.evaluate(sel => {
      const el = document.activeElement;
      if (!el || el === document.body) return { at: 'body' };
      const style = getComputedStyle(el);
      const visible = el.matches(':focus-visible') && style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
      return { at: el.outerHTML.slice(0, 80), match: el.matches(sel), visible };
    }, selector);
    if (hit.match) {
      if (!hit.visible) throw new Error(`${selector} has the focus but no visible focus outline`);
      return i + 1;
    }
  }
  throw new Error(`${max} ${key} presses did not reach ${selector}`);
}

async function login(p) {
  await p.goto(url + '/', { waitUntil: 'domcontentloaded' });
  await p.waitForURL(/\/login$/, { timeout: MIN });
  await p.getByTestId('login-form').waitFor({ timeout: MIN });
  // Keyboard only: the token field has the focus; Shift+Tab goes back to
  // the skip link, whose Enter moves to the content, where Tab reaches the
  // token field again.
  await p.waitForFunction(() => document.activeElement?.getAttribute('data-testid') === 'login-token', null, { timeout: MIN });
  await tabTo(p, '[data-testid="skip-link"]', 10, 'Shift+Tab');
  await p.keyboard.press('Enter');
  await p.waitForFunction(() => document.activeElement?.id === 'main', null, { timeout: MIN });
  await tabTo(p, '[data-testid="login-token"]');
  await p.keyboard.type(token);
  await p.keyboard.press('Enter');
  await p.getByTestId('nav-network').waitFor({ state: 'visible', timeout: MIN });
  await p.waitForURL(u => !u.pathname.endsWith('/login'), { timeout: MIN });
  const kept = await p.evaluate(t => JSON.stringify(localStorage).includes(t) || JSON.stringify(sessionStorage).includes(t) || location.href.includes(t) || document.cookie.includes(t), token);
  if (kept) throw new Error('the token is kept in storage, the URL or a script-readable cookie after login');
}

// figures reads the wallet page (run in the page).
function figures() {
  return {
    balance: document.querySelector('[data-testid="balance"]')?.textContent,
    escrows: document.querySelectorAll('[data-testid="escrows"] tbody tr').length,
    txs: document.querySelectorAll('[data-testid="tx-link"]').length,
  };
}

async function walletFigures(p) {
  await p.goto(url + '/wallet');
  await p.getByTestId('balance').waitFor({ timeout: 2 * MIN });
  return p.evaluate(figures);
}

async function noHorizontalScroll(p, what) {
  const w = await p.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
  if (w.scroll > w.client + 1) throw new Error(`${what} scrolls sideways at phone width: ${w.scroll}px of content in ${w.client}px`);
}

// submitted waits for the job's page, or fails at once with the words of
// the form's errors.
async function submitted(p) {
  const refused = p.getByTestId('form-errors').waitFor({ state: 'visible', timeout: 2 * MIN }).then(async () => {
    throw new Error('the node refused the job: ' + await p.getByTestId('form-errors').textContent());
  }, () => {});
  await Promise.race([p.waitForURL(/\/jobs\/[0-9a-f]+$/, { timeout: 2 * MIN }), refused]);
}

let jobURL = '';
try {
  // Desktop pass.
  page = await newPage({ width: 1280, height: 900 });
  log(`log in at ${url}`);
  await login(page);
  await page.goto(url + '/network');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="provider-table"] tbody tr').length >= 1, null, { timeout: 2 * MIN });
  await page.getByTestId('node-facts').waitFor({ timeout: MIN });
  await page.getByTestId('plot-svg').waitFor({ timeout: 2 * MIN }); // two samples: about 10 s
  log('network page shows providers, this node and the plot');
  await shot(page, 'desktop-network');

  const before = await walletFigures(page);
  log(`wallet before: ${JSON.stringify(before)}`);
  await shot(page, 'desktop-wallet-before');

  // The submit page, keyboard first: every field is reachable with Tab.
  await page.goto(url + '/submit');
  await page.getByTestId('submit-form').waitFor();
  for (const id of ['mode-fields', 'field-name', 'field-module', 'field-tasks', 'field-args', 'field-inputs', 'field-timeout', 'field-memory', 'field-price', 'field-verification', 'submit']) {
    await tabTo(page, `[data-testid="${id}"]`);
  }
  log('tabbed through the submit form');
  // examples/jobs/render.yaml as fields.
  await page.getByTestId('field-name').fill('render');
  await page.getByTestId('field-module').setInputFiles(wasm);
  await page.getByTestId('field-tasks').fill('8');
  await page.getByTestId('field-args').fill('--tile {{index}} --tiles {{count}} --width 640 --height 480');
  await page.getByTestId('field-timeout').fill('5m');
  await page.getByTestId('field-memory').fill('256MiB');
  await page.getByTestId('field-price').fill('0.02');
  await shot(page, 'desktop-submit');
  await page.getByTestId('submit').focus();
  await page.keyboard.press('Enter');
  await submitted(page);
  jobURL = page.url();
  log('submitted; job page ' + jobURL);

  await page.waitForFunction(() => document.querySelectorAll('[data-testid="task-cell"]').length === 8, null, { timeout: MIN });
  await page.waitForFunction(() => document.querySelector('[data-testid="job-state"]')?.textContent === 'completed', null, { timeout: 6 * MIN, polling: 500 });
  const states = await page.$$eval('[data-testid="task-cell"]', cs => cs.map(c => c.dataset.state));
  if (states.some(s => s !== 'verified')) throw new Error(`the job completed but the grid shows ${states.join(', ')}`);
  log('the grid reached completed: ' + states.join(' '));
  await page.getByTestId('task-cell').first().click();
  await page.locator('[data-testid="attempts"] tbody tr').first().waitFor();
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="logs"] li').length > 0, null, { timeout: MIN });
  await shot(page, 'desktop-job-completed');

  const png = page.locator('[data-testid="preview"][data-path$=".png"]').first();
  await png.click();
  const img = page.getByTestId('preview-img');
  await img.waitFor({ timeout: MIN });
  await page.waitForFunction(() => {
    const i = document.querySelector('[data-testid="preview-img"]');
    return i && i.complete && i.naturalWidth > 0;
  }, null, { timeout: MIN });
  const size = await img.evaluate(i => `${i.naturalWidth}x${i.naturalHeight}`);
  log('PNG preview decoded: ' + size);
  await img.scrollIntoViewIfNeeded();
  await shot(page, 'desktop-preview');
  await page.getByTestId('payment-facts').waitFor({ timeout: MIN });

  // The wallet moved: an escrow opened for the job and DECO left the
  // balance (the deposit; later a refund of what was not spent).
  // The wallet page refreshes itself (on the node's events, and every 15 s).
  await walletFigures(page);
  try {
    await page.waitForFunction(b => {
      const balance = document.querySelector('[data-testid="balance"]')?.textContent;
      const escrows = document.querySelectorAll('[data-testid="escrows"] tbody tr').length;
      return balance !== b.balance && escrows > b.escrows;
    }, before, { timeout: 3 * MIN, polling: 500 });
  } catch (e) {
    throw new Error(`the wallet did not move in 3 min: before ${JSON.stringify(before)}, now ${JSON.stringify(await page.evaluate(figures))}`);
  }
  const after = await page.evaluate(figures);
  log(`wallet after: ${JSON.stringify(after)}`);
  await shot(page, 'desktop-wallet-after');
  if (after.txs > 0) {
    await page.getByTestId('tx-link').first().click();
    await page.getByTestId('tx-facts').waitFor({ timeout: MIN });
    await page.locator('[data-testid="tx-events"] tbody tr').first().waitFor({ timeout: MIN });
    await shot(page, 'desktop-tx');
  }

  // The YAML editor: examples/jobs/hello.yaml with a file picked for
  // each path it names; the job's programs print to stdout.
  const hello = join(examples, 'jobs', 'hello.yaml');
  await page.goto(url + '/submit');
  await page.getByTestId('mode-yaml').click();
  // The node takes paths inside the spec's folder only, so the module's
  // ../hello/hello.wasm becomes a plain name (the editor says so too).
  await page.getByTestId('field-spec').fill(readFileSync(hello, 'utf8'));
  await page.locator('[data-testid="yaml-file"][data-path="../hello/hello.wasm"] ~ .field-error').waitFor({ timeout: MIN });
  await page.getByTestId('field-spec').fill(readFileSync(hello, 'utf8').replace('../hello/hello.wasm', 'hello.wasm'));
  const files = { 'hello.wasm': join(examples, 'hello', 'hello.wasm'), 'data/greeting.txt': join(examples, 'jobs', 'data', 'greeting.txt') };
  for (const [p, file] of Object.entries(files)) {
    const picker = page.locator(`[data-testid="yaml-file"][data-path="${p}"]`);
    await picker.waitFor({ timeout: MIN });
    await picker.setInputFiles(file);
  }
  await page.getByTestId('submit-yaml').click();
  await submitted(page);
  await page.waitForFunction(() => document.querySelector('[data-testid="job-state"]')?.textContent === 'completed', null, { timeout: 6 * MIN, polling: 500 });
  // A task this short may end before a heartbeat carries its output to
  // the live log; its stdout file has it in any case.
  await page.locator('[data-testid="show-log"][data-stream="stdout"]').first().click();
  await page.waitForFunction(() => /hello from task 0 of 4/.test(document.querySelector('[data-testid="text-preview"]')?.textContent || ''), null, { timeout: MIN });
  log('hello.yaml through the YAML editor completed; task 0 printed its greeting');
  await shot(page, 'desktop-yaml-job');

  // Phone pass: a fresh browser session at 390x844.
  const phone = await newPage({ width: 390, height: 844 });
  await login(phone);
  let rows = 0;
  const gridWraps = async () => {
    // The grid fills in as the job's view arrives: wait for it to wrap
    // (bounded) rather than measure the first cells drawn.
    const wrapped = await phone.waitForFunction(() => {
      const cs = [...document.querySelectorAll('[data-testid="task-cell"]')];
      const n = new Set(cs.map(c => Math.round(c.getBoundingClientRect().top))).size;
      return n >= 2 ? n : false;
    }, null, { timeout: MIN, polling: 100 }).catch(() => null);
    if (!wrapped) throw new Error('the task grid does not wrap at phone width');
    rows = await wrapped.jsonValue();
  };
  const pages = [
    ['/network', '[data-testid="provider-table"] tbody tr'],
    ['/jobs', '[data-testid="job-table"] tbody tr'],
    [new URL(jobURL).pathname, '[data-testid="task-cell"]', gridWraps],
    ['/wallet', '[data-testid="balance"]'],
    ['/submit', '[data-testid="submit-form"]'],
  ];
  for (const [path, ready, check] of pages) {
    await phone.goto(url + path);
    await phone.locator(ready).first().waitFor({ timeout: 2 * MIN });
    await noHorizontalScroll(phone, path);
    if (check) await check();
    await shot(phone, 'phone' + path.replaceAll('/', '-'));
  }
  log('phone width: no page scrolls sideways; the grid wraps on ' + rows + ' rows');

  if (consoleErrors.length) throw new Error('the pages logged errors:\n' + consoleErrors.join('\n'));

  // The node goes away: the banner says so in words and that it retries.
  if (nodePid) {
    await page.goto(url + '/network');
    await page.getByTestId('node-facts').waitFor();
    process.kill(nodePid, 'SIGTERM');
    log(`stopped the node (pid ${nodePid})`);
    const banner = page.getByTestId('banner');
    await page.waitForFunction(() => {
      const b = document.querySelector('[data-testid="banner"]');
      return b && !b.hidden && /did not answer/.test(b.textContent) && /Reconnecting in \d+ s/.test(b.textContent);
    }, null, { timeout: 2 * MIN });
    log('banner: ' + await banner.textContent());
    await shot(page, 'desktop-unreachable');
  }
  log('PASS');
} catch (e) {
  console.log('FAIL: ' + (e.stack || e));
  if (page) await shot(page, 'failure').catch(() => {});
  if (consoleErrors.length) console.log('page errors:\n' + consoleErrors.join('\n'));
  await browser.close();
  process.exit(1);
}
await browser.close();
