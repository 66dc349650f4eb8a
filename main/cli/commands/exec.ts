/**
 * `exec <target> -- <command> [args...]`: runs the command with the session of <target> (renewed
 * first when needed) in AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN and
 * AWS_CREDENTIAL_EXPIRATION, without AWS_PROFILE / AWS_DEFAULT_PROFILE, and ends with its status.
 */
import * as path from 'node:path';
import type { Command } from 'commander';
import { readSourceProfileConfig } from '../../core/aws-config';
import { usageError } from '../../core/errors';
import { cleanProgramName } from '../../core/renew/protocol';
import { sessionForTarget } from '../../core/renew/renewal';
import { sessionEnv } from '../../core/session-env';
import { pick, type CliContext } from '../context';
import { defineCommand } from '../help';
import { renewalDeps } from '../renew-context';
import { runChild } from '../run-child';

const text = {
  en: {
    description: 'run a command with the session of <target> in its environment, renewed first when needed',
    targetArg: 'the profile aws-mfa-tray writes the session to, e.g. mfa',
    commandArg: 'the command and its arguments, after --',
    needCommand: 'Give the command to run after --, e.g. "aws-mfa-tray exec mfa -- aws s3 ls".',
    examples: ['aws-mfa-tray exec mfa -- aws s3 ls', 'aws-mfa-tray exec mfa -- terraform plan'],
    ok: "the command's own exit status (0 when it succeeded; 128+n when a signal ended it)",
  },
  ja: {
    description: '<target> のセッションを環境変数に入れてコマンドを実行する（必要なら先に更新）',
    targetArg: 'aws-mfa-tray がセッションを書き込むプロファイル（例: mfa）',
    commandArg: '-- の後に、実行するコマンドとその引数',
    needCommand: '-- の後に実行するコマンドを指定してください（例: "aws-mfa-tray exec mfa -- aws s3 ls"）。',
    examples: ['aws-mfa-tray exec mfa -- aws s3 ls', 'aws-mfa-tray exec mfa -- terraform plan'],
    ok: 'コマンド自身の終了コード（成功なら 0、シグナルで終わったら 128+n）',
  },
};

export function registerExec(program: Command, ctx: CliContext): void {
  const t = pick(ctx.locale, text);
  const cmd = defineCommand(program, ctx.locale, { name: 'exec', text, environment: ['AWS_SHARED_CREDENTIALS_FILE', 'AWS_CONFIG_FILE', 'AWS_MFA_TRAY_HOME'] })
    .argument('<target>', t.targetArg)
    .argument('[command...]', t.commandArg)
    .usage('<target> -- <command> [args...]')
    // Everything after the target belongs to the command; `--` keeps its --options away from us.
    .allowUnknownOption();
  cmd.action(async (target: string, command: string[]) => {
    const [file, ...args] = command;
    if (!file) throw usageError({ en: text.en.needCommand, ja: text.ja.needCommand });
    const name = cleanProgramName(path.basename(file));
    const creds = await sessionForTarget(target, () => (name ? { command: 'exec', program: name } : { command: 'exec' }), renewalDeps(ctx, 'exec'));
    // Without AWS_PROFILE the child would not see the target profile's region: pass it on.
    const { region } = await readSourceProfileConfig(ctx.paths.configFile, ctx.paths.credentialsFile, target);
    process.exitCode = await runChild(file, args, sessionEnv(ctx.env, creds, region));
  });
}
