/** The preferences form: start at login, expiry warning, clean-up of expired sessions, language. */
import type { LoginItemState } from '../main/core/autostart';
import type { Language, Preferences } from '../main/core/types';
import { bridge } from './bridge';
import { byId } from './dom';
import { errorText, t, type MessageKey } from './i18n';

const ui = {
  form: byId<HTMLFormElement>('prefs-form'),
  startAtLogin: byId<HTMLInputElement>('start-at-login'),
  loginItemHint: byId('login-item-hint'),
  warn: byId<HTMLInputElement>('warn-minutes'),
  warnError: byId('warn-error'),
  removeExpired: byId<HTMLInputElement>('remove-expired'),
  language: byId<HTMLSelectElement>('language'),
  error: byId('prefs-error'),
};

/** Matches the 12 h ceiling main accepts for the warning lead time. */
const MAX_WARN_MINUTES = 720;

export function fillPrefs(p: Preferences): void {
  ui.startAtLogin.checked = p.startAtLogin;
  ui.warn.value = String(p.warnMinutesBefore);
  ui.removeExpired.checked = p.removeExpired;
  ui.language.value = p.language;
}

/** What the OS will do, beside the checkbox (which shows what was asked for): on every state refresh. */
export function fillLoginItem(state: LoginItemState): void {
  ui.startAtLogin.disabled = state === 'unavailable';
  ui.loginItemHint.textContent = state === 'needs-approval' ? t('loginItemApprove') : state === 'unavailable' ? t('loginItemUnavailable') : '';
}

function readPrefs(): Preferences | null {
  const raw = ui.warn.value.trim();
  const warn = /^[0-9]+$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isInteger(warn) || warn < 0 || warn > MAX_WARN_MINUTES) {
    ui.warnError.textContent = t('warnInvalid');
    ui.warn.focus();
    return null;
  }
  ui.warnError.textContent = '';
  return {
    startAtLogin: ui.startAtLogin.checked,
    warnMinutesBefore: warn,
    removeExpired: ui.removeExpired.checked,
    language: ui.language.value as Language,
  };
}

export function initPrefsForm(changed: (key: MessageKey) => Promise<void>): void {
  ui.form.addEventListener('submit', (e) => {
    e.preventDefault();
    void (async () => {
      ui.error.textContent = '';
      const prefs = readPrefs();
      if (!prefs) return;
      const res = await bridge().savePreferences(prefs);
      if (!res.ok) {
        ui.error.textContent = errorText(res.error);
        return;
      }
      fillPrefs(res.value);
      // The language may have changed: reload state so the page re-renders in it.
      await changed('prefsSaved');
    })();
  });
}
