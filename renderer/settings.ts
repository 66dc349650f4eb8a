/**
 * The settings window: configured profiles (add, edit, remove), keys that can be imported from
 * ~/.aws/credentials into the keychain, and preferences. State always comes from main.
 */
import type { AppState, ProfileView } from '../main/ipc/contract';
import { bridge } from './bridge';
import { byId, el, focusByKey, focusKeyOf, show } from './dom';
import { errorText, setLocale, t, translateDom, type MessageKey } from './i18n';
import { fillLoginItem, fillPrefs, initPrefsForm } from './prefs-form';
import { cancelEditor, closeEditor, initProfileForm, isOpen, openEditor, renderTexts } from './profile-form';
import { openRotatePanel, rotateButton } from './rotate-key';

const ui = {
  status: byId('status'),
  trayHidden: byId('tray-hidden'),
  list: byId<HTMLUListElement>('profile-list'),
  noProfiles: byId('no-profiles'),
  add: byId<HTMLButtonElement>('add-profile'),
  importable: byId('importable'),
  importableList: byId('importable-list'),
  rotateHost: byId('rotate-host'),
};

let state: AppState | null = null;
let prefsFilled = false;

function currentState(): AppState {
  if (!state) throw new Error('settings state not loaded yet');
  return state;
}

function setStatus(text: string, isError = false): void {
  ui.status.textContent = text;
  ui.status.classList.toggle('is-error', isError);
}

function profileItem(p: ProfileView): HTMLLIElement {
  const details = [
    el('span', { class: 'name' }, p.sourceProfile),
    el('span', { class: 'muted' }, t('writesTo', { target: p.target })),
    el('span', { class: 'muted' }, p.hasKeys && p.accessKeyIdMasked ? t('keysStored', { masked: p.accessKeyIdMasked }) : t('noKeysStored')),
    el('span', { class: 'muted' }, p.serial ? t('serialShown', { serial: p.serial }) : t('serialAuto')),
  ];
  if (p.plaintextKeysInFile) details.push(el('span', { class: 'warn' }, t('plaintextWarning')));
  const edit = el('button', { type: 'button', 'aria-label': `${t('edit')} ${p.sourceProfile}`, 'data-focus-key': `edit:${p.sourceProfile}` }, t('edit'));
  edit.addEventListener('click', () => openEditor(p, '', `edit:${p.sourceProfile}`));
  const remove = el(
    'button',
    { type: 'button', class: 'danger', 'aria-label': `${t('remove')} ${p.sourceProfile}`, 'data-focus-key': `remove:${p.sourceProfile}` },
    t('remove'),
  );
  remove.addEventListener('click', () => void removeProfile(p.sourceProfile));
  const actions = el('div', { class: 'actions' }, edit, remove);
  if (p.hasKeys) {
    const names = rotateButton(p.sourceProfile, currentState().locale);
    const rotate = el('button', { type: 'button', 'aria-label': names.label, 'data-focus-key': `rotate:${p.sourceProfile}` }, names.text);
    rotate.addEventListener('click', () =>
      openRotatePanel(ui.rotateHost, {
        sourceProfile: p.sourceProfile,
        locale: currentState().locale,
        rotateKey: (req) => bridge().rotateKey(req),
        onClose: () => focusByKey(`rotate:${p.sourceProfile}`, ui.add),
      }),
    );
    actions.prepend(rotate);
  }
  return el('li', { class: 'card profile-item' }, el('div', { class: 'meta' }, ...details), actions);
}

async function removeProfile(sourceProfile: string): Promise<void> {
  if (!window.confirm(t('confirmRemove', { source: sourceProfile }))) return;
  const res = await bridge().removeProfile({ sourceProfile });
  if (!res.ok) return setStatus(errorText(res.error), true);
  closeEditor();
  // The Remove button is about to go with its list item.
  ui.add.focus();
  await changed('removed', { source: sourceProfile });
}

async function importFromList(sourceProfile: string): Promise<void> {
  const res = await bridge().importKeys({ sourceProfile });
  if (!res.ok) return setStatus(errorText(res.error), true);
  await changed('imported', { source: sourceProfile });
  // If import only moved the keys, offer the rest of the profile (target, device) to fill in.
  const configured = currentState().profiles.find((p) => p.sourceProfile === sourceProfile);
  openEditor(configured ?? null, sourceProfile, `edit:${sourceProfile}`);
}

function render(): void {
  const s = currentState();
  setLocale(s.locale);
  translateDom();
  // The lists are re-drawn: a keyboard user on one of their buttons stays on the same one.
  const focusedKey = ui.list.contains(document.activeElement) || ui.importableList.contains(document.activeElement) ? focusKeyOf(document.activeElement) : null;
  show(ui.noProfiles, s.profiles.length === 0);
  ui.list.replaceChildren(...s.profiles.map(profileItem));
  show(ui.importable, s.importable.length > 0);
  ui.importableList.replaceChildren(
    ...s.importable.map((name) => {
      const b = el('button', { type: 'button', 'data-focus-key': `import:${name}` }, t('importOne', { source: name }));
      b.addEventListener('click', () => void importFromList(name));
      return b;
    }),
  );
  if (!prefsFilled) {
    fillPrefs(s.preferences);
    prefsFilled = true;
  }
  fillLoginItem(s.loginItem);
  show(ui.trayHidden, s.trayHidden);
  renderTexts();
  if (focusedKey !== null && document.activeElement === document.body) focusByKey(focusedKey, ui.add);
}

async function refresh(): Promise<void> {
  const res = await bridge().getState(null);
  if (!res.ok) return setStatus(errorText(res.error), true);
  state = res.value;
  render();
}

/** After a change: reload state, then say what happened (in the possibly new language). */
async function changed(key: MessageKey, vars: Record<string, string> = {}): Promise<void> {
  await refresh();
  setStatus(t(key, vars));
}

initProfileForm({ state: currentState, changed, returnFocus: (key) => focusByKey(key, ui.add) });
initPrefsForm(changed);
ui.add.addEventListener('click', () => {
  setStatus('');
  openEditor(null, '', 'add');
});
// Esc closes the editor if it is open (focus back to what opened it), else the window: Windows
// and Linux have no menu with a Close item.
document.addEventListener('keydown', (e) => {
  if (e.key !== 'Escape' || e.defaultPrevented) return;
  e.preventDefault();
  if (isOpen()) cancelEditor();
  else void bridge().closeSettings(null);
});
bridge().on('stateChanged', () => void refresh());
void refresh().then(() => {
  // Marked loading until the first state is shown; tests wait for this.
  document.body.removeAttribute('data-loading');
  if (!isOpen() && currentState().profiles.length === 0) ui.add.focus();
});
