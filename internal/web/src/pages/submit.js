import { h, replace } from '../dom.js';
import { post } from '../api.js';
import { go } from '../main.js';

// submitPage starts a job: either from fields or from a job spec (YAML as
// `deco run -f` reads it) with a file picker for every local path the spec
// names. Both send multipart/form-data to POST /v1/jobs: a part "spec" and
// one file part per path, named by the path as the spec writes it.
export function submitPage(main) {
  const errors = h('div', { class: 'form-errors', role: 'alert', tabindex: -1, testid: 'form-errors', hidden: true });
  const fieldsForm = fieldsMode(errors);
  const yamlForm = yamlMode(errors);
  yamlForm.hidden = true;
  const tabs = h('div', { class: 'tabs', role: 'group', 'aria-label': 'How to describe the job' },
    h('button', { type: 'button', 'aria-pressed': 'true', testid: 'mode-fields', onclick: ev => pick(ev.target, fieldsForm) }, 'Fields'),
    h('button', { type: 'button', 'aria-pressed': 'false', testid: 'mode-yaml', onclick: ev => pick(ev.target, yamlForm) }, 'YAML'));
  const pick = (button, form) => {
    for (const b of tabs.children) b.setAttribute('aria-pressed', String(b === button));
    fieldsForm.hidden = form !== fieldsForm;
    yamlForm.hidden = form !== yamlForm;
    errors.hidden = true;
  };
  main.append(h('h1', { text: 'Submit a job' }), tabs, errors, fieldsForm, yamlForm);
}

// field is a labelled control with a place for its own error.
function field(id, label, control, help) {
  control.id = 'f-' + id;
  control.name = id;
  control.setAttribute('data-testid', 'field-' + id);
  const err = h('p', { class: 'field-error', id: `f-${id}-error`, hidden: true });
  const helpEl = help ? h('p', { class: 'help', id: `f-${id}-help`, text: help }) : null;
  control.setAttribute('aria-describedby', [helpEl && helpEl.id, err.id].filter(Boolean).join(' '));
  return h('div', { class: 'field', 'data-field': id }, h('label', { for: control.id, text: label }), control, helpEl, err);
}

// Spec paths and the form fields they belong to, for the API's field errors.
const fieldOf = [
  ['program', 'module'], ['tasks.count', 'tasks'], ['tasks.args', 'args'], ['tasks', 'tasks'], ['inputs', 'inputs'],
  ['resources.memory', 'memory'], ['timeout', 'timeout'], ['price', 'price'], ['verification', 'verification'], ['name', 'name'],
];

function fieldsMode(errors) {
  const c = {
    name: h('input', { type: 'text', value: 'job', required: true, autocomplete: 'off' }),
    module: h('input', { type: 'file', accept: '.wasm,application/wasm', required: true }),
    tasks: h('input', { type: 'number', min: 1, value: 1, required: true, inputmode: 'numeric' }),
    args: h('input', { type: 'text', autocomplete: 'off', spellcheck: 'false' }),
    inputs: h('input', { type: 'file', multiple: true }),
    spread: h('select', {}, h('option', { value: 'all' }, 'every task reads every file'),
      h('option', { value: 'list' }, 'one file per task: file i (in name order) to task i'),
      h('option', { value: 'glob' }, 'by pattern: task i reads the files matching it')),
    glob: h('input', { type: 'text', placeholder: 'shard-{{index}}.txt', autocomplete: 'off', spellcheck: 'false' }),
    timeout: h('input', { type: 'text', value: '5m', autocomplete: 'off' }),
    memory: h('input', { type: 'text', value: '256MiB', autocomplete: 'off' }),
    price: h('input', { type: 'text', value: '0.02', inputmode: 'decimal', autocomplete: 'off' }),
    verification: h('select', {}, ['adaptive', 'receipt', 'replicate:2', 'replicate:3'].map(v => h('option', { value: v }, v))),
  };
  const button = h('button', { type: 'submit', testid: 'submit' }, 'Start the job');
  const form = h('form', { class: 'card', testid: 'submit-form', novalidate: true, onsubmit: async ev => {
    ev.preventDefault();
    let data;
    try {
      data = fromFields(c);
    } catch (e) {
      return showErrors(form, errors, 'The job was not sent: fix the fields marked below.', e.fields || []);
    }
    await send(form, errors, button, data);
  } },
  field('name', 'Name', c.name),
  field('module', 'Module (.wasm)', c.module, 'The WebAssembly program every task runs.'),
  field('tasks', 'Tasks', c.tasks),
  field('args', 'Arguments', c.args, 'Separated by spaces; {{index}} is the task\'s index (from 0), {{count}} the number of tasks. Quote an argument with spaces.'),
  field('inputs', 'Input files', c.inputs, 'Each task reads them at /inputs/<name>.'),
  field('spread', 'Which task reads which input', c.spread),
  field('glob', 'Per-task pattern', c.glob, 'With "by pattern": {{index}} and * match file names, e.g. part-{{index}}-*.csv.'),
  field('timeout', 'Timeout per task', c.timeout, 'e.g. 90s, 5m, 1h'),
  field('memory', 'Memory per task', c.memory, 'e.g. 256MiB, 1GiB'),
  field('price', 'Max price per task (DECO)', c.price),
  field('verification', 'Verification policy', c.verification, 'adaptive replicates until a provider earns trust, then spot-checks; receipt trusts one signed result; replicate:K runs every task on K providers.'),
  button);
  return form;
}

