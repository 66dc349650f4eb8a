import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { applyFirstRunAutostart, autostartFile, launchArgv, quoteExecArg, XdgAutostart } from '../../main/core/autostart';
import { assertMode } from '../helpers/platform';

function tempHome(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'mfa-autostart-'));
}

const dev = { packaged: false, execPath: '/opt/electron/electron', appPath: '/home/a/aws-mfa-tray' };

test('the autostart file lives under XDG_CONFIG_HOME, else ~/.config', () => {
  assert.equal(autostartFile({ XDG_CONFIG_HOME: '/x/cfg' }, '/home/a'), '/x/cfg/autostart/aws-mfa-tray.desktop');
  assert.equal(autostartFile({}, '/home/a'), '/home/a/.config/autostart/aws-mfa-tray.desktop');
  assert.equal(autostartFile({ XDG_CONFIG_HOME: '' }, '/home/a'), '/home/a/.config/autostart/aws-mfa-tray.desktop');
});

test('launch command: the AppImage when there is one, the packaged binary, or electron + app folder', () => {
  assert.deepEqual(launchArgv({ ...dev, env: { APPIMAGE: '/home/a/Apps/aws-mfa-tray.AppImage' }, packaged: true }), ['/home/a/Apps/aws-mfa-tray.AppImage']);
  assert.deepEqual(launchArgv({ ...dev, env: {}, packaged: true, execPath: '/opt/aws-mfa-tray/aws-mfa-tray' }), ['/opt/aws-mfa-tray/aws-mfa-tray']);
  assert.deepEqual(launchArgv({ ...dev, env: {} }), ['/opt/electron/electron', '/home/a/aws-mfa-tray']);
});

test('Exec arguments are quoted and escaped per the Desktop Entry spec', () => {
  assert.equal(quoteExecArg('/opt/app/bin'), '/opt/app/bin');
  assert.equal(quoteExecArg('/home/a/My Apps/x.AppImage'), '"/home/a/My Apps/x.AppImage"');
  assert.equal(quoteExecArg('/a/$HOME/"q"'), '"/a/\\\\$HOME/\\\\"q\\\\""');
  assert.equal(quoteExecArg('/a/100%/x'), '/a/100%%/x');
  assert.equal(quoteExecArg('/a\\b'), '"/a\\\\\\\\b"');
});

test('enable writes a 0600 desktop entry with the right Exec; disable removes it', () => {
  const home = tempHome();
  const env = { XDG_CONFIG_HOME: path.join(home, 'cfg'), APPIMAGE: path.join(home, 'My Apps', 'aws-mfa-tray.AppImage') };
  const item = new XdgAutostart({ ...dev, env, packaged: true }, home);
  assert.equal(item.isEnabled(), false);
  item.setEnabled(true);
  assert.equal(item.isEnabled(), true);
  const text = fs.readFileSync(item.file, 'utf8');
  assert.match(text, /^\[Desktop Entry\]\n/);
  assert.match(text, /\nType=Application\n/);
  assert.ok(text.includes(`\nExec="${env.APPIMAGE}"\n`), text);
  assertMode(item.file, 0o600);
  assert.deepEqual(fs.readdirSync(path.dirname(item.file)), ['aws-mfa-tray.desktop'], 'no temp file left');
  item.setEnabled(true);
  assert.equal(item.isEnabled(), true, 'enabling twice is fine');
  item.setEnabled(false);
  assert.equal(item.isEnabled(), false);
  assert.equal(fs.existsSync(item.file), false);
  item.setEnabled(false);
});

test('an entry switched off by the desktop (Hidden or GNOME key) counts as disabled', () => {
  const home = tempHome();
  const item = new XdgAutostart({ ...dev, env: {} }, home);
  item.setEnabled(true);
  assert.match(fs.readFileSync(item.file, 'utf8'), /\nExec=\/opt\/electron\/electron \/home\/a\/aws-mfa-tray\n/);
  fs.appendFileSync(item.file, 'Hidden=true\n');
  assert.equal(item.isEnabled(), false);
  item.setEnabled(true);
  fs.writeFileSync(item.file, fs.readFileSync(item.file, 'utf8').replace('X-GNOME-Autostart-enabled=true', 'X-GNOME-Autostart-enabled=false'));
  assert.equal(item.isEnabled(), false);
});

test('first run of the installed app turns it on by default; later runs and development runs leave it alone', () => {
  const home = tempHome();
  const item = new XdgAutostart({ ...dev, env: {} }, home);
  applyFirstRunAutostart(false, true, true, item);
  assert.equal(item.isEnabled(), false);
  applyFirstRunAutostart(true, true, false, item);
  assert.equal(item.isEnabled(), false);
  // `npm start`: the Electron binary must not become a login item.
  applyFirstRunAutostart(true, false, true, item);
  assert.equal(item.isEnabled(), false);
  applyFirstRunAutostart(true, true, true, item);
  assert.equal(item.isEnabled(), true);
});
