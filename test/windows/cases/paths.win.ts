/**
 * Where things are on Windows, computed on Windows' Node with its own path module: the settings
 * folder under %APPDATA% (Electron's userData), the AWS files under %USERPROFILE%\.aws, drive-letter
 * and backslash paths from the environment as given, and the credential_process line for the
 * installed app (a full path with spaces, quoted by the C runtime's rules botocore uses).
 */
import assert from 'node:assert/strict';
import * as os from 'node:os';
import { defaultCacheDir, resolvePaths } from '../../../main/core/paths';
import { selfCommand, selfCommandHere } from '../../../main/cli/self-command';
import { parentProgram } from '../../../main/core/process-info';
import { winTest } from '../support/lane';

winTest('the default folders: %APPDATA%\\aws-mfa-tray for settings, %USERPROFILE%\\.aws for the AWS files', () => {
  const home = 'C:\\Users\\Alice Example';
  const p = resolvePaths({ APPDATA: 'C:\\Users\\Alice Example\\AppData\\Roaming' }, home);
  assert.equal(p.settingsDir, 'C:\\Users\\Alice Example\\AppData\\Roaming\\aws-mfa-tray');
  assert.equal(p.credentialsFile, 'C:\\Users\\Alice Example\\.aws\\credentials');
  assert.equal(p.configFile, 'C:\\Users\\Alice Example\\.aws\\config');
  assert.equal(resolvePaths({}, home).settingsDir, 'C:\\Users\\Alice Example\\AppData\\Roaming\\aws-mfa-tray', 'no APPDATA: the folder Electron would use');
});

winTest('the process home is a drive-letter path, and the default settings folder sits under it', () => {
  assert.match(os.homedir(), /^[A-Z]:\\/);
  const p = resolvePaths({ APPDATA: process.env.APPDATA });
  assert.match(p.credentialsFile, /^[A-Z]:\\.+\\\.aws\\credentials$/);
});

winTest('environment paths are taken as given: drive letters, backslashes, UNC', () => {
  const p = resolvePaths({ AWS_SHARED_CREDENTIALS_FILE: 'D:\\aws\\creds', AWS_CONFIG_FILE: '\\\\server\\share\\aws\\config', AWS_MFA_TRAY_HOME: 'E:\\tray' }, 'C:\\Users\\a');
  assert.deepEqual(p, { credentialsFile: 'D:\\aws\\creds', configFile: '\\\\server\\share\\aws\\config', settingsDir: 'E:\\tray' });
});

winTest('~/ in AWS_SHARED_CREDENTIALS_FILE is the home folder, as for the AWS CLI', () => {
  assert.equal(resolvePaths({ AWS_SHARED_CREDENTIALS_FILE: '~/.aws/creds' }, 'C:\\Users\\a').credentialsFile, 'C:\\Users\\a\\.aws\\creds');
});

winTest('credential_process for the installed app: its full path, quoted when it has a space', () => {
  assert.equal(selfCommand({ platform: 'win32', app: true, execPath: 'C:\\Program Files\\aws-mfa-tray\\aws-mfa-tray.exe' }), '"C:\\Program Files\\aws-mfa-tray\\aws-mfa-tray.exe"');
  assert.equal(selfCommand({ platform: 'win32', app: true, execPath: 'C:\\Apps\\aws-mfa-tray.exe' }), 'C:\\Apps\\aws-mfa-tray.exe');
  assert.equal(selfCommandHere({}), 'aws-mfa-tray.cmd', 'the npm CLI on Windows names the .cmd shim');
});

winTest('the asker\'s program is not looked up on Windows (no /proc, no ps): none is named', () => {
  assert.equal(parentProgram(process.platform, process.ppid), undefined);
});

winTest(
  '~\\ in AWS_SHARED_CREDENTIALS_FILE is the home folder too (botocore expands it with ntpath.expanduser)',
  () => {
    assert.equal(resolvePaths({ AWS_SHARED_CREDENTIALS_FILE: '~\\.aws\\creds' }, 'C:\\Users\\a').credentialsFile, 'C:\\Users\\a\\.aws\\creds');
  },
);

winTest('the code cache folder is %LOCALAPPDATA%\\aws-mfa-tray\\Cache (never roamed), else under the profile', () => {
  const home = 'C:\\Users\\Alice Example';
  assert.equal(defaultCacheDir({ LOCALAPPDATA: 'D:\\Local' }, home), 'D:\\Local\\aws-mfa-tray\\Cache');
  assert.equal(defaultCacheDir({}, home), 'C:\\Users\\Alice Example\\AppData\\Local\\aws-mfa-tray\\Cache');
  assert.equal(defaultCacheDir({ LOCALAPPDATA: 'relative' }, home), 'C:\\Users\\Alice Example\\AppData\\Local\\aws-mfa-tray\\Cache');
});
