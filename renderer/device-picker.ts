/**
 * Discover in the profile editor: asks IAM for the user's MFA devices, fills in the only one or
 * offers a choice (FIDO keys shown, disabled, with the reason). Progress and the result go to
 * #discover-status, a status region beside the button (focus stays on it while IAM answers);
 * failures go to the device field's error slot and are announced.
 */
import type { MfaDevice } from '../main/core/types';
import { bridge } from './bridge';
import { byId, call, el, setText, show } from './dom';
import { setFieldError } from './field-errors';
import { t } from './i18n';

const ui = {
  serial: byId<HTMLInputElement>('serial'),
  discover: byId<HTMLButtonElement>('discover'),
  devices: byId<HTMLFieldSetElement>('devices'),
  status: byId('discover-status'),
  serialError: byId('serial-error'),
};

/** The editor opened or closed: no choice and no result from an earlier discovery. */
export function resetDevicePicker(): void {
  ui.devices.replaceChildren();
  show(ui.devices, false);
  ui.status.textContent = '';
}

function deviceLabel(d: MfaDevice): string {
  return d.kind === 'u2f' ? t('deviceU2f') : d.kind === 'hardware' ? t('deviceHardware') : t('deviceVirtual');
}

async function discover(sourceProfile: string): Promise<void> {
  setFieldError(ui.serialError, '');
  resetDevicePicker();
  setText(ui.status, t('discovering'));
  const devices = await call(ui.discover, ui.serialError, () => bridge().discoverDevices({ sourceProfile }));
  ui.status.textContent = '';
  if (!devices) return;
  const usable = devices.filter((d) => d.kind !== 'u2f');
  if (devices.length === 0) {
    // Not the field's fault, so not aria-invalid; a status beside the button says it.
    setText(ui.status, t('discoverNone'));
  } else if (usable.length === 1 && devices.length === 1) {
    ui.serial.value = usable[0]!.serial;
    setText(ui.status, t('discoverFound', { serial: usable[0]!.serial }));
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
      setFieldError(ui.serialError, '');
    });
    const text = el('span', { class: 'mono' }, d.serial);
    const kind = el('span', { class: u2f ? 'u2f' : 'muted' }, u2f ? t('u2fExplain') : `(${deviceLabel(d)})`);
    ui.devices.append(el('label', { class: u2f ? 'u2f' : '' }, radio, el('span', {}, text, ' ', kind)));
  }
  show(ui.devices, true);
  // Focus moves into the choice, so the legend and the first device are read.
  ui.devices.querySelector<HTMLInputElement>('input:not(:disabled)')?.focus();
}

export function initDevicePicker(sourceProfile: () => string): void {
  ui.discover.addEventListener('click', () => void discover(sourceProfile()));
}
