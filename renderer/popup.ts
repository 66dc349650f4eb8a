/**
 * The tray popup: pick a profile (when there are several), type the 6-digit code, get a session.
 * It submits on the sixth digit (the field's description says so) or Enter, shows main's error
 * sentence inline and is ready for the next try, and after success says so and hides itself a
 * while later, or at the next key (the tray tooltip keeps the result).
 */
import type { AppState, ProfileView, RequestView } from '../main/ipc/contract';
import type { LoginResult } from '../main/core/types';
import { bridge } from './bridge';
import { byId, el, setText, show } from './dom';
import { formatClock, formatLeft, normalizeCode } from './format';
import { errorText, locale, setLocale, t, translateDom } from './i18n';
import { currentRequest, initRequestLine, showClickToType, showRequest } from './request-line';
import { closeRotatePanel, openRotatePanel } from './rotate-key';
import { clearProblem, initSettingsProblem, showProblem } from './settings-problem';

/**
 * Time to hear "Profile mfa is ready until 21:42 (11h 59m). This window closes…" with a screen
 * reader and to read it at 200 %; any key closes it sooner.
 */
export const HIDE_AFTER_SUCCESS_MS = 8000;

const ui = {
  loginView: byId<HTMLFormElement>('login-view'),
  emptyView: byId('empty-view'),
  profileRow: byId('profile-row'),
  profile: byId<HTMLSelectElement>('profile'),
  profileFull: byId('profile-full'),
  single: byId('single-profile'),
  code: byId<HTMLInputElement>('code'),
  error: byId('error'),
  success: byId('success'),
  busy: byId('busy'),
  session: byId('session'),
  settings: byId<HTMLButtonElement>('settings'),
  openSettings: byId<HTMLButtonElement>('open-settings'),
  trayHidden: byId('tray-hidden'),
  rotateHost: byId('rotate-host'),
};

let state: AppState | null = null;
let selected: string | null = null;
let busy = false;
let hideTimer: ReturnType<typeof setTimeout> | undefined;

/**
 * The profiles to offer: the configured ones, plus the one a command asks for when it is not
 * configured here (keys stored with the CLI only), with the target that command needs.
 */
function offered(): ProfileView[] {
  const request = currentRequest();
  const list = (state?.profiles ?? []).map((p) => (request && p.sourceProfile === request.profile ? { ...p, target: request.target } : p));
  if (request && !list.some((p) => p.sourceProfile === request.profile)) {
    list.push({
      sourceProfile: request.profile,
      target: request.target,
      serial: null,
      durationSeconds: null,
      hasKeys: true,
      accessKeyIdMasked: null,
      plaintextKeysInFile: false,
      expiration: null,
      mfaProcess: null,
      mfaProcessInConfig: null,
    });
  }
  return list;
}

function selectedProfile(): ProfileView | undefined {
  const list = offered();
  return list.find((p) => p.sourceProfile === selected) ?? list[0];
}

function render(): void {
  if (!state) return;
  setLocale(state.locale);
  translateDom();
  show(ui.trayHidden, state.trayHidden);
  showRequest(currentRequest());
  const profiles = offered();
  show(ui.emptyView, profiles.length === 0);
  show(ui.loginView, profiles.length > 0);
  if (profiles.length === 0) {
    ui.session.textContent = '';
    return;
  }

  if (!profiles.some((p) => p.sourceProfile === selected)) selected = profiles[0]!.sourceProfile;
  show(ui.profileRow, profiles.length > 1);
  ui.profile.replaceChildren(
    ...profiles.map((p) =>
      el('option', { value: p.sourceProfile, selected: p.sourceProfile === selected }, t('singleProfile', { source: p.sourceProfile, target: p.target })),
    ),
  );
  ui.profile.value = selected!;
  const current = selectedProfile()!;
  show(ui.single, profiles.length === 1);
  setText(ui.single, t('singleProfile', { source: current.sourceProfile, target: current.target }));
  showFullChoice(profiles.length > 1 ? t('singleProfile', { source: current.sourceProfile, target: current.target }) : '');
  renderSession(current);
}

