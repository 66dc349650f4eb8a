/**
 * `uninstall`: what aws-mfa-tray put on this machine, found first (so --dry-run and the question
 * show the same list) and then removed: its keychain entries, the sessions it wrote (only where
 * the file still holds that very session), its settings folder, its cache folder and its login item. Nothing else:
 * the credentials and config files keep every other byte, a settings folder chosen with
 * AWS_MFA_TRAY_HOME keeps files aws-mfa-tray did not write, another program's autostart entry stays.
 */
import { existsSync, promises as fs, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { autostartFile } from './autostart';
import { updateIniFile } from './credentials-file';
import { readCredentialsFile } from './credentials-read';
import { isUserError, messageFor, type Sentence } from './errors';
import { KEY_FILE_NAME } from './file-keychain';
import type { Keychain } from './keychain';
import { APP_NAME, defaultCacheDir, type Paths } from './paths';
import { credentialsFileKey, SessionStateStore } from './session-state';

const SESSION_KEYS = ['aws_access_key_id', 'aws_secret_access_key', 'aws_session_token', 'aws_credential_expiration'];
/** What aws-mfa-tray itself writes into its settings folder (an AWS_MFA_TRAY_HOME folder keeps anything else). */
const OWN_NAMES = /^(settings\.json|sessions\.json|keys\.enc|ipc|renew-[^/]+|.+\.lock|\..+\.tmp)$/;

export interface UninstallPlan {
  keychain: { profile: string; accessKeyId: string }[];
  /** Why the keychain could not be looked into (it is then left as it is). */
  keychainProblem?: Sentence;
  /** Profiles whose keys exist only in the keychain: uninstalling loses them. */
  onlyInKeychain: string[];
  sessions: { file: string; target: string; accessKeyId: string }[];
  settingsDir: { path: string; whole: boolean; files: string[] } | null;
  loginItem: string | null;
  keyFile: string | null;
  /** The CLI's cache folder (code cache, zone names): only ever ours, and made again when needed. */
  cacheDir: string | null;
}

export interface UninstallEnv {
  paths: Paths;
  keychain: Keychain;
  env: NodeJS.ProcessEnv;
  home: string;
  platform: NodeJS.Platform;
}

export async function planUninstall(u: UninstallEnv): Promise<UninstallPlan> {
  const plan: UninstallPlan = { keychain: [], onlyInKeychain: [], sessions: [], settingsDir: null, loginItem: null, keyFile: null, cacheDir: null };
  const current = await readCredentialsFile(u.paths.credentialsFile).catch(() => null);
  try {
    plan.keychain = await u.keychain.list();
    for (const k of plan.keychain) if (current?.sections.get(k.profile)?.aws_access_key_id !== k.accessKeyId) plan.onlyInKeychain.push(k.profile);
  } catch (e) {
    if (!isUserError(e)) throw e;
    plan.keychainProblem = { en: messageFor(e, 'en'), ja: messageFor(e, 'ja') };
  }
  // The sessions it wrote, in every credentials file it recorded, still holding that session.
  const state = new SessionStateStore(u.paths.settingsDir).read();
  for (const r of state.sessions) {
    const file = r.credentialsFile || credentialsFileKey(u.paths.credentialsFile);
    const read = file === credentialsFileKey(u.paths.credentialsFile) ? current : await readCredentialsFile(file).catch(() => null);
    if (read?.sections.get(r.target)?.aws_access_key_id === r.accessKeyId) plan.sessions.push({ file, target: r.target, accessKeyId: r.accessKeyId });
  }
  const dir = u.paths.settingsDir;
  if (existsSync(dir)) {
    const names = readdirSync(dir);
    // The default folder is the app's own (Electron's userData); a chosen one may hold anything else.
    const whole = !u.env.AWS_MFA_TRAY_HOME;
    const files = whole ? names : names.filter((n) => OWN_NAMES.test(n));
    if (whole || files.length > 0) plan.settingsDir = { path: dir, whole, files };
    if (names.includes(KEY_FILE_NAME)) plan.keyFile = path.join(dir, KEY_FILE_NAME);
  }
  const cache = defaultCacheDir(u.env, u.home, u.platform);
  if (existsSync(cache)) plan.cacheDir = cache;
  if (u.platform === 'linux') {
    const file = autostartFile(u.env, u.home);
    // Only an entry this app wrote (its Name line), not another program's file of that name.
    if (existsSync(file) && new RegExp(`^Name=${APP_NAME}$`, 'm').test(readFileSync(file, 'utf8'))) plan.loginItem = file;
  }
  return plan;
}

export const planIsEmpty = (p: UninstallPlan): boolean =>
  p.keychain.length === 0 && p.sessions.length === 0 && !p.settingsDir && !p.loginItem && !p.cacheDir;

/** Removes what the plan lists: sessions first (they need the records), then keys, login item, settings. */
export async function applyUninstall(u: UninstallEnv, plan: UninstallPlan): Promise<void> {
  const byFile = new Map<string, UninstallPlan['sessions']>();
  for (const s of plan.sessions) byFile.set(s.file, [...(byFile.get(s.file) ?? []), s]);
  for (const [file, list] of byFile) {
    await updateIniFile(file, (sections) =>
      list
        .filter((s) => sections.get(s.target)?.aws_access_key_id === s.accessKeyId)
        .map((s) => ({ profile: s.target, values: Object.fromEntries(SESSION_KEYS.map((k) => [k, null])), removeSectionIfEmpty: true })),
    );
  }
  for (const k of plan.keychain) await u.keychain.remove(k.profile);
  if (plan.loginItem) await fs.rm(plan.loginItem, { force: true });
  if (plan.cacheDir) {
    await fs.rm(plan.cacheDir, { recursive: true, force: true });
    // Windows: LocalAppData\aws-mfa-tray\Cache; its parent goes too when nothing else is in it.
    if (path.basename(plan.cacheDir) !== APP_NAME) await fs.rmdir(path.dirname(plan.cacheDir)).catch(() => undefined);
  }
  if (plan.settingsDir) {
    const { path: dir, whole, files } = plan.settingsDir;
    if (whole) await fs.rm(dir, { recursive: true, force: true });
    else {
      for (const f of files) await fs.rm(path.join(dir, f), { recursive: true, force: true });
      await fs.rmdir(dir).catch(() => undefined); // kept when something else is in it
    }
  }
}
