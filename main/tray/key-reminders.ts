/**
 * The tray's reminder to rotate old keys: once a week per profile while its key is older than the
 * threshold (settings keyAgeReminderDays, default 90; 0 switches it off). Clicking the reminder
 * starts the rotation. Checked at start and every few hours; ages come from key-ages.json.
 */
import { dueReminders, DEFAULT_KEY_AGE_REMINDER_DAYS, KeyAgeStore, keyAges } from '../core/keys/key-age';
import type { Keychain } from '../core/keychain';
import type { SettingsStore } from '../core/settings';
import type { NotificationSpec, Notifier } from './notifications';

const CHECK_EVERY_MS = 6 * 3600_000;

const text = {
  en: {
    title: (p: string) => `Time to rotate the access key of ${p}`,
    body: (p: string, days: number) => `The access key of profile ${p} is ${days} days old; click to rotate it (one MFA code at most).`,
    action: 'Rotate',
  },
  ja: {
    title: (p: string) => `${p} のアクセスキーが古くなっています`,
    body: (p: string, days: number) => `プロファイル ${p} のアクセスキーは作成から ${days} 日経っています。クリックするとローテーションします（MFA コードは多くても 1 回）。`,
    action: 'ローテーション',
  },
};

export interface KeyRemindersOptions {
  settingsDir: string;
  settings: SettingsStore;
  keychain: Pick<Keychain, 'list'>;
  notifier: Notifier;
  locale(): 'en' | 'ja';
  /** What a click does: open the rotation for the profile. */
  rotate(sourceProfile: string): void;
  now?: () => number;
}

export class KeyReminders {
  private timer: NodeJS.Timeout | null = null;
  private first: NodeJS.Timeout | null = null;

  constructor(private readonly o: KeyRemindersOptions) {}

  /** Shows what is due now; returns the profiles reminded of. */
  async check(): Promise<string[]> {
    const now = (this.o.now ?? Date.now)();
    const store = new KeyAgeStore(this.o.settingsDir);
    const threshold = this.o.settings.read().keyAgeReminderDays ?? DEFAULT_KEY_AGE_REMINDER_DAYS;
    const due = dueReminders(keyAges(await this.o.keychain.list(), store, now), store, threshold, now);
    const t = text[this.o.locale()];
    for (const k of due) {
      const spec: NotificationSpec = { title: t.title(k.profile), body: t.body(k.profile, k.ageDays!), actionLabel: t.action };
      this.o.notifier.show(spec, () => this.o.rotate(k.profile));
      store.update(k.profile, k.accessKeyId, { remindedAt: new Date(now).toISOString() });
    }
    return due.map((k) => k.profile);
  }

  /** The first check a minute after start (the start itself has more urgent work), then every few hours. */
  start(firstAfterMs = 60_000): void {
    const run = (): void => void this.check().catch(() => undefined); // a reminder is never worth an error
    this.first = setTimeout(run, firstAfterMs);
    this.first.unref();
    this.timer = setInterval(run, CHECK_EVERY_MS);
    this.timer.unref();
  }

  stop(): void {
    if (this.first) clearTimeout(this.first);
    if (this.timer) clearInterval(this.timer);
    this.first = this.timer = null;
  }
}
