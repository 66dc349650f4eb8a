/**
 * The add/edit profile form. The secret access key leaves the page once, inside saveProfile, and
 * the field is emptied before the reply arrives; nothing the renderer receives ever holds it.
 */
import type { AppState, ProfileView } from '../main/ipc/contract';
import type { MfaDevice, ProfileEntry } from '../main/core/types';
import {
  MAX_DURATION,
  validateAccessKeyId,
  validateDuration,
  validateProfileName,
  validateSecretAccessKey,
  validateSerial,
} from '../main/core/validate';
import { bridge } from './bridge';
import { byId, el, isButtonBusy, setButtonBusy, show } from './dom';
import { check } from './field-errors';
import { formatDuration } from './format';
import { errorText, t, type MessageKey } from './i18n';

const ui = {
  section: byId('editor'),
  heading: byId('editor-heading'),
  form: byId<HTMLFormElement>('profile-form'),
  source: byId<HTMLInputElement>('source'),
  sourceError: byId('source-error'),
  accessKeyId: byId<HTMLInputElement>('access-key-id'),
  accessKeyHelp: byId('access-key-help'),
  accessKeyError: byId('access-key-error'),
  secret: byId<HTMLInputElement>('secret'),
  secretError: byId('secret-error'),
  importBtn: byId<HTMLButtonElement>('import'),
  serial: byId<HTMLInputElement>('serial'),
  discover: byId<HTMLButtonElement>('discover'),
  devices: byId<HTMLFieldSetElement>('devices'),
  serialHelp: byId('serial-help'),
  serialError: byId('serial-error'),
  target: byId<HTMLInputElement>('target'),
  targetHelp: byId('target-help'),
  targetError: byId('target-error'),
  hours: byId<HTMLInputElement>('hours'),
  minutes: byId<HTMLInputElement>('minutes'),
  durationHelp: byId('duration-help'),
  durationError: byId('duration-error'),
  formError: byId('form-error'),
  cancel: byId<HTMLButtonElement>('cancel'),
  save: byId<HTMLButtonElement>('save'),
};

export interface FormHost {
  state(): AppState;
  /** Called after a save/import changed something: reload state, then show this status line. */
  changed(key: MessageKey, vars?: Record<string, string>): Promise<void>;
  /** Puts focus back on the control with this focus key; null (or a control that is gone): Add profile. */
  returnFocus(key: string | null): void;
}

let host: FormHost;
let original: ProfileView | null = null;
/** Keys are in the keychain for the source being edited (stored earlier or imported just now). */
let keysStored = false;
let maskedKey: string | null = null;
/** Focus key of the control that opened the editor: Esc and Cancel go back to it. */
let opener: string | null = null;

const errorSlots = () => [ui.sourceError, ui.accessKeyError, ui.secretError, ui.serialError, ui.targetError, ui.durationError, ui.formError];

export function isOpen(): boolean {
  return !ui.section.hidden;
}

export function openEditor(profile: ProfileView | null, prefillSource = '', openedBy: string | null = null): void {
  original = profile;
  opener = openedBy;
  keysStored = profile?.hasKeys ?? false;
  maskedKey = profile?.accessKeyIdMasked ?? null;
  for (const slot of errorSlots()) slot.textContent = '';
  ui.source.value = profile?.sourceProfile ?? prefillSource;
  ui.accessKeyId.value = '';
  ui.secret.value = '';
  ui.serial.value = profile?.serial ?? '';
  ui.target.value = profile?.target ?? '';
  const d = profile?.durationSeconds ?? null;
  ui.hours.value = d === null ? '' : String(Math.floor(d / 3600));
  ui.minutes.value = d === null ? '' : String(Math.floor((d % 3600) / 60));
  ui.devices.replaceChildren();
  show(ui.devices, false);
  show(ui.section, true);
  renderTexts();
  ui.source.focus();
}

export function closeEditor(): void {
  ui.secret.value = '';
  ui.accessKeyId.value = '';
  original = null;
  show(ui.section, false);
}

/** Esc or Cancel: nothing saved, focus back where the user was. */
export function cancelEditor(): void {
  closeEditor();
  host.returnFocus(opener);
}

