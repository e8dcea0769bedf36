// The Claim Details form (webview). Everything shown comes from the extension as data and is
// inserted with textContent or as form values: never as HTML.
// @ts-check
(function () {
  // eslint-disable-next-line no-undef
  const vscode = acquireVsCodeApi();
  const root = /** @type {HTMLElement} */ (document.getElementById('root'));
  const TYPING_DELAY_MS = 500;

  /** @type {any} */
  let state = { type: 'empty' };
  /** @type {Map<string, {timer: any, send: () => void}>} */
  const pending = new Map();
  /** @type {Record<string, HTMLElement>} */
  let ui = {};
  let shownKey = '';

  const STANCE_LABELS = { supports: 'Supports', refutes: 'Refutes', context: 'Context' };

  /** @param {string} tag @param {Record<string, any>} [props] @param {(Node|string|undefined)[]} [kids] */
  function el(tag, props = {}, kids = []) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(props)) {
      if (v === undefined) continue;
      if (k === 'text') e.textContent = String(v);
      else if (k === 'class') e.className = v;
      else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
      else if (k in e && k !== 'list') /** @type {any} */ (e)[k] = v;
      else e.setAttribute(k, String(v));
    }
    for (const kid of kids) if (kid !== undefined) e.append(kid);
    return e;
  }

  function isHttp(url) {
    try { const u = new URL(url); return u.protocol === 'https:' || u.protocol === 'http:'; } catch { return false; }
  }

  function refOf() { return state.type === 'claim' ? state.ref : undefined; }

  /** Sends a field edit after the user pauses typing (at once with `now`). */
  function edit(field, value, now) {
    const ref = refOf();
    if (!ref) return;
    const key = `${ref.article}#${ref.id}:${field}`;
    const old = pending.get(key);
    if (old) clearTimeout(old.timer);
    const send = () => { pending.delete(key); vscode.postMessage({ type: 'update', ref, field, value }); };
    if (now) { send(); return; }
    pending.set(key, { timer: setTimeout(send, TYPING_DELAY_MS), send });
  }

  function flushPending() {
    for (const p of [...pending.values()]) { clearTimeout(p.timer); p.send(); }
  }

  function field(label, control, hint) {
    const id = `f-${label.toLowerCase().replace(/\W+/g, '-')}`;
    control.id = id;
    return el('div', { class: 'field' }, [el('label', { for: id, text: label }), control, hint]);
  }

  function textInput(name, multiline) {
    const c = multiline ? el('textarea', { rows: 4, name }) : el('input', { type: 'text', name });
    c.addEventListener('input', () => edit(name, /** @type {any} */ (c).value, false));
    c.addEventListener('change', () => edit(name, /** @type {any} */ (c).value, true));
    return c;
  }

  function stanceSelect(value, withNone) {
    const s = /** @type {HTMLSelectElement} */ (el('select'));
    if (withNone) s.append(el('option', { value: '', text: 'No stance' }));
    for (const k of state.stances) s.append(el('option', { value: k, text: STANCE_LABELS[k] || k }));
    s.value = value || '';
    return s;
  }

  function buildEmpty() {
    root.replaceChildren(el('div', { class: 'empty' }, [
      el('p', { class: 'empty-title', text: 'No claim selected' }),
      el('p', { text: 'Put the cursor in a highlighted claim in an article, or pick one in the Claims panel, to see and edit its details here.' }),
    ]));
    ui = {};
  }

  function buildForm() {
    const status = /** @type {HTMLSelectElement} */ (el('select', { name: 'status' }));
    status.addEventListener('change', () => edit('status', status.value, true));
    const swatch = el('span', { class: 'swatch', 'aria-hidden': 'true' });
    const definition = el('p', { class: 'hint', id: 'status-definition' });
    status.setAttribute('aria-describedby', 'status-definition');
    const explanation = textInput('explanation', true);
    const claimant = textInput('claimant', false);
    const tags = textInput('tags', false);
    tags.setAttribute('placeholder', 'None yet');
    claimant.setAttribute('placeholder', 'Who made the claim');
    explanation.setAttribute('placeholder', 'What the sources show, in a sentence or two');

    const quote = el('blockquote', { class: 'quote' });
    const article = el('p', { class: 'article' });
    const stateBox = el('div', { class: 'state', role: 'status' });
    const sources = el('ul', { class: 'sources', 'aria-label': 'Sources' });

    const addUrl = /** @type {HTMLInputElement} */ (el('input', { type: 'url', placeholder: 'https://…', required: true }));
    const addTitle = /** @type {HTMLInputElement} */ (el('input', { type: 'text', placeholder: 'Title (optional)' }));
    const addExcerpt = /** @type {HTMLTextAreaElement} */ (el('textarea', { rows: 2, placeholder: 'The passage that bears on the claim (optional)' }));
    const addStance = el('div');
    const addError = el('p', { class: 'error', role: 'alert' });
    const addForm = el('form', { class: 'add-source', onsubmit: (/** @type {Event} */ ev) => {
      ev.preventDefault();
      const ref = refOf();
      if (!ref) return;
      addError.textContent = '';
      const stance = /** @type {HTMLSelectElement|null} */ (addStance.querySelector('select'));
      vscode.postMessage({ type: 'addSource', ref, source: { url: addUrl.value, title: addTitle.value, excerpt: addExcerpt.value, stance: stance ? stance.value : '' } });
    } }, [
      el('h3', { text: 'Add a source' }),
      field('Address', addUrl),
      field('Title', addTitle),
      field('Passage', addExcerpt),
      el('div', { class: 'field' }, [el('span', { class: 'label', text: 'Stance' }), addStance]),
      addError,
      el('button', { type: 'submit', text: 'Add source' }),
    ]);

    const actions = el('div', { class: 'actions' });

    root.replaceChildren(
      el('section', { class: 'head' }, [article, quote, stateBox, actions]),
      el('section', {}, [
        el('div', { class: 'field' }, [el('label', { for: 'f-status', text: 'Status' }), el('div', { class: 'status-row' }, [swatch, Object.assign(status, { id: 'f-status' })]), definition]),
        field('Explanation', explanation),
        field('Claimant', claimant),
        field('Tags', tags, el('p', { class: 'hint', text: 'Separated by commas.' })),
      ]),
      el('section', {}, [el('h2', { text: 'Sources' }), sources, addForm]),
    );
    ui = { status, swatch, definition, explanation, claimant, tags, quote, article, stateBox, sources, addUrl, addTitle, addExcerpt, addStance, addError, actions };
  }

  function setValue(control, value, force) {
    if (!force && (document.activeElement === control || pending.size && [...pending.keys()].some((k) => k.endsWith(`:${control.name}`)))) return;
    if (control.value !== value) control.value = value;
  }

  function renderSources() {
    const list = ui.sources;
    const focusedIndex = list.contains(document.activeElement) ? /** @type {HTMLElement} */ (document.activeElement).dataset.focusKey : undefined;
    list.replaceChildren();
    if (!state.sources.length) list.append(el('li', { class: 'none', text: 'No sources yet.' }));
    state.sources.forEach((s, i) => {
      const title = s.title || s.url || '(no address)';
      const link = isHttp(s.url) ? el('a', { href: s.url, text: title, title: s.url }) : el('span', { text: title });
      const stance = stanceSelect(s.stance, true);
      stance.dataset.focusKey = `stance-${i}`;
      stance.setAttribute('aria-label', `Stance of source ${i + 1}`);
      stance.addEventListener('change', () => vscode.postMessage({ type: 'setStance', ref: refOf(), index: i, stance: stance.value }));
      const remove = el('button', { class: 'icon', type: 'button', text: '✕', title: 'Remove this source', 'aria-label': `Remove source ${i + 1}: ${title}` });
      remove.dataset.focusKey = `remove-${i}`;
      remove.addEventListener('click', () => vscode.postMessage({ type: 'removeSource', ref: refOf(), index: i }));
      const meta = [s.title && s.url ? s.url : undefined, s.accessed ? `accessed ${s.accessed}` : undefined].filter(Boolean).join(' · ');
      list.append(el('li', { class: `source stance-${s.stance || 'none'}` }, [
        el('div', { class: 'source-main' }, [link, meta ? el('div', { class: 'hint', text: meta }) : undefined, s.excerpt ? el('q', { text: s.excerpt }) : undefined]),
        el('div', { class: 'source-tools' }, [stance, remove]),
      ]));
    });
    if (focusedIndex) {
      const again = /** @type {HTMLElement|null} */ (list.querySelector(`[data-focus-key="${focusedIndex}"]`));
      if (again) again.focus();
    }
  }

  function render() {
    if (state.type !== 'claim') { flushPending(); shownKey = ''; buildEmpty(); return; }
    const key = `${state.ref.article}#${state.ref.id}`;
    const fresh = key !== shownKey || !ui.status;
    if (fresh) { flushPending(); buildForm(); shownKey = key; }

    ui.article.textContent = state.article;
    ui.quote.textContent = state.quote;
    ui.stateBox.replaceChildren();
    ui.stateBox.className = `state state-${state.state}`;
    if (state.state === 'changed') {
      ui.stateBox.append(el('strong', { text: '⟲ The words changed since this claim was rated.' }), el('div', { text: 'Now: ' }, [el('q', { text: state.currentText || '' })]));
    } else if (state.state === 'ambiguous') {
      ui.stateBox.append(el('strong', { text: '⟲ Unsure where this claim is now.' }), el('div', { class: 'hint', text: state.reason }));
    } else if (state.state === 'orphaned') {
      ui.stateBox.append(el('strong', { text: '⚠ Not found in the article.' }), el('div', { class: 'hint', text: state.reason }));
    }
    if (state.readOnly) ui.stateBox.append(el('div', { class: 'error', text: state.readOnly }));

    ui.actions.replaceChildren(...[
      el('button', { type: 'button', class: 'secondary', text: 'Reveal in article', onclick: () => vscode.postMessage({ type: 'command', command: 'factmark.revealClaim', ref: refOf() }) }),
      el('button', { type: 'button', class: 'secondary', text: 'Open in sidecar', onclick: () => vscode.postMessage({ type: 'command', command: 'factmark.openInSidecar', ref: refOf() }) }),
      state.state === 'changed' ? el('button', { type: 'button', text: 'Accept new wording', onclick: () => vscode.postMessage({ type: 'command', command: 'factmark.acceptWording', ref: refOf() }) }) : undefined,
    ].filter(Boolean));

    const status = /** @type {HTMLSelectElement} */ (ui.status);
    const known = state.statuses.some((s) => s.key === state.status);
    const wanted = state.statuses.map((s) => s.key).join('|') + (known ? '' : `|${state.status}`);
    if (status.dataset.keys !== wanted) {
      status.replaceChildren(...state.statuses.map((s) => el('option', { value: s.key, text: s.label })));
      if (!known) status.append(el('option', { value: state.status, text: `${state.status} (not on the scale)` }));
      status.dataset.keys = wanted;
    }
    status.value = state.status;
    const def = state.statuses.find((s) => s.key === state.status);
    ui.definition.textContent = def ? def.definition : 'This status is not on the repository\'s scale.';
    ui.swatch.style.backgroundColor = def && /^#[0-9a-fA-F]{6}$/.test(def.color) ? def.color : 'transparent';

    setValue(ui.explanation, state.explanation, fresh);
    setValue(ui.claimant, state.claimant, fresh);
    setValue(ui.tags, state.tags, fresh);
    if (fresh || !ui.addStance.firstChild) ui.addStance.replaceChildren(Object.assign(stanceSelect('', true), { id: 'f-add-stance' }));
    renderSources();
    for (const c of root.querySelectorAll('input, textarea, select, button')) {
      /** @type {any} */ (c).disabled = !!state.readOnly && !c.closest('.actions');
    }
  }

  window.addEventListener('message', (ev) => {
    const m = ev.data;
    if (!m || typeof m !== 'object') return;
    if (m.type === 'claim' || m.type === 'empty') { state = m; render(); }
    else if (m.type === 'sourceError' && ui.addError) ui.addError.textContent = String(m.message);
    else if (m.type === 'sourceAdded' && ui.addUrl) {
      ui.addUrl.value = ''; ui.addTitle.value = ''; ui.addExcerpt.value = ''; ui.addError.textContent = '';
      ui.addUrl.focus();
    }
  });
  window.addEventListener('blur', flushPending);

  buildEmpty();
  vscode.postMessage({ type: 'ready' });
})();
