/**
 * The settings window: configured profiles (add, edit, remove), keys that can be imported from
 * ~/.aws/credentials into the keychain, and preferences. State always comes from main.
 * Each sentence appears beside the control that caused it (brought into view, focus left alone).
 */
import type { AppState, ProfileView } from '../main/ipc/contract';
import { bridge } from './bridge';
import { byId, el, focusByKey, focusKeyOf, revealBeside, setText, show } from './dom';
import { errorText, setLocale, t, translateDom, type MessageKey } from './i18n';
import { fillLoginItem, fillPrefs, initPrefsForm, prefsChanged } from './prefs-form';
import { cancelEditor, closeEditor, initProfileForm, isOpen, openEditor, renderTexts, showImported } from './profile-form';
import { openRotatePanel, rotateButton } from './rotate-key';
import { clearProblem, hasProblem, initSettingsProblem, showProblem } from './settings-problem';

const ui = {
  status: byId('status'),
  trayHidden: byId('tray-hidden'),
  squatter: byId('endpoint-squatter'),
  list: byId<HTMLUListElement>('profile-list'),
  noProfiles: byId('no-profiles'),
  add: byId<HTMLButtonElement>('add-profile'),
  importable: byId('importable'),
  importableList: byId('importable-list'),
  rotateHost: byId('rotate-host'),
  importableStatus: byId('importable-status'),
  /** What is hidden while the settings file cannot be used. */
  content: [byId('profiles'), byId('prefs')],
};

let state: AppState | null = null;
let prefsFilled = false;

function currentState(): AppState {
  if (!state) throw new Error('settings state not loaded yet');
  return state;
}

/** A sentence in `slot` (the page's status line unless a control has its own), in view. */
function say(slot: HTMLElement, text: string, isError = false): void {
  setText(slot, text);
  slot.classList.toggle('is-error', isError);
  revealBeside(slot);
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
  if (!res.ok) return say(ui.status, errorText(res.error), true);
  closeEditor();
  // The Remove button is about to go with its list item; the status line sits just above Add profile.
  ui.add.focus();
  await changed('removed', { source: sourceProfile });
}

async function importFromList(sourceProfile: string): Promise<void> {
  const res = await bridge().importKeys({ sourceProfile });
  if (!res.ok) return say(ui.importableStatus, errorText(res.error), true);
  ui.importableStatus.textContent = '';
  await refresh();
  // If import only moved the keys, offer the rest of the profile (target, device) to fill in;
  // the editor (where focus goes) says what happened.
  const configured = currentState().profiles.find((p) => p.sourceProfile === sourceProfile);
  openEditor(configured ?? null, sourceProfile, `edit:${sourceProfile}`);
  showImported(sourceProfile);
}

function render(): void {
  const s = currentState();
  setLocale(s.locale);
  translateDom();
  for (const part of ui.content) show(part, true);
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
  ui.squatter.textContent = s.endpointSquatter ? t('endpointSquatter', { address: s.endpointSquatter }) : '';
  show(ui.squatter, s.endpointSquatter !== null);
  renderTexts();
  if (focusedKey !== null && document.activeElement === document.body) focusByKey(focusedKey, ui.add);
}

async function refresh(): Promise<void> {
  const res = await bridge().getState(null);
  if (!res.ok) {
    // Nothing below can be shown or saved without the state (saving would overwrite the file).
    closeEditor();
    for (const part of ui.content) show(part, false);
    return showProblem(res.error);
  }
  const hadProblem = hasProblem();
  clearProblem();
  state = res.value;
  // Fixed (or reset) after a failed load: the preferences are the file's now.
  if (hadProblem) prefsFilled = false;
  render();
}

/** After a change: reload state, then say what happened (in the possibly new language) in `slot`. */
async function changed(key: MessageKey, vars: Record<string, string> = {}, slot: HTMLElement = ui.status): Promise<void> {
  await refresh();
  say(slot, t(key, vars));
}

initProfileForm({ state: currentState, changed, returnFocus: (key) => focusByKey(key, ui.add) });
initPrefsForm((key, slot) => changed(key, {}, slot));
initSettingsProblem(async () => {
  await refresh();
  if (!hasProblem()) ui.add.focus();
});
ui.add.addEventListener('click', () => {
  setText(ui.status, '');
  openEditor(null, '', 'add');
});
// Esc closes the editor if it is open (focus back to what opened it), else the window: Windows
// and Linux have no menu with a Close item. Preference edits not saved yet are not dropped unasked.
document.addEventListener('keydown', (e) => {
  if (e.key !== 'Escape' || e.defaultPrevented) return;
  e.preventDefault();
  if (isOpen()) cancelEditor();
  else if (!prefsChanged() || window.confirm(t('discardPrefs'))) void bridge().closeSettings(null);
});
bridge().on('stateChanged', () => void refresh());
void refresh().then(() => {
  // Marked loading until the first state (or the reason there is none) is shown; tests wait for this.
  document.body.removeAttribute('data-loading');
  if (state && !isOpen() && state.profiles.length === 0) ui.add.focus();
});