/** Texts that depend on the language, the state or what is typed. */
export function renderTexts(): void {
  if (!isOpen()) return;
  const state = host.state();
  ui.heading.textContent = original ? t('formEditHeading', { source: original.sourceProfile }) : t('formAddHeading');
  ui.accessKeyHelp.textContent = keysStored ? t('accessKeyHelpKeep', { masked: maskedKey ?? '…' }) : t('accessKeyHelpNew');
  const target = ui.target.value.trim() || state.defaultTarget;
  ui.target.placeholder = state.defaultTarget;
  ui.targetHelp.textContent = t('targetHelp', { target });
  ui.durationHelp.textContent = t('durationHelp', { default: formatDuration(state.defaultDurationSeconds) });
  ui.serialHelp.textContent = keysStored ? t('serialHelp') : `${t('serialHelp')} ${t('discoverNeedsKeys')}`;
  ui.discover.disabled = !keysStored;
  const source = ui.source.value.trim();
  show(ui.importBtn, Boolean((original?.plaintextKeysInFile && source === original.sourceProfile) || state.importable.includes(source)));
}

function readDuration(): number | undefined | null {
  const h = ui.hours.value.trim();
  const m = ui.minutes.value.trim();
  if (h === '' && m === '') return undefined;
  const seconds = (Number(h || '0') * 60 + Number(m || '0')) * 60;
  // null marks "invalid" (undefined means "not set, use the default").
  return check(ui.durationError, () => validateDuration(seconds), 'fieldDuration', {}, true) ?? null;
}

async function save(): Promise<void> {
  if (isButtonBusy(ui.save)) return;
  ui.formError.textContent = '';
  const state = host.state();
  const sourceProfile = check(ui.sourceError, () => validateProfileName(ui.source.value.trim(), 'source profile name'), 'fieldProfileName', {
    what: t('whatSource'),
  });
  if (sourceProfile && sourceProfile !== original?.sourceProfile && state.profiles.some((p) => p.sourceProfile === sourceProfile)) {
    ui.sourceError.textContent = t('sourceTaken', { source: sourceProfile });
  }
  const targetRaw = ui.target.value.trim() || state.defaultTarget;
  const target = check(ui.targetError, () => validateProfileName(targetRaw, 'target profile name'), 'fieldProfileName', {
    what: t('whatTarget'),
  });
  const serialRaw = ui.serial.value.trim();
  const serial = serialRaw === '' ? '' : check(ui.serialError, () => validateSerial(serialRaw), 'fieldSerial');
  if (serialRaw === '') ui.serialError.textContent = '';
  const durationSeconds = readDuration();
  if (durationSeconds === undefined) ui.durationError.textContent = '';

  const keyId = ui.accessKeyId.value.trim();
  const secretGiven = ui.secret.value !== '';
  let accessKeyId: string | undefined;
  ui.accessKeyError.textContent = '';
  ui.secretError.textContent = '';
  if (keyId !== '' || secretGiven) {
    if (keyId === '' || !secretGiven) {
      (keyId === '' ? ui.accessKeyError : ui.secretError).textContent = t('keysBothOrNeither');
    } else {
      accessKeyId = check(ui.accessKeyError, () => validateAccessKeyId(keyId), 'fieldAccessKey');
      check(ui.secretError, () => validateSecretAccessKey(ui.secret.value), 'fieldSecret');
    }
  }
  const firstError = errorSlots().find((s) => s.textContent);
  if (firstError || !sourceProfile || !target || serial === undefined || durationSeconds === null) {
    focusFieldOf(firstError);
    return;
  }

  const entry: ProfileEntry = { sourceProfile, target };
  if (serial) entry.serial = serial;
  if (durationSeconds !== undefined) entry.durationSeconds = durationSeconds;
  const secretAccessKey = accessKeyId ? ui.secret.value : undefined;
  // The secret leaves the page in this one request; the field is emptied before awaiting.
  ui.secret.value = '';
  ui.accessKeyId.value = '';
  setButtonBusy(ui.save, true);
  const res = await bridge().saveProfile({
    original: original?.sourceProfile ?? null,
    entry,
    ...(accessKeyId && secretAccessKey ? { accessKeyId, secretAccessKey } : {}),
  });
  setButtonBusy(ui.save, false);
  if (!res.ok) {
    ui.formError.textContent = errorText(res.error);
    return;
  }
  closeEditor();
  host.returnFocus(null);
  await host.changed('saved', { source: res.value.sourceProfile });
}

