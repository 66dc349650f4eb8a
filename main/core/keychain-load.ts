/**
 * When keytar itself cannot be loaded (a missing libsecret, a keytar.node built for another Node or
 * Electron, a broken unpack, no keytar for this OS), the sentence says that, with the loader's own
 * reason: "start and unlock a keyring" would send the user after a keyring that is not the problem.
 */
import { UserError } from './errors';

/** The loader's reason, one line, short (dlopen's message names the library and what is wrong with it). */
function reasonOf(e: unknown): string {
  const line = (e instanceof Error ? e.message : String(e)).split('\n')[0]!.trim();
  return line.length > 160 ? `${line.slice(0, 157)}...` : line;
}

export function keytarNotLoaded(e: unknown): UserError {
  const reason = reasonOf(e);
  // Classified on the whole message: Node's ABI error says "different Node.js version" on its second line.
  const full = e instanceof Error ? e.message : String(e);
  if (/libsecret/i.test(full)) {
    return new UserError(
      {
        en: `The keychain library could not be loaded (${reason}); install libsecret (Debian and Ubuntu: libsecret-1-0, Fedora: libsecret), then try again.`,
        ja: `キーチェーンのライブラリを読み込めませんでした（${reason}）。libsecret をインストールしてから（Debian・Ubuntu は libsecret-1-0、Fedora は libsecret）、やり直してください。`,
      },
      'KeychainUnavailable',
    );
  }
  if (/NODE_MODULE_VERSION|different Node\.js version/i.test(full)) {
    return new UserError(
      {
        en: `The keychain module (keytar) was built for another version of Node.js (${reason}); run "npm rebuild keytar" where aws-mfa-tray is installed, or reinstall it.`,
        ja: `キーチェーンモジュール（keytar）は別のバージョンの Node.js 向けにビルドされています（${reason}）。aws-mfa-tray のインストール先で "npm rebuild keytar" を実行するか、入れ直してください。`,
      },
      'KeychainUnavailable',
    );
  }
  return new UserError(
    {
      en: `The keychain module (keytar) could not be loaded (${reason}); reinstall aws-mfa-tray, then try again.`,
      ja: `キーチェーンモジュール（keytar）を読み込めませんでした（${reason}）。aws-mfa-tray を入れ直してから、やり直してください。`,
    },
    'KeychainUnavailable',
  );
}
