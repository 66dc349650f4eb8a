/**
 * The tray-host check asks the real session bus: the private D-Bus session the test runner starts
 * (scripts/with-keyring.sh) has gnome-keyring owning org.freedesktop.secrets and no
 * StatusNotifierWatcher, as on stock GNOME. A bus that cannot be asked is "unknown", never "no tray".
 */
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { dbusTrayHost, nameHasOwner, STATUS_NOTIFIER_WATCHER } from '../../main/core/tray-host';
import { linuxOnly } from '../helpers/platform';

const SECRET_SERVICE = linuxOnly('the Secret Service on D-Bus (gnome-keyring); macOS and Windows keep keys in their own keychain');

const desktop = (type: string, current: string): NodeJS.ProcessEnv => ({ ...process.env, XDG_SESSION_TYPE: type, XDG_CURRENT_DESKTOP: current });

test('the session bus says who owns a name: the keyring does, no StatusNotifierWatcher runs', { skip: SECRET_SERVICE }, async () => {
  assert.ok(process.env.DBUS_SESSION_BUS_ADDRESS, 'run under scripts/with-keyring.sh (node scripts/run-tests.mjs)');
  assert.equal(await nameHasOwner('org.freedesktop.secrets'), true);
  assert.equal(await nameHasOwner(STATUS_NOTIFIER_WATCHER), false);
});

test('no watcher: no tray on GNOME (Wayland or X11) or any Wayland session; an X11 panel may draw the XEmbed icon', async () => {
  assert.equal(await dbusTrayHost(desktop('wayland', 'GNOME')).present(), false);
  assert.equal(await dbusTrayHost(desktop('x11', 'GNOME')).present(), false);
  assert.equal(await dbusTrayHost(desktop('wayland', 'sway')).present(), false);
  assert.equal(await dbusTrayHost(desktop('x11', 'i3')).present(), null);
  assert.equal(await dbusTrayHost(desktop('x11', 'LXDE')).present(), null);
});

test('no session bus to ask, or no dbus-send: unknown, not "no tray"', async () => {
  const gnome = desktop('wayland', 'GNOME');
  const nowhere = `unix:path=${path.join(mkdtempSync(path.join(os.tmpdir(), 'no-bus-')), 'bus')}`;
  assert.equal(await dbusTrayHost({ ...gnome, DBUS_SESSION_BUS_ADDRESS: nowhere }).present(), null);
  assert.equal(await dbusTrayHost({ ...gnome, DBUS_SESSION_BUS_ADDRESS: '' }).present(), null);
  const emptyDir = mkdtempSync(path.join(os.tmpdir(), 'no-dbus-send-'));
  assert.equal(await dbusTrayHost({ ...gnome, PATH: emptyDir }).present(), null);
});
