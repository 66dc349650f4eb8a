/**
 * Turns sessions + settings into what the tray shows, and menu clicks into actions. Pushes to the
 * view only what changed (menus are rebuilt at most once per displayed-minute change) and returns
 * the next instant anything shown changes, for the scheduler.
 */
import { countdown, nextChangeAt, type CountdownView } from '../core/countdown';
import type { LoginItemState } from '../core/autostart';
import type { ProfileEntry, SessionStatus } from '../core/types';
import { platformTraits } from '../platform/traits';
import { formatClockTime, trayStrings, type Locale, type TrayStrings } from './strings';
import type { MenuAction, MenuItemModel, TrayIconSpec, TrayView } from './tray-view';

export interface TrayInput {
  profiles: ProfileEntry[];
  /** Sessions written by the tool (MfaService.status()), expired ones included. */
  sessions: SessionStatus[];
  warnMinutesBefore: number;
  startAtLogin: boolean;
  /** The login item's full state when it is more than on/off (macOS approval, development build). */
  loginItemState?: LoginItemState;
  /** A message that could not be shown as a notification: kept in the tooltip, the title and the menu. */
  notice?: string | null;
  locale: Locale;
}

export interface TrayActions {
  openPopup(sourceProfile: string | null): void;
  /** "Renew…" / "Log in…" of a profile: its mfa_process when it has one, else the popup (default). */
  renew?(sourceProfile: string): void;
  openSettings(): void;
  setStartAtLogin(enabled: boolean): void;
  /** The policy for this source profile's partition; null: the configured profiles'. */
  copyPolicy(sourceProfile: string | null): void;
  /** "Rotate access key…" of a profile: the popup's rotation panel. */
  rotateKey?(sourceProfile: string): void;
  /** "Open the console as <role profile>" (console sign-in); without it the menu has no such items. */
  openConsole?(profile: string): void;
  quit(): void;
}

export interface TrayControllerOptions {
  platform: NodeJS.Platform;
  formatTime?: (ms: number, locale: Locale) => string;
}

interface Line {
  source: string;
  target: string;
  expiry: number | null;
  view: CountdownView;
  /** Role profiles chained off the target: same countdown. */
  roles: string[];
}

const APP_TITLE = 'aws-mfa-tray';
/** Windows truncates tray tooltips at 127 characters. */
const TOOLTIP_MAX = 127;

export class TrayController {
  /** What was last pushed; '\0' matches nothing, so the first render pushes everything. */
  private last = { title: '\0', image: '\0', tooltip: '\0', menu: '\0' };
  private startAtLogin = false;
  private readonly formatTime: (ms: number, locale: Locale) => string;

  constructor(
    private readonly view: TrayView,
    private readonly actions: TrayActions,
    private readonly options: TrayControllerOptions,
  ) {
    this.formatTime = options.formatTime ?? formatClockTime;
  }

  /** Renders for `now`; returns the next instant the display changes, or null. */
  render(input: TrayInput, now: number): number | null {
    const t = trayStrings(input.locale);
    this.startAtLogin = input.startAtLogin;
    const lines = this.lines(input, now);
    const primary = pickPrimary(lines);
    // The countdown goes in the title beside the icon (macOS menu bar), else it is drawn into the icon.
    const inTitle = platformTraits(this.options.platform).tray.countdown === 'title';

    const countdownTitle = inTitle && primary && primary.view.state !== 'expired' ? primary.view.text : '';
    // A notice that no notification could carry: a mark in the menu bar, its text in tooltip and menu.
    const title = input.notice ? `⚠${countdownTitle ? ` ${countdownTitle}` : ''}` : countdownTitle;
    const icon: TrayIconSpec = { state: primary?.view.state ?? 'none', text: inTitle ? '' : (primary?.view.short ?? '') };
    const tooltip = clip(
      [APP_TITLE, ...(input.notice ? [`⚠ ${input.notice}`] : []), ...lines.map((l) => t.line(l.target, l.view.state, l.view.text))].join('\n'),
    );
    const menu = this.menu(lines, input, t);

    this.push('title', title, () => this.view.setTitle(title));
    this.push('image', JSON.stringify(icon), () => this.view.setImage(icon));
    this.push('tooltip', tooltip, () => this.view.setToolTip(tooltip));
    this.push('menu', JSON.stringify(menu), () => this.view.setMenu(menu));

    let next: number | null = null;
    for (const l of lines) {
      const n = nextChangeAt(l.expiry, now, input.warnMinutesBefore);
      if (n !== null && (next === null || n < next)) next = n;
    }
    return next;
  }

  handle(action: MenuAction): void {
    switch (action.kind) {
      case 'enterCode':
        return this.actions.openPopup(null);
      case 'renew':
        return this.actions.renew ? this.actions.renew(action.sourceProfile) : this.actions.openPopup(action.sourceProfile);
      case 'settings':
        return this.actions.openSettings();
      case 'toggleStartAtLogin':
        return this.actions.setStartAtLogin(!this.startAtLogin);
      case 'copyPolicy':
        return this.actions.copyPolicy(action.sourceProfile ?? null);
      case 'rotateKey':
        return this.actions.rotateKey?.(action.sourceProfile);
      case 'console':
        return this.actions.openConsole?.(action.profile);
      case 'quit':
        return this.actions.quit();
    }
  }

