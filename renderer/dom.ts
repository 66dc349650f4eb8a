/** Small DOM helpers shared by the popup and settings pages. */
import type { IpcResult } from '../main/ipc/contract';
import { errorText } from './i18n';

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

/** Writes text only when it differs: a live region rewritten with the same words is often spoken again. */
export function setText(node: HTMLElement, text: string): void {
  if (node.textContent !== text) node.textContent = text;
}

/**
 * Says `text` through the page's one assertive announcer (#announcer, in the tree from the start):
 * for a sentence that appears where no live region or focus move would make it heard. Emptied
 * first, a frame apart, so the same sentence twice is announced twice.
 */
export function announce(text: string): void {
  const announcer = document.getElementById('announcer');
  if (!announcer) return;
  announcer.textContent = '';
  requestAnimationFrame(() => (announcer.textContent = text));
}

/** True when a change to `node` is announced by itself (it sits in a live region). */
export function isLive(node: HTMLElement): boolean {
  return node.closest('[role="alert"], [role="status"], [aria-live]:not([aria-live="off"])') !== null;
}

/**
 * Brings a new sentence into view without moving focus, and keeps the focused control (with its
 * focus ring: scroll-margin in style.css) in view too: at 200 % the sentence next to a button at the
 * bottom of the window would otherwise sit below the fold, or push the button there.
 */
export function revealBeside(node: HTMLElement): void {
  if (!node.textContent) return;
  node.scrollIntoView({ block: 'nearest' });
  const focused = document.activeElement;
  if (focused instanceof HTMLElement && focused !== document.body) focused.scrollIntoView({ block: 'nearest' });
}


/**
 * The busy/error pattern of every button that asks main for something: a press while its request
 * runs does nothing; the button is busy (focus stays on it); `errorSlot` is emptied, and on failure
 * gets main's sentence, announced when the slot is not a live region, and brought into view.
 * Returns the value, or undefined when the request failed or the button was busy.
 */
export async function call<T>(
  button: HTMLButtonElement,
  errorSlot: HTMLElement,
  request: () => Promise<IpcResult<T>>,
): Promise<T | undefined> {
  if (isButtonBusy(button)) return undefined;
  errorSlot.textContent = '';
  errorSlot.classList.remove('is-error');
  setButtonBusy(button, true);
  let res: IpcResult<T>;
  try {
    res = await request();
  } finally {
    setButtonBusy(button, false);
  }
  if (res.ok) return res.value;
  const text = errorText(res.error);
  errorSlot.textContent = text;
  errorSlot.classList.add('is-error');
  if (!isLive(errorSlot)) announce(text);
  revealBeside(errorSlot);
  return undefined;
}
