/**
 * `exec <target> -- <command> [args...]`: runs the command with the session of <target> (renewed
 * first when needed) in AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN and
 * AWS_CREDENTIAL_EXPIRATION, without AWS_PROFILE / AWS_DEFAULT_PROFILE, and ends with its status.
 * With --server the command gets a loopback credential endpoint instead (../exec-server.ts).
 */
import * as path from 'node:path';
import type { Command } from 'commander';
import { usageError } from '../../core/errors';
import { cleanProgramName } from '../../core/renew/protocol';
import { sessionForTarget } from '../../core/renew/renewal';
import { sessionEnv } from '../../core/session-env';
import { regionForTarget } from '../../core/session-region';
import { pick, type CliContext } from '../context';
import { execWithServer } from '../exec-server';
import { defineCommand } from '../help';
import { renewalDeps } from '../renew-context';
import { runChild } from '../run-child';

const text = {
  en: {
    description: 'run a command with the session of <target> in its environment, renewed first when needed',
    targetArg: 'the profile aws-mfa-tray writes the session to, e.g. mfa',
    commandArg: 'the command and its arguments, after --',
    server: 'give the command a loopback credential endpoint (ECS style) instead of the session: its SDK renews by itself, through the tray or mfa_process',
    needCommand: 'Give the command to run after --, e.g. "aws-mfa-tray exec mfa -- aws s3 ls".',
    examples: ['aws-mfa-tray exec mfa -- aws s3 ls', 'aws-mfa-tray exec mfa -- terraform plan', 'aws-mfa-tray exec --server mfa -- terraform apply'],
    ok: "the command's own exit status (0 when it succeeded; 128+n when a signal ended it)",
  },
  ja: {
    description: '<target> のセッションを環境変数に入れてコマンドを実行する（必要なら先に更新）',
    targetArg: 'aws-mfa-tray がセッションを書き込むプロファイル（例: mfa）',
    commandArg: '-- の後に、実行するコマンドとその引数',
    server: 'セッションの代わりにループバックの認証情報エンドポイント（ECS 形式）を渡す。SDK がトレイや mfa_process を通して自分で更新する',
    needCommand: '-- の後に実行するコマンドを指定してください（例: "aws-mfa-tray exec mfa -- aws s3 ls"）。',
    examples: ['aws-mfa-tray exec mfa -- aws s3 ls', 'aws-mfa-tray exec mfa -- terraform plan', 'aws-mfa-tray exec --server mfa -- terraform apply'],
    ok: 'コマンド自身の終了コード（成功なら 0、シグナルで終わったら 128+n）',
  },
};

export function registerExec(program: Command, ctx: CliContext): void {
  const t = pick(ctx.locale, text);
  const cmd = defineCommand(program, ctx.locale, { name: 'exec', text, environment: ['AWS_SHARED_CREDENTIALS_FILE', 'AWS_CONFIG_FILE', 'AWS_MFA_TRAY_HOME'] })
    .argument('<target>', t.targetArg)
    .argument('[command...]', t.commandArg)
    .option('--server', t.server)
    .usage('[--server] <target> -- <command> [args...]')
    // Everything after the target belongs to the command; `--` keeps its --options away from us.
    .allowUnknownOption();
  cmd.action(async (target: string, command: string[], opts: { server?: boolean }) => {
    const [file, ...args] = command;
    if (!file) throw usageError({ en: text.en.needCommand, ja: text.ja.needCommand });
    const name = cleanProgramName(path.basename(file));
    if (opts.server) return void (process.exitCode = await execWithServer(ctx, target, file, args, name));
    const creds = await sessionForTarget(target, () => (name ? { command: 'exec', program: name } : { command: 'exec' }), renewalDeps(ctx, 'exec'));
    // Without AWS_PROFILE the child would not see the target profile's region (else its source profile's): pass it on.
    const region = await regionForTarget(ctx.paths, target, ctx.settings, ctx.localService().sessionRecords());
    process.exitCode = await runChild(file, args, sessionEnv(ctx.env, creds, region));
  });
}