/** The chosen "source → target" in full under the list, when the closed list cuts it off. */
function showFullChoice(text: string): void {
  const box = ui.profile;
  const st = getComputedStyle(box);
  const ctx = document.createElement('canvas').getContext('2d');
  let cut = false;
  if (text && ctx && box.clientWidth > 0) {
    ctx.font = st.font;
    // The closed list's text area: its width less padding and the arrow (about 20 px in Chromium).
    const room = box.clientWidth - parseFloat(st.paddingLeft) - parseFloat(st.paddingRight) - 20;
    cut = ctx.measureText(text).width > room;
  }
  setText(ui.profileFull, cut ? text : '');
  show(ui.profileFull, cut);
}

function renderSession(p: ProfileView): void {
  if (!p.expiration) {
    setText(ui.session, t('sessionNone', { target: p.target }));
    return;
  }
  const left = Date.parse(p.expiration) - Date.now();
  setText(ui.session, left > 0 ? t('sessionLeft', { target: p.target, left: formatLeft(left) }) : t('sessionExpired', { target: p.target }));
}

function setBusy(on: boolean): void {
  busy = on;
  // Not aria-busy: screen readers hold back live regions inside a busy element, and this one
  // holds the status and alert that must be heard.
  ui.loginView.toggleAttribute('data-busy', on);
  ui.busy.textContent = on ? t('signingIn') : '';
  // Read-only, not disabled: a disabled field drops focus to <body> and the next Tab skips ahead.
  ui.code.readOnly = on;
  ui.profile.disabled = on;
}

/** Zoomed in, the page scrolls: bring the sentence into view rather than leave it below the fold. */
function revealMessage(node: HTMLElement): void {
  node.scrollIntoView({ block: 'nearest' });
}

function markInvalid(invalid: boolean): void {
  ui.code.setAttribute('aria-invalid', String(invalid));
}

function clearMessages(): void {
  ui.error.textContent = '';
  ui.success.textContent = '';
}

function focusCode(): void {
  if (!ui.loginView.hidden) ui.code.focus();
}

/** Shows why the code was refused; `keepDigits` leaves a too-long paste in place to be corrected. */
function fail(message: string, keepDigits = false): void {
  setBusy(false);
  if (!keepDigits) ui.code.value = '';
  ui.error.textContent = message;
  markInvalid(true);
  focusCode();
  revealMessage(ui.error);
}

function succeed(result: LoginResult): void {
  setBusy(false);
  showRequest(null); // answered: the waiting commands have their session
  ui.code.value = '';
  const expiry = new Date(result.expiration);
  const now = new Date();
  const ready = t('ready', {
    target: result.target,
    time: formatClock(expiry, now),
    left: formatLeft(expiry.getTime() - now.getTime()),
  });
  // The closing is said with the result: the window going away is then no surprise.
  ui.success.textContent = `${ready}${locale() === 'ja' ? '' : ' '}${t('closingSoon')}`;
  // Keep the field locked (and focused, so the next Tab does not skip ahead) while the message
  // shows; popupShown re-opens it.
  ui.code.readOnly = true;
  focusCode();
  revealMessage(ui.success);
  hideTimer = setTimeout(() => {
    hideTimer = undefined;
    void bridge().hideWindow(null);
  }, HIDE_AFTER_SUCCESS_MS);
}

async function submit(): Promise<void> {
  // Read-only also after success, until the popup is shown again: Enter then does nothing.
  if (busy || ui.code.readOnly) return;
  const code = normalizeCode(ui.code.value);
  const profile = selectedProfile();
  if (!profile) return;
  clearMessages();
  if (code.length !== 6) {
    fail(t('codeIncomplete'), code.length > 6);
    return;
  }
  setBusy(true);
  const res = await bridge().login({ sourceProfile: profile.sourceProfile, code });
  if (res.ok) {
    succeed(res.value);
    void refresh();
  } else {
    fail(errorText(res.error));
  }
}

