// The Factmark Desk (webview): every article's progress, drawn from the figures the extension
// sends. Every string is inserted with textContent, every colour and width set through the
// CSSOM; nothing from a file ever becomes HTML. Each figure is a button that asks the extension
// for the claims behind it.
// @ts-check
(function () {
  // eslint-disable-next-line no-undef
  const vscode = acquireVsCodeApi();
  const { el } = /** @type {any} */ (window).factmarkDom; // media/dom.js
  const root = /** @type {HTMLElement} */ (document.getElementById('root'));
  const FIGURES = ['awaiting-me', 'awaiting', 'disputed', 'signed-off', 'recheck', 'orphaned'];
  const HINTS = {
    'awaiting-me': 'Verdicts you did not rate that wait for your sign-off',
    awaiting: 'Verdicts short of the sign-offs the policy asks for',
    disputed: 'Verdicts a reviewer disputes',
    'signed-off': 'Verdicts approved by enough people other than their rater',
    recheck: 'Claims whose words changed or are not surely found, and verdicts to confirm for new words',
    orphaned: 'Claims whose words are no longer in the article (kept, never dropped)',
  };

  const fmt = (n) => Number(n).toLocaleString();
  const plural = (n, one, many) => `${fmt(n)} ${n === 1 ? one : many}`;

  /** A figure the user can open: a button when there is something behind it. */
  function figure(n, label, figureArg, article, extraClass) {
    if (!n) return el('span', { class: `figure zero ${extraClass || ''}`, text: '–', title: `${label}: none` });
    return el('button', {
      class: `figure link ${extraClass || ''}`,
      text: fmt(n),
      title: `${label}: ${fmt(n)} — show the claims`,
      'aria-label': `${fmt(n)} ${label}${article ? '' : ' in all articles'}`,
      'data-figure': JSON.stringify(figureArg),
      ...(article ? { 'data-article': article } : {}),
    });
  }

  /** The stacked bar of one row's statuses: a segment per status with claims, each a link. */
  function bar(state, byStatus, total, article) {
    const b = el('div', { class: 'bar', role: 'group', 'aria-label': 'Claims per status' });
    if (!total) { b.classList.add('empty'); return b; }
    byStatus.forEach((n, i) => {
      if (!n) return;
      const s = state.statuses[i];
      const seg = el('button', {
        class: 'segment',
        title: `${s.label}: ${fmt(n)}`,
        'aria-label': `${fmt(n)} ${s.label}`,
        'data-figure': JSON.stringify({ kind: 'status', key: s.key }),
        ...(article ? { 'data-article': article } : {}),
      });
      seg.style.background = state.colors[i];
      seg.style.width = `${(100 * n) / total}%`;
      b.append(seg);
    });
    return b;
  }

  function card(state, kind) {
    const n = state.totals.figures[kind];
    const label = state.labels[kind];
    const unknownMe = kind === 'awaiting-me' && !state.me;
    const value = unknownMe
      ? el('span', { class: 'figure zero', text: '?', title: 'Set git user.name or the factmark.author setting so that Factmark knows who you are' })
      : figure(n, label, { kind }, undefined, 'big');
    return el('div', { class: `card ${kind} ${n ? 'has' : ''}`, title: HINTS[kind] }, [value, el('div', { class: 'card-label', text: label })]);
  }

  function render(state) {
    root.replaceChildren();
    const t = state.totals;
    const policy = [];
    policy.push(state.requireReviews > 0 ? `each verdict needs ${plural(state.requireReviews, 'sign-off', 'sign-offs')} by someone other than its rater` : 'no sign-off required (requireReviews)');
    if (state.requireSources) policy.push('verdicts need a source and an explanation');
    root.append(
      el('header', {}, [
        el('h1', { text: 'Factmark Desk' }),
        el('p', { class: 'sub', text: `${plural(t.articles, 'article', 'articles')} · ${plural(t.total, 'claim', 'claims')} · ${fmt(t.settled)} checked${state.me ? ` · you are ${state.me}` : ''}` }),
        el('p', { class: 'sub policy', text: `Policy: ${policy.join('; ')}.` }),
        state.loading ? el('p', { class: 'sub loading', text: `Reading the workspace… ${fmt(state.loading.done)} of ${fmt(state.loading.total)} articles` }) : undefined,
      ]),
    );
    if (!t.articles) {
      root.append(el('p', { class: 'empty-state', text: 'No article has claims yet. Open an article, select a claim and run Factmark: Mark Claim.' }));
      return;
    }
    root.append(el('section', { class: 'cards', 'aria-label': 'Workflow' }, FIGURES.map((k) => card(state, k))));

    // Claims per status over the workspace, with a legend of links.
    const legend = el('ul', { class: 'legend' });
    t.byStatus.forEach((n, i) => {
      if (!n) return;
      const s = state.statuses[i];
      const sw = el('span', { class: 'swatch', 'aria-hidden': 'true' });
      sw.style.background = state.colors[i];
      legend.append(el('li', {}, [sw, el('span', { class: 'legend-label', text: s.label }), figure(n, s.label, { kind: 'status', key: s.key })]));
    });
    const pct = t.total ? Math.round((100 * t.settled) / t.total) : 0;
    root.append(el('section', { class: 'overall', 'aria-label': 'Claims per status' }, [
      el('h2', { text: `Claims per status — ${pct}% checked` }),
      bar(state, t.byStatus, t.total, undefined),
      legend,
    ]));

    // One row per article.
    const head = el('tr', {}, [
      el('th', { scope: 'col', class: 'name', text: 'Article' }),
      el('th', { scope: 'col', class: 'chart', text: 'Status' }),
      el('th', { scope: 'col', class: 'num', text: 'Checked' }),
      ...FIGURES.map((k) => el('th', { scope: 'col', class: 'num', text: state.labels[k], title: HINTS[k] })),
    ]);
    const body = el('tbody');
    for (const r of state.rows) {
      const name = el('button', { class: 'article link', text: r.path, title: `Open ${r.path}`, 'data-open-article': r.article });
      body.append(el('tr', { class: r.broken ? 'broken' : '' }, [
        el('th', { scope: 'row', class: 'name' }, [name, r.broken ? el('span', { class: 'warn', text: ' sidecar has errors — not counted' }) : undefined]),
        el('td', { class: 'chart' }, [bar(state, r.byStatus, r.total, r.article)]),
        el('td', { class: 'num' }, [figure(r.total, 'claims', { kind: 'all' }, r.article), el('span', { class: 'of', text: ` ${fmt(r.settled)}/${fmt(r.total)}` })]),
        ...FIGURES.map((k) => el('td', { class: `num ${k}` }, [k === 'awaiting-me' && !state.me ? el('span', { class: 'figure zero', text: '?' }) : figure(r.figures[k], state.labels[k], { kind: k }, r.article)])),
      ]));
    }
    root.append(el('section', { class: 'articles', 'aria-label': 'Articles' }, [
      el('h2', { text: 'Articles' }),
      el('table', {}, [el('thead', {}, [head]), body]),
    ]));
  }

  root.addEventListener('click', (ev) => {
    const target = /** @type {HTMLElement} */ (ev.target);
    const open = target.closest('[data-open-article]');
    if (open) { vscode.postMessage({ type: 'openArticle', article: open.getAttribute('data-open-article') }); return; }
    const b = target.closest('[data-figure]');
    if (!b) return;
    let fig;
    try { fig = JSON.parse(b.getAttribute('data-figure') || ''); } catch { return; }
    const article = b.getAttribute('data-article');
    vscode.postMessage({ type: 'open', figure: fig, ...(article ? { article } : {}) });
  });

  window.addEventListener('message', (ev) => {
    if (ev.data && ev.data.type === 'desk') render(ev.data);
  });
  vscode.postMessage({ type: 'ready' });
})();
