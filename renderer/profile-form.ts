/**
 * The add/edit profile form. The secret access key leaves the page once, inside saveProfile, and
 * the field is emptied before the reply arrives; nothing the renderer receives ever holds it.
 */
import type { AppState, ProfileView } from '../main/ipc/contract';
import { defaultTargetFor } from '../main/core/targets';
import type { ProfileEntry } from '../main/core/types';
import {
  MAX_DURATION,
  validateAccessKeyId,
  validateDuration,
  validateMfaProcess,
  validateProfileName,
  validateSecretAccessKey,
  validateSerial,
} from '../main/core/validate';
import { bridge } from './bridge';
import { byId, call, isButtonBusy, revealBeside, setText, show } from './dom';
import { initDevicePicker, resetDevicePicker } from './device-picker';
import { check, focusFieldWithError, setFieldError } from './field-errors';
import { formatDuration } from './format';
import { t, type MessageKey } from './i18n';

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
  importStatus: byId('import-status'),
  serial: byId<HTMLInputElement>('serial'),
  discover: byId<HTMLButtonElement>('discover'),
  serialHelp: byId('serial-help'),
  serialError: byId('serial-error'),
  target: byId<HTMLInputElement>('target'),
  targetHelp: byId('target-help'),
  targetError: byId('target-error'),
  hours: byId<HTMLInputElement>('hours'),
  minutes: byId<HTMLInputElement>('minutes'),
  durationHelp: byId('duration-help'),
  durationError: byId('duration-error'),
  mfaProcess: byId<HTMLInputElement>('mfa-process'),
  mfaProcessHelp: byId('mfa-process-help'),
  mfaProcessToConfig: byId<HTMLInputElement>('mfa-process-to-config'),
  mfaProcessConfigHelp: byId('mfa-process-config-help'),
  mfaProcessError: byId('mfa-process-error'),
  formError: byId('form-error'),
  cancel: byId<HTMLButtonElement>('cancel'),
  save: byId<HTMLButtonElement>('save'),
};

export interface FormHost {
  state(): AppState;
  /** Called after a save/import changed something: reload state, then show this status line (in `slot`, default the page's). */
  changed(key: MessageKey, vars?: Record<string, string>, slot?: HTMLElement): Promise<void>;
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

const errorSlots = () => [ui.sourceError, ui.accessKeyError, ui.secretError, ui.serialError, ui.targetError, ui.durationError, ui.mfaProcessError, ui.formError];

export function isOpen(): boolean {
  return !ui.section.hidden;
}

export function openEditor(profile: ProfileView | null, prefillSource = '', openedBy: string | null = null): void {
  original = profile;
  opener = openedBy;
  keysStored = profile?.hasKeys ?? false;
  maskedKey = profile?.accessKeyIdMasked ?? null;
  for (const slot of errorSlots()) setFieldError(slot, '');
  ui.importStatus.textContent = '';
  ui.source.value = profile?.sourceProfile ?? prefillSource;
  ui.accessKeyId.value = '';
  ui.secret.value = '';
  ui.serial.value = profile?.serial ?? '';
  ui.target.value = profile?.target ?? '';
  const d = profile?.durationSeconds ?? null;
  ui.hours.value = d === null ? '' : String(Math.floor(d / 3600));
  ui.minutes.value = d === null ? '' : String(Math.floor((d % 3600) / 60));
  ui.mfaProcess.value = profile?.mfaProcess ?? '';
  ui.mfaProcessToConfig.checked = false;
  resetDevicePicker();
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
  setText(ui.heading, original ? t('formEditHeading', { source: original.sourceProfile }) : t('formAddHeading'));
  setText(ui.accessKeyHelp, keysStored ? t('accessKeyHelpKeep', { masked: maskedKey ?? '…' }) : t('accessKeyHelpNew'));
  const usualTarget = defaultTargetFor(ui.source.value.trim() || 'default', state.defaultTarget);
  const target = ui.target.value.trim() || usualTarget;
  ui.target.placeholder = usualTarget;
  setText(ui.targetHelp, t('targetHelp', { target }));
  setText(ui.durationHelp, t('durationHelp', { default: formatDuration(state.defaultDurationSeconds) }));
  setText(ui.serialHelp, keysStored ? t('serialHelp') : `${t('serialHelp')} ${t('discoverNeedsKeys')}`);
  // The config file's own mfa_process is used first: say so, so nobody wonders why theirs is not.
  const inConfig = original?.mfaProcessInConfig ?? null;
  setText(ui.mfaProcessHelp, inConfig ? `${t('mfaProcessHelp')} ${t('mfaProcessInConfig', { command: inConfig })}` : t('mfaProcessHelp'));
  setText(ui.mfaProcessConfigHelp, t('mfaProcessToConfigHelp'));
  ui.mfaProcessToConfig.disabled = ui.mfaProcess.value.trim() === '';
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
    setFieldError(ui.sourceError, t('sourceTaken', { source: sourceProfile }));
  }
  const targetRaw = ui.target.value.trim() || defaultTargetFor(ui.source.value.trim(), state.defaultTarget);
  const target = check(ui.targetError, () => validateProfileName(targetRaw, 'target profile name'), 'fieldProfileName', {
    what: t('whatTarget'),
  });
  const serialRaw = ui.serial.value.trim();
  const serial = serialRaw === '' ? '' : check(ui.serialError, () => validateSerial(serialRaw), 'fieldSerial');
  if (serialRaw === '') setFieldError(ui.serialError, '');
  const durationSeconds = readDuration();
  if (durationSeconds === undefined) setFieldError(ui.durationError, '');
  const mfaProcessRaw = ui.mfaProcess.value.trim();
  const mfaProcess = mfaProcessRaw === '' ? '' : check(ui.mfaProcessError, () => validateMfaProcess(mfaProcessRaw), 'fieldMfaProcess');
  if (mfaProcessRaw === '') setFieldError(ui.mfaProcessError, '');

