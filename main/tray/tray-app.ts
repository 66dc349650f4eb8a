/**
 * The tray's moving parts wired together without Electron: data from the core, the tray
 * controller, the expiry notifications and the one scheduler that wakes them at the next change.
 * Also removes expired sessions from the credentials file when the preference asks for it.
 */
import { loginItemState, type LoginItem } from '../core/autostart';
import type { Settings, SessionStatus } from '../core/types';
import type { ExpiryNotifications } from './notifications';
import { ChangeScheduler, type Clock, type Timers } from './scheduler';
import type { Locale } from './strings';
import type { TrayController } from './tray-controller';

export interface TrayDataSource {
  status(): Promise<SessionStatus[]>;
  removeExpiredSessions(): Promise<string[]>;
  readSettings(): Settings;
}

export interface TrayAppDeps {
  source: TrayDataSource;
  controller: TrayController;
  notifications: ExpiryNotifications;
  loginItem: Pick<LoginItem, 'isEnabled' | 'state'>;
  locale(): Locale;
  clock?: Clock;
  timers?: Timers;
  /** Reports background failures (e.g. the credentials file is locked); never a secret. */
  onError?(e: unknown): void;
}

export class TrayApp {
  readonly scheduler: ChangeScheduler;
  private settings: Settings | null = null;
  private sessions: SessionStatus[] = [];
  /** Sessions this app removed once expired: still shown as expired until replaced. */
  private removed = new Map<string, SessionStatus>();
  private removing = false;

  constructor(private readonly deps: TrayAppDeps) {
    this.scheduler = new ChangeScheduler((now) => this.tick(now), deps.clock, deps.timers);
  }

  /** Reloads sessions and settings (after a login, a settings change, a file change) and re-plans. */
  async refresh(): Promise<void> {
    const settings = this.deps.source.readSettings();
    const sessions = await this.deps.source.status();
    this.settings = settings;
    this.sessions = sessions;
    for (const s of sessions) this.removed.delete(s.target);
    this.replan();
  }

  private notice: string | null = null;

  /** Shows (or with null clears) a notice no notification could carry, in the tray itself. */
  setNotice(text: string | null): void {
    if (this.notice === text) return;
    this.notice = text;
    this.recompute();
  }

  /** Re-renders from the wall clock now: on resume, clock jumps and data changes. */
  recompute(): void {
    this.scheduler.recompute();
  }

  stop(): void {
    this.scheduler.stop();
  }

  /** What the tray shows, for tests and the popup. */
  get shownSessions(): SessionStatus[] {
    return [...this.sessions, ...this.removed.values()];
  }

  private replan(): void {
    const s = this.settings;
    if (!s) return;
    const now = (this.deps.clock ?? { now: Date.now }).now();
    this.deps.notifications.plan(this.sessions, s.preferences.warnMinutesBefore, this.deps.locale(), now);
    this.scheduler.recompute();
  }

  private tick(now: number): number | null {
    const s = this.settings;
    if (!s) return null;
    const loginItem = loginItemState(this.deps.loginItem);
    const a = this.deps.controller.render(
      {
        profiles: s.profiles,
        sessions: this.shownSessions,
        warnMinutesBefore: s.preferences.warnMinutesBefore,
        startAtLogin: loginItem === 'on',
        loginItemState: loginItem,
        notice: this.notice,
        locale: this.deps.locale(),
      },
      now,
    );
    const b = this.deps.notifications.due(now);
    if (s.preferences.removeExpired && this.sessions.some((x) => Date.parse(x.expiration) <= now)) void this.removeExpired();
    return a === null ? b : b === null ? a : Math.min(a, b);
  }

  private async removeExpired(): Promise<void> {
    if (this.removing) return;
    this.removing = true;
    try {
      const targets = await this.deps.source.removeExpiredSessions();
      for (const t of targets) {
        const s = this.sessions.find((x) => x.target === t);
        if (s) this.removed.set(t, { ...s, secondsLeft: 0 });
      }
      await this.refresh();
    } catch (e) {
      this.deps.onError?.(e);
    } finally {
      this.removing = false;
    }
  }
}
