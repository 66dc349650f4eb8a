/** The preferences form: start at login, expiry warning, clean-up of expired sessions, language. */
import type { LoginItemState } from '../main/core/autostart';
import type { Language, Preferences } from '../main/core/types';
import { bridge } from './bridge';
import { byId, call, setText } from './dom';
import { focusFieldWithError, setFieldError } from './field-errors';
import { t, type MessageKey } from './i18n';

const ui = {
  form: byId<HTMLFormElement>('prefs-form'),
  startAtLogin: byId<HTMLInputElement>('start-at-login'),
  loginItemHint: byId('login-item-hint'),
  warn: byId<HTMLInputElement>('warn-minutes'),
  warnError: byId('warn-error'),
  removeExpired: byId<HTMLInputElement>('remove-expired'),
  language: byId<HTMLSelectElement>('language'),
  save: byId<HTMLButtonElement>('save-prefs'),
  error: byId('prefs-error'),
  status: byId('prefs-status'),
};

/** Matches the 12 h ceiling main accepts for the warning lead time. */
const MAX_WARN_MINUTES = 720;

/** What the fields showed when last filled from main: Esc compares against it. */
let filled: Preferences | null = null;

export function fillPrefs(p: Preferences): void {
  filled = p;
  ui.startAtLogin.checked = p.startAtLogin;
  ui.warn.value = String(p.warnMinutesBefore);
  ui.removeExpired.checked = p.removeExpired;
  ui.language.value = p.language;
}

/** True when a field differs from what was last saved (or loaded). */
export function prefsChanged(): boolean {
  if (!filled) return false;
  return (
    ui.startAtLogin.checked !== filled.startAtLogin ||
    ui.warn.value.trim() !== String(filled.warnMinutesBefore) ||
    ui.removeExpired.checked !== filled.removeExpired ||
    ui.language.value !== filled.language
  );
}

/**
 * What the OS will do, beside the checkbox (which shows what was asked for): on every state
 * refresh, but written only when it changes (the hint is a live region, kept in the tree empty).
 */
export function fillLoginItem(state: LoginItemState): void {
  ui.startAtLogin.disabled = state === 'unavailable';
  setText(ui.loginItemHint, state === 'needs-approval' ? t('loginItemApprove') : state === 'unavailable' ? t('loginItemUnavailable') : '');
}

function readPrefs(): Preferences | null {
  const raw = ui.warn.value.trim();
  const warn = /^[0-9]+$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isInteger(warn) || warn < 0 || warn > MAX_WARN_MINUTES) {
    setFieldError(ui.warnError, t('warnInvalid'));
    focusFieldWithError(ui.warnError, ui.warn);
    return null;
  }
  setFieldError(ui.warnError, '');
  return {
    startAtLogin: ui.startAtLogin.checked,
    warnMinutesBefore: warn,
    removeExpired: ui.removeExpired.checked,
    language: ui.language.value as Language,
  };
}

/** `changed` reloads the state and writes the sentence into the slot given (here: beside Save). */
export function initPrefsForm(changed: (key: MessageKey, slot: HTMLElement) => Promise<void>): void {
  ui.form.addEventListener('submit', (e) => {
    e.preventDefault();
    void (async () => {
      ui.status.textContent = '';
      const prefs = readPrefs();
      if (!prefs) return;
      const saved = await call(ui.save, ui.error, () => bridge().savePreferences(prefs));
      if (!saved) return;
      fillPrefs(saved);
      // The language may have changed: reload state so the page re-renders in it.
      await changed('prefsSaved', ui.status);
    })();
  });
}
