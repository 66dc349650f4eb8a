/**
 * The popup's line for a command that waits for this code (credential_process, exec, login): who
 * asks and until when (main's broker gives up at `expiresAt`), a warning a minute before, and a
 * button that gives the command its full time again. The line is a status kept in the tree while
 * empty, rewritten only when its words change (every refresh and arrow key re-renders the popup).
 */
import type { RequestView } from '../main/ipc/contract';
import { askerText } from '../main/core/renew/asker-text';
import { bridge } from './bridge';
import { byId, call, setText, show } from './dom';
import { formatClock } from './format';
import { locale, t } from './i18n';

/** The warning comes this long before the end (at once when less is left): time to reach the button. */
export const WARN_BEFORE_MS = 60_000;

const ui = {
  line: byId('request'),
  warning: byId('request-warning'),
  extend: byId<HTMLButtonElement>('extend'),
  clickToType: byId('click-to-type'),
};

let current: RequestView | null = null;
let warnTimer: ReturnType<typeof setTimeout> | undefined;

const endTime = (r: RequestView): string => formatClock(new Date(r.expiresAt), new Date());
const minutes = (r: RequestView): number => Math.max(1, Math.round(r.limitMs / 60_000));

function armWarning(r: RequestView): void {
  clearTimeout(warnTimer);
  ui.warning.textContent = '';
  warnTimer = setTimeout(
    () => {
      if (current?.id === r.id) setText(ui.warning, t('requestEnding', { time: endTime(r), minutes: minutes(r) }));
    },
    Math.max(0, r.expiresAt - WARN_BEFORE_MS - Date.now()),
  );
}

/** Shows (or, with null, removes) the request; re-arms the warning only for a new one or a new deadline. */
export function showRequest(r: RequestView | null): void {
  const renewed = r?.id !== current?.id || r?.expiresAt !== current?.expiresAt;
  current = r;
  if (!r) {
    clearTimeout(warnTimer);
    ui.line.textContent = '';
    ui.warning.textContent = '';
    show(ui.extend, false);
    return;
  }
  setText(ui.line, t('requestWaiting', { asker: askerText(r.asker, r.target, locale()), time: endTime(r) }));
  setText(ui.extend, t('extendRequest', { minutes: minutes(r) }));
  show(ui.extend, true);
  if (renewed) armWarning(r);
}

/** The OS kept the keyboard elsewhere (Windows' foreground lock): say to click here; gone once the window has the focus. */
export function showClickToType(on: boolean): void {
  if (on) setText(ui.clickToType, t('clickToType'));
  else ui.clickToType.textContent = '';
}

export function currentRequest(): RequestView | null {
  return current;
}

export function initRequestLine(): void {
  window.addEventListener('focus', () => showClickToType(false));
  ui.extend.addEventListener('click', () => {
    const asked = current;
    if (!asked) return;
    void call(ui.extend, ui.warning, () => bridge().extendRequest({ id: asked.id })).then((view) => {
      // The new end time goes into the line (a status): that is what is heard.
      if (view && current?.id === view.id) showRequest(view);
    });
  });
}