// fromFields turns the fields into the multipart body.
function fromFields(c) {
  const fail = (field, msg) => { const e = new Error(msg); e.fields = [field + ': ' + msg]; throw e; };
  const module = c.module.files[0];
  if (!module) fail('module', 'pick the .wasm module the tasks run');
  const count = Number(c.tasks.value);
  if (!Number.isInteger(count) || count < 1) fail('tasks', 'a whole number of tasks, 1 or more');
  const files = [...c.inputs.files].sort((a, b) => a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
  const names = new Set([module.name]);
  for (const f of files) {
    if (names.has(f.name)) fail('inputs', `two files are named ${f.name}; rename one`);
    names.add(f.name);
  }
  let inputs = [];
  switch (c.spread.value) {
    case 'all':
      inputs = files.map(f => ({ path: f.name }));
      break;
    case 'list':
      if (files.length !== count) fail('inputs', `one file per task needs ${count} files; ${files.length} picked`);
      inputs = files.map((f, i) => ({ path: f.name, task: i }));
      break;
    case 'glob': {
      if (!c.glob.value.trim()) fail('glob', 'write the pattern each task\'s files match, e.g. shard-{{index}}.txt');
      for (let i = 0; i < count; i++) {
        const re = globRe(c.glob.value.trim(), i, count);
        const mine = files.filter(f => re.test(f.name));
        if (!mine.length) fail('glob', `no picked file matches the pattern for task ${i} (${expand(c.glob.value.trim(), i, count)})`);
        inputs.push(...mine.map(f => ({ path: f.name, task: i })));
      }
      break;
    }
  }
  const spec = {
    name: c.name.value.trim(),
    program: { wasm: module.name },
    tasks: { count, args: splitArgs(c.args.value) },
    resources: { memory: c.memory.value.trim() || undefined },
    timeout: c.timeout.value.trim() || undefined,
    price: { max: c.price.value.trim() || undefined },
    verification: c.verification.value,
  };
  if (inputs.length) spec.inputs = inputs;
  const data = new FormData();
  // JSON is YAML, and the node reads the spec as `deco run -f` does.
  data.append('spec', JSON.stringify(spec, null, 2));
  data.append(module.name, module, module.name);
  const used = new Set(inputs.map(i => i.path));
  for (const f of files) if (used.has(f.name)) data.append(f.name, f, f.name);
  return data;
}

function expand(s, i, n) { return s.replaceAll('{{index}}', String(i)).replaceAll('{{count}}', String(n)); }

function globRe(pattern, i, n) {
  const p = expand(pattern, i, n).replace(/[.+^${}()|[\]\\]/g, '\\$&').replaceAll('*', '[^/]*').replaceAll('?', '[^/]');
  return new RegExp('^' + p + '$');
}

// splitArgs splits on spaces, keeping "quoted words" together.
export function splitArgs(s) {
  const out = [];
  const re = /"([^"]*)"|'([^']*)'|(\S+)/g;
  let m;
  while ((m = re.exec(s))) out.push(m[1] ?? m[2] ?? m[3]);
  return out;
}

const example = `name: render
program:
  wasm: render.wasm
tasks:
  count: 8
  args: ["--tile", "{{index}}", "--tiles", "{{count}}", "--width", "640", "--height", "480"]
resources:
  memory: 256MiB
timeout: 5m
price:
  max: 0.02
`;

