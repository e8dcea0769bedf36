// The DOM helper both of Factmark's webviews build their pages with (Claim Details, the Desk).
// src/vscode/webviewPage.ts loads it before each page's own script, under the same nonce. Text
// goes in with textContent and values as DOM properties: nothing ever becomes HTML.
// @ts-check
(function () {
  /**
   * An element with its properties and children. `text` is its textContent, `class` its class
   * names, `on<event>` a listener; a name the element has as a DOM property (value, checked,
   * hidden, disabled, title, role…) is set as that property, so `disabled: false` leaves it
   * enabled; any other (aria-*, data-*, for, an input's `list`, read-only as a property) as an
   * attribute. Undefined values and children are left out.
   * @param {string} tag @param {Record<string, any>} [props] @param {(Node|string|undefined)[]} [kids]
   */
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

  Object.defineProperty(window, 'factmarkDom', { value: Object.freeze({ el }) });
})();