  const keyId = ui.accessKeyId.value.trim();
  const secretGiven = ui.secret.value !== '';
  let accessKeyId: string | undefined;
  setFieldError(ui.accessKeyError, '');
  setFieldError(ui.secretError, '');
  if (keyId !== '' || secretGiven) {
    if (keyId === '' || !secretGiven) {
      setFieldError(keyId === '' ? ui.accessKeyError : ui.secretError, t('keysBothOrNeither'));
    } else {
      accessKeyId = check(ui.accessKeyError, () => validateAccessKeyId(keyId), 'fieldAccessKey');
      check(ui.secretError, () => validateSecretAccessKey(ui.secret.value), 'fieldSecret');
    }
  }
  const firstError = errorSlots().find((s) => s.textContent);
  if (firstError || !sourceProfile || !target || serial === undefined || durationSeconds === null || mfaProcess === undefined) {
    if (firstError) focusFieldWithError(firstError, ui.source);
    else ui.source.focus();
    return;
  }

  const entry: ProfileEntry = { sourceProfile, target };
  if (serial) entry.serial = serial;
  if (durationSeconds !== undefined) entry.durationSeconds = durationSeconds;
  if (mfaProcess) entry.mfaProcess = mfaProcess;
  const secretAccessKey = accessKeyId ? ui.secret.value : undefined;
  // The secret leaves the page in this one request; the field is emptied before awaiting.
  ui.secret.value = '';
  ui.accessKeyId.value = '';
  const saved = await call(ui.save, ui.formError, () =>
    bridge().saveProfile({
      original: original?.sourceProfile ?? null,
      entry,
      ...(accessKeyId && secretAccessKey ? { accessKeyId, secretAccessKey } : {}),
      ...(mfaProcess && ui.mfaProcessToConfig.checked ? { writeMfaProcessToConfig: true } : {}),
    }),
  );
  if (!saved) return;
  closeEditor();
  host.returnFocus(null);
  await host.changed('saved', { source: saved.sourceProfile });
}

/** Import moved the keys of the profile being edited: say so beside where the Import button was. */
export function showImported(sourceProfile: string): void {
  setText(ui.importStatus, t('imported', { source: sourceProfile }));
  revealBeside(ui.importStatus);
}

async function importKeys(): Promise<void> {
  const sourceProfile = ui.source.value.trim();
  ui.importStatus.textContent = '';
  const imported = await call(ui.importBtn, ui.importStatus, () => bridge().importKeys({ sourceProfile }));
  if (!imported) return;
  keysStored = true;
  maskedKey = imported.accessKeyIdMasked;
  await host.changed('imported', { source: sourceProfile }, ui.importStatus);
  // If main configured the profile while importing, this form now edits it rather than adding it.
  original = host.state().profiles.find((p) => p.sourceProfile === sourceProfile) ?? original;
  renderTexts();
  // The Import button has gone; the next step is the MFA device.
  (ui.discover.disabled ? ui.serial : ui.discover).focus();
}

export function initProfileForm(h: FormHost): void {
  host = h;
  ui.form.addEventListener('submit', (e) => {
    e.preventDefault();
    void save();
  });
  ui.cancel.addEventListener('click', () => cancelEditor());
  ui.importBtn.addEventListener('click', () => void importKeys());
  initDevicePicker(() => ui.source.value.trim());
  ui.source.addEventListener('input', () => renderTexts());
  ui.target.addEventListener('input', () => renderTexts());
  ui.mfaProcess.addEventListener('input', () => renderTexts());
  ui.hours.max = String(MAX_DURATION / 3600);
}
