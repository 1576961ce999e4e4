import { h } from '../dom.js';
import { post } from '../api.js';
import { loggedIn } from '../main.js';

// loginPage asks for the node's API token once and trades it for a
// session cookie (HttpOnly: this page's code never sees it). The token is
// cleared from the field and kept nowhere.
export function loginPage(main) {
  const token = h('input', { id: 'login-token', name: 'token', type: 'password', autocomplete: 'current-password', required: true, 'aria-describedby': 'login-help', testid: 'login-token' });
  const err = h('p', { class: 'field-error', role: 'alert', id: 'login-error', testid: 'login-error', hidden: true });
  const button = h('button', { type: 'submit', testid: 'login-submit' }, 'Log in');
  const form = h('form', { class: 'card narrow', testid: 'login-form', onsubmit: async ev => {
    ev.preventDefault();
    button.disabled = true;
    err.hidden = true;
    const value = token.value.trim();
    token.value = '';
    try {
      await post('/v1/session', { token: value }, { noRedirect: true });
      loggedIn();
    } catch (e) {
      err.textContent = e.status === 401
        ? `The node refused the token: ${e.message}`
        : `Logging in failed: ${e.message}`;
      err.hidden = false;
      token.setAttribute('aria-invalid', 'true');
      token.focus();
    } finally {
      button.disabled = false;
    }
  } },
  h('label', { for: 'login-token' }, 'API token'),
  token,
  h('p', { id: 'login-help', class: 'help' },
    'The node\'s token is api.token in its config.yaml (for a devnet: the "token" of the consumer node in devnet.json). ',
    'The dashboard trades it for a session cookie and does not keep it.'),
  err,
  button);
  main.append(h('h1', { text: 'Log in to this node' }), form);
  token.focus();
}
