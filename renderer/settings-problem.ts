/**
 * When the state cannot be loaded (settings.json is not valid JSON or holds a bad value), both
 * windows show main's sentence in place of their content, in the page's language, with the way
 * out: open the file's folder to fix it, or reset it (main keeps the broken file as a backup and
 * says where). The sentence is an alert, and focus goes to the first way out, which it describes.
 */
import type { ErrorCode } from '../main/core/errors';
import { bridge } from './bridge';
import { byId, call, el, setText, show } from './dom';
import { errorText, setLocale, t, translateDom } from './i18n';

/**
 * Built into both pages' #problem-view at load, so the alert and the status are in the
 * accessibility tree before they have anything to say.
 */
function build() {
  const button = (id: string, key: string) => el('button', { type: 'button', id, 'aria-describedby': 'problem', 'data-i18n': key });
  const parts = {
    heading: el('h2', { id: 'problem-heading', 'data-i18n': 'problemHeading', hidden: true }),
    sentence: el('p', { id: 'problem', class: 'error', role: 'alert', tabindex: '-1' }),
    reveal: button('reveal-settings', 'revealSettings'),
    reset: button('reset-settings', 'resetSettings'),
    status: el('p', { id: 'problem-status', class: 'status', role: 'status' }),
  };
  const actions = el('div', { id: 'problem-actions', class: 'actions start-actions', hidden: true }, parts.reveal, parts.reset);
  const view = byId('problem-view');
  view.append(parts.heading, parts.sentence, actions, parts.status);
  translateDom(view);
  return { ...parts, actions };
}

const ui = build();

let file: string | null = null;
let shown = false;

export function hasProblem(): boolean {
  return shown;
}

/**
 * Shows why the state could not be loaded. Only a settings file that cannot be used gets the two
 * buttons; any other failure (e.g. the app is quitting) is said as it is.
 */
export async function showProblem(error: { code: ErrorCode; message: string }): Promise<void> {
  const wasShown = shown;
  shown = true;
  const fixable = error.code === 'SettingsUnusable';
  if (fixable) {
    // Where the file is and which language to speak: main knows both without reading the file.
    const where = await bridge().settingsFile({ action: 'locate' });
    if (where.ok) {
      file = where.value.file;
      setLocale(where.value.locale);
      translateDom();
    }
  }
  show(ui.heading, fixable);
  show(ui.actions, fixable && file !== null);
  setText(ui.sentence, errorText(error));
  if (!wasShown) ui.status.textContent = '';
  // Once: a file watcher's refresh while the problem stays must not pull focus back.
  if (wasShown) return;
  if (fixable && file !== null) ui.reveal.focus();
  else ui.sentence.focus();
}

/** The state loaded: the problem (if there was one) is gone. A reset's sentence stays, saying where the backup is. */
export function clearProblem(): void {
  shown = false;
  show(ui.heading, false);
  show(ui.actions, false);
  ui.sentence.textContent = '';
}

/** `reload` re-reads the state after a reset: the page shows its content again and focuses its first control. */
export function initSettingsProblem(reload: () => Promise<void>): void {
  ui.reveal.addEventListener('click', () => {
    void call(ui.reveal, ui.status, () => bridge().settingsFile({ action: 'reveal' })).then((r) => {
      if (r) setText(ui.status, t('settingsRevealed', { file: r.file }));
    });
  });
  ui.reset.addEventListener('click', () => {
    if (!window.confirm(t('resetConfirm', { file: file ?? 'settings.json' }))) return;
    void call(ui.reset, ui.status, () => bridge().settingsFile({ action: 'reset' })).then(async (r) => {
      if (!r) return;
      await reload();
      // After the reload: the page may have switched language, and the sentence must stay up.
      setText(ui.status, t('settingsReset', { backup: r.backup ?? '' }));
    });
  });
}
