/**
 * Refusing folders another user can change, as ssh's StrictModes does: the settings folder holds
 * the endpoint key and mfa_process commands (run by the shell), ~/.aws holds the config whose
 * mfa_process we run and the credentials we write. Walks the real path upward; each folder must be
 * owned by us or root and not writable by others. Like ssh, the walk stops at HOME; a root-owned
 * sticky folder (/tmp) is fine above it, since there nobody can rename or remove what is ours.
 * Group-writable is fine when the group is our own private group (Debian's ssh patch, for the
 * umask 002 that per-user groups go with).
 */
import { lstatSync, readFileSync, realpathSync, type Stats } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { type Sentence, UserError } from './errors';

const STICKY = 0o1000;
const myUid = (): number | null => (typeof process.getuid === 'function' ? process.getuid() : null);

/** Whether `gid` is a per-user group: no members in /etc/group but (at most) us. */
function privateGroup(gid: number): boolean {
  if (typeof process.getgid !== 'function' || gid !== process.getgid()) return false;
  let me: string;
  try {
    me = os.userInfo().username;
    const line = readFileSync('/etc/group', 'utf8')
      .split('\n')
      .find((l) => l.split(':')[2] === String(gid));
    if (!line) return false;
    const [name, , , members = ''] = line.split(':');
    return name === me && members.split(',').every((m) => m.trim() === '' || m.trim() === me);
  } catch {
    return false;
  }
}

export type FolderProblem = { folder: string; why: 'owner' | 'others' | 'group' };

/** What is wrong with one folder, if anything. */
function judge(folder: string, st: Stats, uid: number): FolderProblem | null {
  if (st.uid !== uid && st.uid !== 0) return { folder, why: 'owner' };
  if ((st.mode & 0o002) !== 0 && !((st.mode & STICKY) !== 0 && st.uid === 0)) return { folder, why: 'others' };
  if ((st.mode & 0o020) !== 0 && !((st.mode & STICKY) !== 0 && st.uid === 0) && !privateGroup(st.gid)) return { folder, why: 'group' };
  return null;
}

/** The deepest existing folder of `p`, resolved. */
function existingReal(p: string): string | null {
  for (let cur = path.resolve(p); ; cur = path.dirname(cur)) {
    try {
      return realpathSync(cur);
    } catch {
      if (path.dirname(cur) === cur) return null;
    }
  }
}

/** The first folder from `folder` up (to HOME, else to /) that another user could change. POSIX only. */
export function unsafeFolder(folder: string, home: string): FolderProblem | null {
  const uid = myUid();
  if (uid === null) return null; // Windows: AppData and the profile folder are the user's own
  const start = existingReal(folder);
  if (start === null) return null;
  let realHome: string | null = null;
  try {
    realHome = realpathSync(home);
  } catch {
    realHome = null;
  }
  for (let cur = start; ; cur = path.dirname(cur)) {
    let st: Stats;
    try {
      st = lstatSync(cur);
    } catch {
      return null;
    }
    const problem = judge(cur, st, uid);
    if (problem) return problem;
    if (cur === realHome || path.dirname(cur) === cur) return null;
  }
}

const whyText: Record<FolderProblem['why'], Sentence> = {
  owner: { en: 'is owned by another user', ja: 'が別のユーザーの所有です' },
  others: { en: 'can be changed by every user', ja: 'を全ユーザーが変更できます' },
  group: { en: 'can be changed by its group', ja: 'をグループのメンバーが変更できます' },
};

/** Throws SettingsUnusable when the settings folder (or a folder above it) is not safe. */
export function assertSafeSettingsFolder(settingsDir: string, home: string): void {
  const p = unsafeFolder(settingsDir, home);
  if (!p) return;
  throw new UserError(
    {
      en: `The settings folder ${settingsDir} is not safe to use because ${p.folder} ${whyText[p.why].en}; run "chmod go-w ${p.folder}" (or give it to yourself), or set AWS_MFA_TRAY_HOME to a folder of your own.`,
      ja: `${p.folder} ${whyText[p.why].ja}ため、設定フォルダー ${settingsDir} は安全に使えません。"chmod go-w ${p.folder}" を実行する（または自分の所有にする）か、AWS_MFA_TRAY_HOME を自分専用のフォルダーにしてください。`,
    },
    'SettingsUnusable',
  );
}

/**
 * The folder holding the AWS config or credentials file (~/.aws). Owned by another user or writable
 * by everyone: refused (its config's mfa_process is a command we run, its credentials what `aws`
 * uses). Writable by a shared group: a warning sentence to show, since a group may be trusted on
 * purpose. Only the folder itself is judged, not the folders above it.
 */
export function awsFolderCheck(file: string): { refuse: UserError } | { warn: Sentence } | null {
  const uid = myUid();
  if (uid === null) return null;
  const folder = path.dirname(path.resolve(file));
  let st: Stats;
  try {
    st = lstatSync(realpathSync(folder));
  } catch {
    return null; // not there yet: we create it 0700
  }
  const p = judge(folder, st, uid);
  if (!p) return null;
  if (p.why === 'group') {
    return {
      warn: {
        en: `Warning: ${folder} can be changed by its group, so members of that group could change your AWS config and credentials; run "chmod g-w ${folder}" unless you meant that.`,
        ja: `警告: ${folder} をグループのメンバーが変更できるため、AWS の設定と認証情報をそのメンバーが変えられます。意図したものでなければ "chmod g-w ${folder}" を実行してください。`,
      },
    };
  }
  return {
    refuse: new UserError(
      {
        en: `${folder} ${whyText[p.why].en}, so the AWS config and credentials in it cannot be trusted; run "chmod go-w ${folder}" and make it yours, then try again.`,
        ja: `${folder} ${whyText[p.why].ja}ため、その中の AWS の設定と認証情報は信頼できません。"chmod go-w ${folder}" を実行して自分の所有にしてから、やり直してください。`,
      },
      'ConfigFileUnusable',
    ),
  };
}

/**
 * Root run with another user's HOME (sudo without -H): a symlink that root does not own is not
 * followed, so that user cannot point root's writes at /etc. Checks every component of `p`.
 */
export function assertRootSafePath(p: string, displayPath: string): void {
  if (typeof process.geteuid !== 'function' || process.geteuid() !== 0) return;
  const parts = path.resolve(p).split(path.sep).filter(Boolean);
  let cur: string = path.sep;
  for (const part of parts) {
    cur = path.join(cur, part);
    let st: Stats;
    try {
      st = lstatSync(cur);
    } catch {
      return; // the rest does not exist yet
    }
    if (st.isSymbolicLink() && st.uid !== 0) {
      throw new UserError(
        {
          en: `${displayPath} goes through ${cur}, a symbolic link owned by another user, which aws-mfa-tray running as root does not follow; run it as that user, or with HOME set to root's own home (sudo -H).`,
          ja: `${displayPath} は別のユーザーが所有するシンボリックリンク ${cur} を経由しています。root で動く aws-mfa-tray はこれをたどりません。そのユーザーで実行するか、HOME を root 自身のホームにして（sudo -H）実行してください。`,
        },
        'CredentialsFileUnusable',
      );
    }
  }
}
