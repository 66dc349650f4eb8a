/**
 * The key file's passphrase at the controlling terminal, without echo (never argv, never stored);
 * a new file asks twice. With no terminal, one sentence naming AWS_MFA_TRAY_FILE_PASSPHRASE.
 */
import { UserError } from '../core/errors';
import type { PassphraseSource } from '../core/file-keychain';
import type { Locale } from '../core/i18n/locale';
import { openControllingTerminal } from './controlling-terminal';
import { readHiddenLine } from './tty';

const text = {
  en: {
    open: (f: string) => `Passphrase for the key file ${f} (typing is hidden): `,
    create: (f: string) => `New passphrase for the key file ${f} (typing is hidden; it is never stored): `,
    again: 'Type the same passphrase again: ',
  },
  ja: {
    open: (f: string) => `キーファイル ${f} のパスフレーズ（入力は表示されません）: `,
    create: (f: string) => `キーファイル ${f} の新しいパスフレーズ（入力は表示されず、保存もされません）: `,
    again: 'もう一度同じパスフレーズを入力してください: ',
  },
};

const noTerminal = (): UserError =>
  new UserError(
    { en: 'The key file needs its passphrase and there is no terminal to ask on; set AWS_MFA_TRAY_FILE_PASSPHRASE for this command, or run it in a terminal.', ja: 'キーファイルにはパスフレーズが必要ですが、尋ねられる端末がありません。このコマンドに AWS_MFA_TRAY_FILE_PASSPHRASE を設定するか、端末で実行してください。' },
    'KeychainLocked',
  );

const mismatch = (): UserError =>
  new UserError({ en: 'The two passphrases differ; nothing was stored, so run the command again and type the same one twice.', ja: '2 回のパスフレーズが一致しません。何も保存していません。コマンドをもう一度実行し、同じパスフレーズを 2 回入力してください。' }, 'BadInput', 'usage');

export function terminalPassphrase(locale: Locale): PassphraseSource {
  return async (mode, file) => {
    const tty = openControllingTerminal();
    if (!tty) throw noTerminal();
    const t = text[locale];
    try {
      const first = await readHiddenLine(tty.input, tty.output, mode === 'open' ? t.open(file) : t.create(file));
      if (mode === 'create' && first !== '' && (await readHiddenLine(tty.input, tty.output, t.again)) !== first) throw mismatch();
      return first;
    } finally {
      tty.close();
    }
  };
}
