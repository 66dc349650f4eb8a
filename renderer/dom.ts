/** Small DOM helpers shared by the popup and settings pages. */

export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const el = document.getElementById(id);
  if (!el) throw new Error(`#${id} is missing from the page`);
  return el as T;
}

/** Creates an element with text and attributes; text goes in as textContent, never as HTML. */
export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string | boolean> = {},
  ...children: (Node | string)[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === false) continue;
    node.setAttribute(name, value === true ? '' : value);
  }
  node.append(...children);
  return node;
}

export function show(node: HTMLElement, visible: boolean): void {
  node.hidden = !visible;
}

/**
 * A button whose request is running: aria-disabled, not disabled, because a disabled button drops
 * keyboard focus to <body> (and the next Tab starts over). Callers ignore presses while busy.
 */
export function setButtonBusy(button: HTMLButtonElement, busy: boolean): void {
  if (busy) button.setAttribute('aria-disabled', 'true');
  else button.removeAttribute('aria-disabled');
}

export function isButtonBusy(button: HTMLButtonElement): boolean {
  return button.getAttribute('aria-disabled') === 'true';
}

/**
 * Controls that are re-drawn (list buttons) carry data-focus-key, so focus can find "the same"
 * control again after a re-render or when an editor it opened closes.
 */
export function focusKeyOf(node: Element | null): string | null {
  return node instanceof HTMLElement ? (node.dataset.focusKey ?? null) : null;
}

/** Focuses the control with this focus key, or `fallback` when there is none (any more). */
export function focusByKey(key: string | null, fallback: HTMLElement): void {
  const target = key === null ? null : document.querySelector<HTMLElement>(`[data-focus-key="${CSS.escape(key)}"]`);
  (target ?? fallback).focus();
}
