import type { Paths } from '../../core/paths';
import type { MfaService } from '../../core/session';
import type { SettingsStore } from '../../core/settings';

/** What the renewal commands need from the CLI; the service (and with it the SDK) is built on first use. */
export interface RenewCommandContext {
  paths: Paths;
  settings: SettingsStore;
  service(): MfaService;
  env: NodeJS.ProcessEnv;
  out(s: string): void;
}