async function refresh(): Promise<void> {
  const res = await bridge().getState(null);
  if (!res.ok) {
    // Without a state there is nothing to log in with: the form stays hidden, the problem is said.
    state = null;
    show(ui.loginView, false);
    show(ui.emptyView, false);
    return showProblem(res.error);
  }
  clearProblem();
  state = res.value;
  render();
}

/** Back to a clean field whenever the popup is shown again. */
async function reset(sourceProfile: string | null, asked: RequestView | null = null): Promise<void> {
  clearTimeout(hideTimer);
  hideTimer = undefined;
  showRequest(asked);
  if (sourceProfile) selected = sourceProfile;
  if (!busy) {
    clearMessages();
    ui.code.value = '';
    ui.code.readOnly = false;
    ui.profile.disabled = false;
    markInvalid(false);
  }
  await refresh();
  focusCode();
}

ui.code.addEventListener('input', () => {
  const clean = normalizeCode(ui.code.value);
  if (clean !== ui.code.value) ui.code.value = clean;
  markInvalid(false);
  if (clean.length > 0) ui.error.textContent = '';
  // Exactly six: a longer paste is not a code with extra noise, it is the wrong text.
  if (clean.length === 6) void submit();
  else if (clean.length > 6) fail(t('codeIncomplete'), true);
});

ui.loginView.addEventListener('submit', (e) => {
  e.preventDefault();
  void submit();
});

// No focus move here: arrow keys on the list fire 'change' at every step, and the keyboard user
// is still choosing. Tab reaches the code field next.
ui.profile.addEventListener('change', () => {
  selected = ui.profile.value;
  clearMessages();
  render();
});

const MODIFIERS = new Set(['Shift', 'Control', 'Alt', 'Meta', 'AltGraph', 'CapsLock']);

document.addEventListener('keydown', (e) => {
  if (e.key === 'Escape') {
    e.preventDefault();
    // Esc on a command's request cancels it: the waiting commands are told at once.
    const cancelled = currentRequest();
    showRequest(null);
    void bridge().hideWindow(cancelled ? { cancelRequest: cancelled.id } : null);
  } else if (hideTimer !== undefined && !MODIFIERS.has(e.key)) {
    // After success: the result was said, any key closes the window now.
    e.preventDefault();
    clearTimeout(hideTimer);
    hideTimer = undefined;
    void bridge().hideWindow(null);
  }
});

ui.settings.addEventListener('click', () => void bridge().openSettings(null));
ui.openSettings.addEventListener('click', () => void bridge().openSettings(null));
initRequestLine();
initSettingsProblem(async () => {
  await refresh();
  if (state && state.profiles.length === 0) ui.openSettings.focus();
  else focusCode();
});

/** The key rotation of `sourceProfile` in place of the code field, until it is closed. */
function openRotation(sourceProfile: string): void {
  if (!state) return;
  ui.loginView.hidden = true;
  openRotatePanel(ui.rotateHost, {
    sourceProfile,
    locale: state.locale,
    rotateKey: (req) => bridge().rotateKey(req),
    onClose: () => {
      render();
      focusCode();
    },
  });
}

bridge().on('popupShown', (p) => {
  showClickToType(p.clickToType === true);
  closeRotatePanel(ui.rotateHost);
  void reset(p.sourceProfile, p.request ?? null).then(() => {
    if (p.rotate && p.sourceProfile) openRotation(p.sourceProfile);
  });
});
bridge().on('stateChanged', () => void refresh());

void reset(null).then(() => {
  // Marked loading until the first state is shown (profiles known); tests wait for this.
  document.body.removeAttribute('data-loading');
  if (state && state.profiles.length === 0) ui.openSettings.focus();
});
