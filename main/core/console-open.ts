/**
 * The tray's "Open the AWS console as <role profile>": the same sign-in as `aws-mfa-tray console`,
 * with the session taken from the credentials file as it is (the menu offers the item only while
 * the session is live; an expired one is one sentence) and the URL handed to the app's browser.
 */
import type { BrowserOpener } from './browser-open';
import type { ConsoleApi } from './console-gateway';
import { consoleSigninUrl } from './console-signin';
import { UserError } from './errors';
import { currentSession } from './renew/valid-session';
import type { MfaService } from './session';
import type { SettingsStore } from './settings';
import { sourceForTarget } from './targets';

export interface AppConsoleDeps {
  service: MfaService;
  settings: SettingsStore;
  env: NodeJS.ProcessEnv;
  api(): ConsoleApi;
  opener: BrowserOpener;
}

export async function openConsoleAs(profile: string, deps: AppConsoleDeps): Promise<void> {
  await deps.service.flush();
  const records = deps.service.sessionRecords();
  const { url } = await consoleSigninUrl(
    profile,
    {},
    {
      paths: deps.service.paths,
      env: deps.env,
      isTarget: (p) => sourceForTarget(p, deps.settings.read(), records) !== null,
      session: async (target) => {
        const s = await currentSession(deps.service.paths.credentialsFile, target);
        if (s && Date.parse(s.Expiration) > Date.now()) return s;
        throw new UserError(
          { en: `The session in profile ${target} has ended; renew it from the tray, then open the console again.`, ja: `プロファイル ${target} のセッションは終わっています。トレイから更新してから、もう一度コンソールを開いてください。` },
          'SessionExpired',
        );
      },
      api: () => deps.api(),
    },
  );
  await deps.opener.open(url);
}
