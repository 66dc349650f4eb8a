/** `status`: the sessions aws-mfa-tray wrote, with expiry and time left (docs/cli.md). */
import type { Command } from 'commander';
import { readSourceProfileConfig } from '../../core/aws-config';
import { settingsEntry } from '../../core/targets';
import { pick, type CliContext } from '../context';
import { formatStatusTable } from '../format';
import { defineCommand } from '../help';

const text = {
  en: {
    description: 'sessions written by aws-mfa-tray, with their MFA device, expiry (local time) and time left',
    json: 'print JSON: [{"profile","target","expiration","secondsLeft","serial","roles":[{"profile","roleArn","sourceProfile"}]}] (expiration in UTC; serial: the MFA device, when known)',
    examples: ['aws-mfa-tray status', 'aws-mfa-tray status --json'],
    ok: 'listed (also when there are no sessions)',
  },
  ja: {
    description: 'aws-mfa-tray が書き込んだセッションと MFA デバイス・有効期限（現地時刻）・残り時間',
    json: 'JSON で出力: [{"profile","target","expiration","secondsLeft","serial","roles":[{"profile","roleArn","sourceProfile"}]}]（expiration は UTC、serial は分かるときの MFA デバイス）',
    examples: ['aws-mfa-tray status', 'aws-mfa-tray status --json'],
    ok: '一覧を表示した（セッションがなくても 0）',
  },
};

export function registerStatus(program: Command, ctx: CliContext): void {
  const t = pick(ctx.locale, text);
  const cmd = defineCommand(program, ctx.locale, { name: 'status', text, environment: ['AWS_SHARED_CREDENTIALS_FILE', 'AWS_MFA_TRAY_HOME'] }).option('--json', t.json);
  cmd.action(async (opts: { json?: boolean }) => {
    const list = await ctx.localService().status();
    // The MFA device each session came from: the settings' entry, else mfa_serial of the source profile.
    const settings = ctx.settings.read();
    const withDevice = await Promise.all(
      list.map(async (s) => {
        const serial = settingsEntry(settings, s.profile)?.serial ?? (await readSourceProfileConfig(ctx.paths.configFile, ctx.paths.credentialsFile, s.profile).catch(() => ({ mfaSerial: undefined }))).mfaSerial;
        return serial ? { ...s, serial } : s;
      }),
    );
    ctx.out(opts.json ? JSON.stringify(withDevice) : formatStatusTable(withDevice, ctx.locale));
  });
}