// yamlMode: a spec editor; every local path the spec names (program.wasm,
// inputs' path, checker.wasm) gets a file picker below it.
function yamlMode(errors) {
  const text = h('textarea', { rows: 16, spellcheck: 'false', autocapitalize: 'off' });
  text.value = example;
  const pickers = h('div', { class: 'pickers', testid: 'yaml-files' });
  const chosen = new Map(); // path -> File
  const rows = new Map(); // path -> its picker, kept while the spec names it
  const refresh = () => {
    const paths = specPaths(text.value);
    for (const p of [...chosen.keys()]) if (!paths.includes(p)) chosen.delete(p);
    for (const p of [...rows.keys()]) if (!paths.includes(p)) rows.delete(p);
    replace(pickers, paths.length ? paths.map(p => {
      if (!rows.has(p)) rows.set(p, picker(p, chosen));
      return rows.get(p);
    }) : h('p', { class: 'help', text: 'The spec names no local file (it may name blobs by cid).' }));
  };
  let timer = null;
  text.addEventListener('input', () => { clearTimeout(timer); timer = setTimeout(refresh, 400); });
  refresh();
  const button = h('button', { type: 'submit', testid: 'submit-yaml' }, 'Start the job');
  const form = h('form', { class: 'card', testid: 'yaml-form', novalidate: true, onsubmit: async ev => {
    ev.preventDefault();
    clearTimeout(timer);
    refresh();
    const missing = specPaths(text.value).filter(p => !chosen.get(p));
    if (missing.length) return showErrors(form, errors, 'pick a file for every path the spec names', missing.map(p => `spec: no file picked for ${p}`));
    const data = new FormData();
    data.append('spec', text.value);
    for (const [p, f] of chosen) data.append(p, f, f.name);
    await send(form, errors, button, data);
  } },
  field('spec', 'Job spec (YAML)', text, 'As `deco run -f` reads it; paths are relative names you pick files for below.'),
  pickers, button);
  return form;
}

let pickerCount = 0;

// picker is the file input for one path a spec names; a path the node
// would refuse (absolute, or climbing out with ..) says so at once.
function picker(path, chosen) {
  const id = 'yaml-file-' + pickerCount++;
  const note = h('p', { class: 'help' });
  const input = h('input', { type: 'file', id, 'data-path': path, testid: 'yaml-file', onchange: ev => {
    chosen.set(path, ev.target.files[0]);
    note.textContent = ev.target.files[0] ? 'Picked: ' + ev.target.files[0].name : '';
  } });
  const outside = path.startsWith('/') || path.split('/').includes('..');
  return h('div', { class: 'field' }, h('label', { for: id }, 'File for ', h('code', { text: path })), input, note,
    outside ? h('p', { class: 'field-error', text: `The node takes only paths inside the spec's folder: write this one as a plain name (e.g. ${path.split('/').pop()}) and pick its file.` }) : null);
}

// specPaths finds the local file paths a spec names: the values of wasm:
// and path: keys (block or flow style), with {{index}} expanded over the
// tasks' count. It reads the YAML only as far as that needs.
export function specPaths(yaml) {
  const paths = [];
  const count = Number((yaml.match(/^\s*count:\s*(\d+)/m) || [])[1] || 1);
  const re = /(?:^|[\s{,])(wasm|path):\s*("([^"]*)"|'([^']*)'|[^\s,}#]+)/gm;
  let m;
  while ((m = re.exec(yaml))) {
    const v = (m[3] ?? m[4] ?? m[2]).trim();
    if (!v) continue;
    const all = v.includes('{{index}}') ? Array.from({ length: Math.min(count, 1000) }, (_, i) => expand(v, i, count)) : [v];
    for (const p of all) if (!paths.includes(p)) paths.push(p);
  }
  return paths;
}

async function send(form, errors, button, data) {
  button.disabled = true;
  button.textContent = 'Uploading…';
  try {
    const job = await post('/v1/jobs', data);
    go('/jobs/' + job.id);
  } catch (e) {
    showErrors(form, errors, e.status ? `The node refused the job: ${e.message}` : `Submitting failed: ${e.message}`, e.fields || []);
  } finally {
    button.disabled = false;
    button.textContent = 'Start the job';
  }
}

// showErrors lists what was wrong above the form and puts each field's
// error next to its field.
function showErrors(form, errors, message, fields) {
  for (const el of form.querySelectorAll('.field-error')) { el.hidden = true; el.textContent = ''; }
  for (const el of form.querySelectorAll('[aria-invalid]')) el.removeAttribute('aria-invalid');
  let firstBad = null;
  for (const f of fields) {
    const path = f.split(':')[0].trim();
    const hit = fieldOf.find(([p]) => path === p || path.startsWith(p + '.') || path.startsWith(p + '['));
    const name = hit ? hit[1] : path;
    const box = form.querySelector(`[data-field="${CSS.escape(name)}"]`) || form.querySelector('[data-field="spec"]');
    if (!box) continue;
    const err = box.querySelector('.field-error');
    err.textContent = (err.textContent ? err.textContent + ' ' : '') + f;
    err.hidden = false;
    const control = box.querySelector('input, select, textarea');
    control.setAttribute('aria-invalid', 'true');
    firstBad = firstBad || control;
  }
  replace(errors, h('p', { text: message }), fields.length ? h('ul', {}, fields.map(f => h('li', { text: f }))) : null);
  errors.hidden = false;
  (firstBad || errors).focus?.();
  if (!firstBad) errors.scrollIntoView({ block: 'nearest' });
}
