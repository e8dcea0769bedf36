// The Claim Details form (webview). Everything shown comes from the extension as data and is
// inserted with textContent or as form values: never as HTML.
// @ts-check
(function () {
  // eslint-disable-next-line no-undef
  const vscode = acquireVsCodeApi();
  const { el } = /** @type {any} */ (window).factmarkDom; // media/dom.js
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
  const STANDING_NOTES = {
    counts: '',
    self: 'by its rater: does not count',
    earlier: 'of an earlier verdict',
    superseded: 'replaced by a later review',
  };

  /** A date and time from the file, in the user's locale; the text as it is when it is not a date. */
  function when(iso) {
    const t = Date.parse(iso);
    if (Number.isNaN(t)) return String(iso || '');
    return new Date(t).toLocaleString(undefined, { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });
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
    const reasonText = /** @type {HTMLTextAreaElement} */ (el('textarea', { rows: 2, id: 'f-reason' }));
    const reasonLabel = el('label', { for: 'f-reason' });
    const reasonError = el('p', { class: 'error', role: 'alert' });
    const reasonOk = el('button', { type: 'button' });
    const reasonBox = el('div', { class: 'reason-box', hidden: true }, [
      reasonLabel, reasonText, reasonError,
      el('div', { class: 'actions' }, [reasonOk, el('button', { type: 'button', class: 'secondary', text: 'Cancel', onclick: () => closeReason(true) })]),
    ]);
    reasonOk.addEventListener('click', () => {
      const ref = refOf();
      const to = reasonBox.dataset.to;
      if (!ref || !to) return;
      const required = reasonBox.dataset.required === 'true';
      if (required && !reasonText.value.trim()) { reasonError.textContent = 'A reason is required to change a verdict: it goes into the corrections log.'; reasonText.focus(); return; }
      vscode.postMessage({ type: 'update', ref, field: 'status', value: to, reason: reasonText.value });
      closeReason(false);
    });
    status.addEventListener('change', () => {
      const to = status.value;
      const target = state.statuses.find((x) => x.key === to);
      if (!state.workflow || !state.workflow.settled || to === state.status) { closeReason(false); edit('status', to, true); return; }
      // A settled claim keeps the change in its corrections log: say why before it changes.
      const required = !!(target && target.settled);
      const from = (state.statuses.find((x) => x.key === state.status) || { label: state.status }).label;
      reasonBox.dataset.to = to;
      reasonBox.dataset.required = String(required);
      reasonLabel.textContent = required ? `Why does the verdict change from “${from}” to “${target ? target.label : to}”?` : `Why is “${from}” taken back? (optional)`;
      reasonText.placeholder = required ? 'Required: kept in the corrections log' : 'Optional';
      reasonOk.textContent = required ? 'Change verdict' : 'Take back verdict';
      reasonError.textContent = '';
      reasonBox.hidden = false;
      reasonText.focus();
    });
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
    const addArchive = /** @type {HTMLInputElement} */ (el('input', { type: 'url', placeholder: 'https://web.archive.org/… (optional)' }));
    const addStance = el('div');
    const addError = el('p', { class: 'error', role: 'alert' });
    const addForm = el('form', { class: 'add-source', onsubmit: (/** @type {Event} */ ev) => {
      ev.preventDefault();
      const ref = refOf();
      if (!ref) return;
      addError.textContent = '';
      const stance = /** @type {HTMLSelectElement|null} */ (addStance.querySelector('select'));
      vscode.postMessage({ type: 'addSource', ref, source: { url: addUrl.value, title: addTitle.value, excerpt: addExcerpt.value, archive: addArchive.value, stance: stance ? stance.value : '' } });
    } }, [
      el('h3', { text: 'Add a source' }),
      field('Address', addUrl),
      field('Title', addTitle),
      field('Passage', addExcerpt),
      el('div', { class: 'field' }, [el('span', { class: 'label', text: 'Stance' }), addStance]),
      field('Archived copy', addArchive, el('p', { class: 'hint', text: 'A web.archive.org or archive.today link, in case the page changes.' })),
      addError,
      el('button', { type: 'submit', text: 'Add source' }),
    ]);

    const actions = el('div', { class: 'actions' });
    const signoff = el('div', { class: 'signoff', role: 'status' });
    const reviewNote = /** @type {HTMLInputElement} */ (el('input', { type: 'text', placeholder: 'Note (optional for approval)', 'aria-label': 'Note for your review' }));
    const reviewBox = el('div', { class: 'review-box' });
    const reviews = el('ul', { class: 'reviews', 'aria-label': 'Reviews' });
    const log = el('ol', { class: 'log', 'aria-label': 'Corrections log' });
    const people = el('div', { class: 'people' });

    root.replaceChildren(
      el('section', { class: 'head' }, [article, quote, stateBox, actions]),
      el('section', {}, [
        el('div', { class: 'field' }, [el('label', { for: 'f-status', text: 'Status' }), el('div', { class: 'status-row' }, [swatch, Object.assign(status, { id: 'f-status' })]), definition, reasonBox]),
        field('Explanation', explanation),
        field('Claimant', claimant),
        field('Tags', tags, el('p', { class: 'hint', text: 'Separated by commas.' })),
      ]),
      el('section', {}, [el('h2', { text: 'Sources' }), sources, addForm]),
      el('section', { class: 'workflow' }, [el('h2', { text: 'Review' }), people, signoff, reviews, reviewBox]),
      el('section', {}, [el('h2', { text: 'Corrections log' }), log]),
    );
    ui = { status, swatch, definition, explanation, claimant, tags, quote, article, stateBox, sources, addUrl, addTitle, addExcerpt, addArchive, addStance, addError, actions,
      reasonBox, reasonText, signoff, reviewNote, reviewBox, reviews, log, people };
  }

  /** Hides the reason box; `reset` puts the status back to what the claim has. */
  function closeReason(reset) {
    if (!ui.reasonBox) return;
    ui.reasonBox.hidden = true;
    delete ui.reasonBox.dataset.to;
    /** @type {HTMLTextAreaElement} */ (ui.reasonText).value = '';
    if (reset && state.type === 'claim') /** @type {HTMLSelectElement} */ (ui.status).value = state.status;
  }

  function review(verdict) {
    const ref = refOf();
    if (!ref) return;
    vscode.postMessage({ type: 'review', ref, verdict, note: /** @type {HTMLInputElement} */ (ui.reviewNote).value });
  }

  function renderWorkflow() {
    const w = state.workflow;
    const label = (state.statuses.find((x) => x.key === state.status) || { label: state.status }).label;
    ui.people.replaceChildren(
      el('p', {}, w.rater || w.rated
        ? [w.settled ? 'Rated ' : 'Set to ', el('strong', { text: label }), w.rater ? ` by ${w.rater}${w.ratedByMe ? ' (you)' : ''}` : '', w.rated ? ` · ${when(w.rated)}` : '']
        : [w.settled ? `“${label}” — who rated it is not recorded.` : 'No verdict yet.']),
      el('p', { class: 'assignee' }, [
        w.assignee ? 'Assigned to ' : 'Not assigned',
        w.assignee ? el('strong', { text: w.assignee + (w.assignedToMe ? ' (you)' : '') }) : undefined,
        ' ',
        el('button', { type: 'button', class: 'link', text: w.assignee ? 'Change…' : 'Assign…', onclick: () => command('factmark.assignClaim') }),
      ]),
    );
    ui.signoff.className = `signoff signoff-${w.state}`;
    ui.signoff.replaceChildren(...(w.settled
      ? [el('strong', { text: w.stateLabel }), ` · ${w.approvals} of ${w.needed} sign-off${w.needed === 1 ? '' : 's'}`]
      : [el('span', { class: 'hint', text: 'Reviews start once the claim has a verdict.' })]));

    ui.reviews.replaceChildren();
    if (!w.reviews.length) ui.reviews.append(el('li', { class: 'none', text: 'No reviews yet.' }));
    for (const r of w.reviews) {
      const why = STANDING_NOTES[r.standing] || '';
      ui.reviews.append(el('li', { class: `review verdict-${r.verdict} standing-${r.standing}` }, [
        el('span', { class: 'mark', 'aria-hidden': 'true', text: r.verdict === 'approve' ? '✓' : '⚑' }),
        el('div', { class: 'review-main' }, [
          el('div', {}, [el('strong', { text: r.by }), r.verdict === 'approve' ? ' approved ' : ' disputed ', el('q', { text: r.statusLabel })]),
          el('div', { class: 'hint', text: [when(r.date), why].filter(Boolean).join(' · ') }),
          r.note ? el('div', { class: 'note', text: r.note }) : undefined,
        ]),
      ]));
    }

    // Approve / Dispute for everyone but the rater; a reason when the buttons are not offered.
    const can = w.approve.ok || w.dispute.ok;
    if (can) {
      const note = /** @type {HTMLInputElement} */ (ui.reviewNote);
      ui.reviewBox.replaceChildren(
        note,
        el('div', { class: 'actions' }, [
          el('button', { type: 'button', text: `Approve “${label}”`, 'data-off': String(!w.approve.ok), title: w.approve.ok ? 'Sign off this verdict as a second checker' : w.approve.message, onclick: () => review('approve') }),
          el('button', { type: 'button', class: 'secondary', text: 'Dispute', 'data-off': String(!w.dispute.ok), title: 'Say why this verdict is wrong (the rater sees your note)', onclick: () => review('dispute') }),
        ]),
        !w.approve.ok ? el('p', { class: 'hint', text: w.approve.message }) : undefined,
      );
    } else {
      ui.reviewBox.replaceChildren(w.settled ? el('p', { class: 'hint', text: w.approve.ok ? '' : w.approve.message }) : '');
    }

    ui.log.replaceChildren();
    if (!w.log.length) ui.log.append(el('li', { class: 'none', text: 'No corrections: the verdict has not changed since it was reached.' }));
    for (const l of w.log) {
      const what = l.change === 'status'
        ? [el('q', { text: l.from }), ' → ', el('q', { text: l.to })]
        : ['Words replaced: ', el('q', { text: l.from }), ' → ', el('q', { text: l.to })];
      ui.log.append(el('li', { class: `entry change-${l.change}` }, [
        el('div', {}, what),
        el('div', { class: 'hint', text: [when(l.date), l.by].filter(Boolean).join(' · ') }),
        l.reason ? el('div', { class: 'note', text: l.reason }) : undefined,
      ]));
    }
  }

  /** @param {string} name */
  function command(name) { vscode.postMessage({ type: 'command', command: name, ref: refOf() }); }

  const ACTIONS = {
    acceptWording: { text: 'Accept new wording', command: 'factmark.acceptWording' },
    confirmPlace: { text: 'Confirm place', command: 'factmark.confirmPlace', title: 'The highlighted words are this claim: record its place there' },
    reattach: { text: 'Re-attach to selection', command: 'factmark.reattach', title: 'Attach the claim to the words selected in the article' },
    delete: { text: 'Delete claim', command: 'factmark.deleteClaim', title: 'Delete this claim (asks first; can be undone)' },
  };

  /** A button for one of the claim's next steps (see claimState.ts). @param {string} action @param {string} cls */
  function actionButton(action, cls) {
    const a = ACTIONS[action];
    if (!a) return undefined;
    return el('button', { type: 'button', class: cls || undefined, text: a.text, title: a.title, 'data-action': action, onclick: () => command(a.command) });
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
      // The archived copy: a link only when it is an http(s) address, else its text as it is.
      const archive = s.archive
        ? el('div', { class: 'hint archive' }, [
          isHttp(s.archive) ? el('a', { href: s.archive, text: 'Archived copy', title: s.archive }) : el('span', { text: `Archived copy: ${s.archive}` }),
        ])
        : undefined;
      list.append(el('li', { class: `source stance-${s.stance || 'none'}` }, [
        el('div', { class: 'source-main' }, [link, meta ? el('div', { class: 'hint', text: meta }) : undefined, archive, s.excerpt ? el('q', { text: s.excerpt }) : undefined]),
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
    const notice = state.notice;
    if (notice) {
      ui.stateBox.append(el('strong', { text: notice.title }));
      if (state.state === 'changed') ui.stateBox.append(el('div', { text: 'Now: ' }, [el('q', { text: state.currentText || '' })]));
      if (notice.detail) ui.stateBox.append(el('div', { class: 'hint', text: notice.detail }));
      ui.stateBox.append(el('p', { class: 'next', text: notice.next }));
      const buttons = notice.actions.map((a, i) => actionButton(a, i === 0 ? '' : 'secondary')).filter(Boolean);
      if (buttons.length) ui.stateBox.append(el('div', { class: 'state-actions' }, buttons));
    }
    if (state.readOnly) ui.stateBox.append(el('div', { class: 'error', text: state.readOnly }));

    const placed = state.state !== 'orphaned' && state.state !== 'unresolved';
    ui.actions.replaceChildren(...[
      el('button', { type: 'button', class: 'secondary', text: placed ? 'Reveal in article' : 'Open the article', title: placed ? undefined : 'Opens the article where the claim last was', onclick: () => command('factmark.revealClaim') }),
      el('button', { type: 'button', class: 'secondary', text: 'Open in sidecar', onclick: () => command('factmark.openInSidecar') }),
      notice && notice.actions.includes('delete') ? undefined : actionButton('delete', 'secondary danger'),
    ].filter(Boolean));

    const status = /** @type {HTMLSelectElement} */ (ui.status);
    const known = state.statuses.some((s) => s.key === state.status);
    const wanted = state.statuses.map((s) => s.key).join('|') + (known ? '' : `|${state.status}`);
    if (status.dataset.keys !== wanted) {
      status.replaceChildren(...state.statuses.map((s) => el('option', { value: s.key, text: s.label })));
      if (!known) status.append(el('option', { value: state.status, text: `${state.status} (not on the scale)` }));
      status.dataset.keys = wanted;
    }
    if (!ui.reasonBox.dataset.to) status.value = state.status;
    else if (state.status === ui.reasonBox.dataset.to) closeReason(false);
    const def = state.statuses.find((s) => s.key === state.status);
    ui.definition.textContent = def ? def.definition : 'This status is not on the repository\'s scale.';
    // The theme's colour of the status where it has one (so that it matches the panel), else the scale's.
    const hex = def && /^#[0-9a-fA-F]{6}$/.test(def.color) ? def.color : 'transparent';
    // The variable's name keeps dots (`--vscode-factmark-status.accurate`), escaped in var().
    ui.swatch.style.backgroundColor = def && def.colorVar && /^--vscode-[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*$/.test(def.colorVar)
      ? `var(${def.colorVar.replace(/\./g, '\\.')}, ${hex})` : hex;

    setValue(ui.explanation, state.explanation, fresh);
    setValue(ui.claimant, state.claimant, fresh);
    setValue(ui.tags, state.tags, fresh);
    if (fresh || !ui.addStance.firstChild) ui.addStance.replaceChildren(Object.assign(stanceSelect('', true), { id: 'f-add-stance' }));
    renderSources();
    renderWorkflow();
    for (const c of root.querySelectorAll('input, textarea, select, button')) {
      // A sidecar with errors is not written: only the head's buttons (reveal, open) stay.
      /** @type {any} */ (c).disabled = (!!state.readOnly && !c.closest('.head')) || /** @type {HTMLElement} */ (c).dataset.off === 'true';
    }
  }

  window.addEventListener('message', (ev) => {
    const m = ev.data;
    if (!m || typeof m !== 'object') return;
    if (m.type === 'claim' || m.type === 'empty') { state = m; render(); }
    else if (m.type === 'sourceError' && ui.addError) ui.addError.textContent = String(m.message);
    else if (m.type === 'sourceAdded' && ui.addUrl) {
      ui.addUrl.value = ''; ui.addTitle.value = ''; ui.addExcerpt.value = ''; ui.addArchive.value = ''; ui.addError.textContent = '';
      ui.addUrl.focus();
    } else if (m.type === 'reviewed' && ui.reviewNote) /** @type {HTMLInputElement} */ (ui.reviewNote).value = '';
  });
  window.addEventListener('blur', flushPending);

  buildEmpty();
  vscode.postMessage({ type: 'ready' });
})();