  private push(key: keyof TrayController['last'], value: string, apply: () => void): void {
    if (this.last[key] === value) return;
    this.last[key] = value;
    apply();
  }

  /** Configured profiles first (settings order), then sessions the CLI wrote for other profiles. */
  private lines(input: TrayInput, now: number): Line[] {
    const out: Line[] = [];
    const used = new Set<SessionStatus>();
    for (const p of input.profiles) {
      const s = input.sessions.find((x) => x.target === p.target && x.profile === p.sourceProfile);
      if (s) used.add(s);
      const expiry = s ? Date.parse(s.expiration) : null;
      out.push({ source: p.sourceProfile, target: p.target, expiry, view: countdown(expiry, now, input.warnMinutesBefore), roles: roleNames(s) });
    }
    for (const s of input.sessions) {
      if (used.has(s)) continue;
      const expiry = Date.parse(s.expiration);
      out.push({ source: s.profile, target: s.target, expiry, view: countdown(expiry, now, input.warnMinutesBefore), roles: roleNames(s) });
    }
    return out;
  }

  private menu(lines: Line[], input: TrayInput, t: TrayStrings): MenuItemModel[] {
    const profileItems: MenuItemModel[] = lines.map((l) => {
      const items: MenuItemModel[] = [
        {
          type: 'item',
          label: l.view.state === 'none' || l.view.state === 'expired' ? t.logIn : t.renew,
          enabled: true,
          action: { kind: 'renew', sourceProfile: l.source },
        },
        { type: 'item', label: t.fromProfile(l.source), enabled: false },
      ];
      if (l.expiry !== null) {
        const time = this.formatTime(l.expiry, input.locale);
        items.push({ type: 'item', label: l.view.state === 'expired' ? t.expiredAt(time) : t.expiresAt(time), enabled: false });
      }
      const live = l.view.state === 'active' || l.view.state === 'expiring-soon';
      for (const r of l.roles) {
        items.push({ type: 'item', label: t.roleLine(r, l.view.state, l.view.text), enabled: false });
        if (this.actions.openConsole) items.push({ type: 'item', label: t.openConsole(r), enabled: live, action: { kind: 'console', profile: r } });
      }
      // The policy for this profile's partition (GovCloud, China): the one its administrator needs.
      items.push({ type: 'item', label: t.rotateKey, enabled: true, action: { kind: 'rotateKey', sourceProfile: l.source } });
      items.push({ type: 'item', label: t.copyPolicyFor, enabled: true, action: { kind: 'copyPolicy', sourceProfile: l.source } });
      return { type: 'submenu', label: t.line(l.target, l.view.state, l.view.text), items };
    });
    const loginItem = input.loginItemState ?? (input.startAtLogin ? 'on' : 'off');
    const startAtLogin: MenuItemModel =
      loginItem === 'unavailable'
        ? { type: 'item', label: t.startAtLoginUnavailable, enabled: false }
        : {
            type: 'checkbox',
            label: loginItem === 'needs-approval' ? t.startAtLoginApprove : t.startAtLogin,
            checked: loginItem === 'on',
            action: { kind: 'toggleStartAtLogin' },
          };
    return [
      ...(input.notice ? [{ type: 'item', label: `⚠ ${input.notice}`, enabled: true, action: { kind: 'enterCode' } } as const, { type: 'separator' } as const] : []),
      { type: 'item', label: t.enterCode, enabled: true, action: { kind: 'enterCode' } },
      { type: 'separator' },
      ...(profileItems.length ? profileItems : [{ type: 'item', label: t.noProfiles, enabled: false } as const]),
      { type: 'separator' },
      { type: 'item', label: t.settings, enabled: true, action: { kind: 'settings' } },
      startAtLogin,
      { type: 'item', label: t.copyPolicy, enabled: true, action: { kind: 'copyPolicy' } },
      { type: 'separator' },
      { type: 'item', label: t.quit, enabled: true, action: { kind: 'quit' } },
    ];
  }
}

function roleNames(s: SessionStatus | undefined): string[] {
  return (s?.roles ?? []).map((r) => r.profile);
}

/**
 * The session the title and icon follow: the live one with the least time left (the one that
 * needs attention first); if none is live, an expired one; else nothing.
 */
function pickPrimary(lines: Line[]): Line | null {
  const live = lines.filter((l) => l.view.state === 'active' || l.view.state === 'expiring-soon');
  if (live.length) return live.reduce((a, b) => ((a.expiry ?? 0) <= (b.expiry ?? 0) ? a : b));
  return lines.find((l) => l.view.state === 'expired') ?? null;
}

function clip(s: string): string {
  return s.length <= TOOLTIP_MAX ? s : `${s.slice(0, TOOLTIP_MAX - 1)}…`;
}