function focusFieldOf(slot: HTMLElement | undefined): void {
  const field = slot?.closest('.field')?.querySelector<HTMLInputElement>('input');
  (field ?? ui.source).focus();
}

async function importKeys(): Promise<void> {
  if (isButtonBusy(ui.importBtn)) return;
  const sourceProfile = ui.source.value.trim();
  ui.formError.textContent = '';
  setButtonBusy(ui.importBtn, true);
  const res = await bridge().importKeys({ sourceProfile });
  setButtonBusy(ui.importBtn, false);
  if (!res.ok) {
    ui.formError.textContent = errorText(res.error);
    return;
  }
  keysStored = true;
  maskedKey = res.value.accessKeyIdMasked;
  await host.changed('imported', { source: sourceProfile });
  // If main configured the profile while importing, this form now edits it rather than adding it.
  original = host.state().profiles.find((p) => p.sourceProfile === sourceProfile) ?? original;
  renderTexts();
  // The Import button has gone; the next step is the MFA device.
  (ui.discover.disabled ? ui.serial : ui.discover).focus();
}

function deviceLabel(d: MfaDevice): string {
  return d.kind === 'u2f' ? t('deviceU2f') : d.kind === 'hardware' ? t('deviceHardware') : t('deviceVirtual');
}

async function discover(): Promise<void> {
  if (isButtonBusy(ui.discover)) return;
  const sourceProfile = ui.source.value.trim();
  ui.serialError.textContent = '';
  ui.serialHelp.textContent = t('discovering');
  setButtonBusy(ui.discover, true);
  const res = await bridge().discoverDevices({ sourceProfile });
  setButtonBusy(ui.discover, false);
  ui.serialHelp.textContent = t('serialHelp');
  if (!res.ok) {
    ui.serialError.textContent = errorText(res.error);
    return;
  }
  const devices = res.value;
  const usable = devices.filter((d) => d.kind !== 'u2f');
  ui.devices.replaceChildren();
  show(ui.devices, false);
  if (devices.length === 0) {
    ui.serialError.textContent = t('discoverNone');
  } else if (usable.length === 1 && devices.length === 1) {
    ui.serial.value = usable[0]!.serial;
    ui.serialHelp.textContent = t('discoverFound', { serial: usable[0]!.serial });
  } else {
    renderDeviceChoice(devices);
  }
}

/** Several devices: radio buttons; FIDO keys shown but disabled, with the reason. */
function renderDeviceChoice(devices: MfaDevice[]): void {
  ui.devices.append(el('legend', {}, t('discoverPick')));
  for (const d of devices) {
    const u2f = d.kind === 'u2f';
    const radio = el('input', { type: 'radio', name: 'device', value: d.serial, disabled: u2f, checked: d.serial === ui.serial.value });
    radio.addEventListener('change', () => {
      ui.serial.value = d.serial;
      ui.serialError.textContent = '';
    });
    const text = el('span', { class: 'mono' }, d.serial);
    const kind = el('span', { class: u2f ? 'u2f' : 'muted' }, u2f ? t('u2fExplain') : `(${deviceLabel(d)})`);
    ui.devices.append(el('label', { class: u2f ? 'u2f' : '' }, radio, el('span', {}, text, ' ', kind)));
  }
  show(ui.devices, true);
  ui.devices.querySelector<HTMLInputElement>('input:not(:disabled)')?.focus();
}

export function initProfileForm(h: FormHost): void {
  host = h;
  ui.form.addEventListener('submit', (e) => {
    e.preventDefault();
    void save();
  });
  ui.cancel.addEventListener('click', () => cancelEditor());
  ui.importBtn.addEventListener('click', () => void importKeys());
  ui.discover.addEventListener('click', () => void discover());
  ui.source.addEventListener('input', () => renderTexts());
  ui.target.addEventListener('input', () => renderTexts());
  ui.hours.max = String(MAX_DURATION / 3600);
}
