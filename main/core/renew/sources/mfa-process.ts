/**
 * Code source a: the source profile's `mfa_process` (aws-vault's key), a command run by the shell
 * whose standard output is the code, e.g. `ykman oath accounts code --single <name>` for a YubiKey.
 * While it runs the user is told (it may wait for a touch); a non-zero exit, 30 s without an answer
 * or output that is not a 6-digit code is one sentence, and the chain stops there.
 */
import { spawn } from 'node:child_process';
import { readSourceProfileConfig } from '../../aws-config';
import { UserError } from '../../errors';
import { awsFolderCheck } from '../../folder-safety';
import { plainText } from '../../plain-text';
import type { Paths } from '../../paths';
import type { SettingsStore } from '../../settings';
import { settingsEntry } from '../../targets';
import type { Asker } from '../protocol';
import type { CodeAnswer, CodeRequest, CodeSource } from '../code-source';

export const MFA_PROCESS_TIMEOUT_MS = 30_000;
const MAX_OUTPUT = 1024;
/** TOTP codes change every 30 s; a code just used comes back until the next step. */
const TOTP_STEP_MS = 30_000;

export interface MfaProcessDeps {
  /** The profile's mfa_process, if it has one. */
  commandFor(profile: string): Promise<string | undefined>;
  /** Tells the user the command runs (terminal or tray), e.g. so they touch their security key. */
  announce(profile: string, asker: Asker): Promise<void>;
  /** Checked before the command runs (e.g. that the keys exist): no touch for a code that cannot be used. */
  beforeRun?(req: CodeRequest): Promise<void>;
  timeoutMs?: number;
  env?: NodeJS.ProcessEnv;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

/**
 * The profile's mfa_process, in the one order: the AWS config file first (aws-vault's place), else
 * the command kept in the app's settings. `configErrors: 'ignore'` (the tray) falls back to the
 * settings when the config file cannot be read; the CLI reports it.
 */
export async function mfaProcessFor(
  deps: { paths: Paths; settings: SettingsStore },
  profile: string,
  configErrors: 'throw' | 'ignore' = 'throw',
): Promise<string | undefined> {
  // A command from a config file that someone else can change is never run (the tray's renew too).
  const folder = awsFolderCheck(deps.paths.configFile);
  if (folder && 'refuse' in folder) throw folder.refuse;
  const read = readSourceProfileConfig(deps.paths.configFile, deps.paths.credentialsFile, profile);
  const config = configErrors === 'ignore' ? await read.catch(() => ({ mfaProcess: undefined })) : await read;
  return config.mfaProcess ?? settingsEntry(deps.settings.read(), profile)?.mfaProcess;
}

function failed(profile: string, what: string, ja: string): UserError {
  return new UserError({ en: plainText(`The mfa_process of profile ${profile} ${what}`), ja: plainText(`プロファイル ${profile} の mfa_process ${ja}`) }, 'MfaProcessFailed');
}

/** Runs `command` with the shell; resolves with its standard output. Throws UserError MfaProcessFailed. */
export function runMfaProcess(profile: string, command: string, timeoutMs: number, env: NodeJS.ProcessEnv = process.env): Promise<string> {
  // The command comes from a config file: printed on a terminal, so without control characters.
  const plain = plainText(command);
  const shown = plain.length > 80 ? `${plain.slice(0, 77)}...` : plain;
  return new Promise((resolve, reject) => {
    // In our process group and session, not detached: commands such as 1Password's `op` may ask for
    // an unlock on the terminal, and Ctrl+C there reaches them as it reaches us.
    const child = spawn(command, { shell: true, env, stdio: ['ignore', 'pipe', 'inherit'], windowsHide: true });
    let out = '';
    let done = false;
    const finish = (error: UserError | null): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      process.off('exit', kill);
      if (error) reject(error);
      else resolve(out);
    };
    const kill = (): void => void child.kill('SIGKILL');
    // If this process ends first, the command goes with it.
    process.on('exit', kill);
    const timer = setTimeout(() => {
      kill();
      finish(
        failed(
          profile,
          `gave no code within ${Math.round(timeoutMs / 1000)} seconds (did the security key wait for a touch?); run \`${shown}\` in a terminal to check it.`,
          `が ${Math.round(timeoutMs / 1000)} 秒以内にコードを出しませんでした（セキュリティキーがタッチを待っていませんでしたか）。端末で \`${shown}\` を実行して確認してください。`,
        ),
      );
    }, timeoutMs);
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (d: string) => {
      out += d;
      if (out.length > MAX_OUTPUT) {
        kill();
        finish(failed(profile, 'printed far more than a 6-digit code; make it print only the code.', 'が 6 桁のコードよりずっと多くを出力しました。コードだけを出力するようにしてください。'));
      }
    });
    child.on('error', (e: NodeJS.ErrnoException) =>
      finish(failed(profile, `could not be started (${e.code ?? 'error'}); check the command in your AWS config file.`, `を起動できませんでした（${e.code ?? 'error'}）。AWS の設定ファイルのコマンドを確認してください。`)),
    );
    child.on('close', (code, signal) => {
      if (code === 0) finish(null);
      else {
        const status = signal ? `signal ${signal}` : `exit status ${code}`;
        finish(failed(profile, `failed (${status}); run \`${shown}\` in a terminal to see why.`, `が失敗しました（${status}）。端末で \`${shown}\` を実行して理由を確認してください。`));
      }
    });
  });
}

/** The code in mfa_process output: 6 digits, surrounding blank space allowed. Never echoes the output. */
export function codeFromOutput(profile: string, output: string): string {
  const code = output.trim();
  if (!/^[0-9]{6}$/.test(code)) {
    throw failed(profile, 'printed something other than a 6-digit code; make it print only the code.', 'が 6 桁のコード以外のものを出力しました。コードだけを出力するようにしてください。');
  }
  return code;
}

export function mfaProcessSource(deps: MfaProcessDeps): CodeSource {
  const now = deps.now ?? Date.now;
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const timeoutMs = deps.timeoutMs ?? MFA_PROCESS_TIMEOUT_MS;

  const run = async (req: CodeRequest, command: string, retried: boolean): Promise<CodeAnswer> => {
    await deps.announce(req.profile, req.asker).catch(() => undefined);
    const code = codeFromOutput(req.profile, await runMfaProcess(req.profile, command, timeoutMs, deps.env));
    return {
      kind: 'code',
      code,
      // A code already used (two renewals within one 30 s step): wait for the next step and run it once more.
      retry: async (e) => {
        if (retried || e.code !== 'CodeReused') return null;
        await sleep(TOTP_STEP_MS - (now() % TOTP_STEP_MS) + 1000);
        return run(req, command, true);
      },
    };
  };

  return {
    name: 'mfa_process',
    async obtain(req) {
      const command = await deps.commandFor(req.profile);
      if (!command?.trim()) return null;
      await deps.beforeRun?.(req);
      return run(req, command, false);
    },
  };
}
