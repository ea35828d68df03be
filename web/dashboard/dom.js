// @ts-check
// Small DOM helpers. Text always goes in through textContent, never innerHTML: worker names
// come from miners and are untrusted.

/**
 * @param {string} selector
 * @param {ParentNode} [root]
 * @returns {HTMLElement}
 */
export function $(selector, root = document) {
  const el = root.querySelector(selector);
  if (!(el instanceof HTMLElement)) throw new Error(`dashboard: missing element ${selector}`);
  return el;
}

/**
 * @param {string} testid
 * @returns {HTMLElement}
 */
export function byTestId(testid) {
  return $(`[data-testid="${testid}"]`);
}

/**
 * @template {keyof HTMLElementTagNameMap} K
 * @param {K} tag
 * @param {{ className?: string, text?: string, attrs?: Record<string, string> }} [props]
 * @param {(Node | string)[]} [children]
 * @returns {HTMLElementTagNameMap[K]}
 */
export function h(tag, props = {}, children = []) {
  const el = document.createElement(tag);
  if (props.className) el.className = props.className;
  if (props.text !== undefined) el.textContent = props.text;
  for (const [k, v] of Object.entries(props.attrs ?? {})) el.setAttribute(k, v);
  for (const c of children) el.append(c);
  return el;
}

/**
 * Sets a card's value and optional sub-line by its data-testid.
 * @param {string} testid
 * @param {string} value
 * @param {string} [sub]
 */
export function setCard(testid, value, sub) {
  const card = byTestId(testid);
  $('.card-value', card).textContent = value;
  if (sub !== undefined) $('.card-sub', card).textContent = sub;
}

/**
 * @param {HTMLElement} el
 * @param {string} cls
 */
export function flash(el, cls = 'flash') {
  el.classList.remove(cls);
  // Reading layout restarts the CSS animation when the class comes back.
  void el.offsetWidth;
  el.classList.add(cls);
}
