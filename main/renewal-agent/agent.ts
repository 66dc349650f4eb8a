/**
 * The tray app's side of renewal, free of Electron: the per-user socket and the broker behind it
 * (a request from credential-process, exec or login opens the popup for its profile; the popup's
 * login, the same MfaService call, answers every command waiting on that target), and the tray's
 * own "Renew…", which asks the same resolver: the profile's mfa_process first, else the popup.
 */
import { messageFor, UserError } from '../core/errors';
import type { Paths } from '../core/paths';
import { AgentServer, type AgentServerOptions } from '../core/renew/agent-server';
import { RenewBroker, type RequestView } from '../core/renew/broker';
import { agentEndpoint } from '../core/renew/endpoint';
import { renewLocked } from '../core/renew/renewal';
import { mfaProcessFor, mfaProcessSource } from '../core/renew/sources/mfa-process';
import type { MfaService } from '../core/session';
import type { SettingsStore } from '../core/settings';
import type { IpcHandlers } from '../ipc/handlers';
import { loginResultNotification, type Notifier } from '../tray/notifications';
import { trayStrings, type Locale } from '../tray/strings';
import { withRenewRequests } from './renew-requests';

export interface RenewAgentDeps {
  paths: Paths;
  settings: SettingsStore;
  service: MfaService;
  showPopup(request: RequestView): void;
  hidePopup(): void;
  /** The popup for a profile, without a request (the tray's own renew when there is no mfa_process). */
  openPopup(sourceProfile: string): void;
  notifier: Notifier;
  locale(): Locale;
  onStateChanged(): void;
  onError(e: unknown): void;
  /** Something that could not prove our key was listening where the app meant to (a squatter): tell the user. */
  onSquatter?(address: string): void;
  platform?: NodeJS.Platform;
  /** Tests: the socket's name and limits. */
  server?: AgentServerOptions;
}

export interface RenewAgent {
  broker: RenewBroker;
  /** The IPC handlers with the popup's request hooks. */
  wrap(handlers: IpcHandlers): IpcHandlers;
  /** The tray's "Renew…" for a profile: its mfa_process (a touch of the key), else the popup. */
  renew(sourceProfile: string): Promise<void>;
  /** Settles once the socket listens (or could not: reported through onError). */
  listening: Promise<void>;
  /** The address where a squatter was found at start, or null. */
  squatted(): string | null;
  /** Answers everyone still waiting and stops listening (quit). */
  stop(): Promise<void>;
}

/**
 * The broker and the popup hooks exist at once (the IPC handlers are registered with them right
 * away); the socket starts listening in the background, and a failure there is reported, not fatal.
 */
export function startRenewAgent(deps: RenewAgentDeps): RenewAgent {
  const strings = () => trayStrings(deps.locale());
  const announce = (profile: string): void => {
    deps.notifier.show({ title: strings().mfaProcessTitle(profile), body: strings().mfaProcessBody });
  };
  const broker = new RenewBroker({
    login: (req) => deps.service.loginWithSession(req),
    // No keys, or a target the login would refuse: said at once, before anyone types a code.
    precheck: (req) => deps.service.preflight(req.profile, req.target),
    show: (view) => deps.showPopup(view),
    // An answered popup shows "ready" and hides itself; any other end closes it now.
    hide: (_view, why) => {
      if (why !== 'answered') deps.hidePopup();
    },
    notice: (profile) => announce(profile),
  });
  let squatter: string | null = null;
  const listening = AgentServer.start(agentEndpoint(deps.paths.settingsDir, deps.platform), (req, gone) => broker.handle(req, gone), (e) => deps.onError(e), deps.server).then(
    (server) => {
      squatter = server.squatted[0] ?? null;
      if (squatter) deps.onSquatter?.(squatter);
      return server;
    },
    (e: unknown) => {
      // Without the socket the CLI falls back to mfa_process and the terminal; the tray itself still works.
      deps.onError(e);
      return null;
    },
  );

  const commandFor = (profile: string): Promise<string | undefined> => mfaProcessFor(deps, profile, 'ignore');

  const renew = async (profile: string): Promise<void> => {
    // An mfa_process we will not run (its config folder is not safe) is said in the notification.
    const command = await commandFor(profile).catch((e: unknown) => {
      deps.notifier.show(loginResultNotification({ ok: false, error: { message: messageFor(e, deps.locale()) } }, deps.locale()));
      return null;
    });
    if (command === null) return;
    if (!command) return deps.openPopup(profile);
    const source = mfaProcessSource({
      commandFor: () => Promise.resolve(command),
      announce: (p) => Promise.resolve(announce(p)),
      beforeRun: (req) => deps.service.preflight(req.profile, req.target),
    });
    const target = deps.service.targetFor(profile);
    try {
      const { result } = await renewLocked(
        { profile, target, asker: { command: 'login' } },
        {
          paths: deps.paths,
          settings: deps.settings,
          service: () => deps.service,
          sources: () => [source],
          // Unreachable: the one source here has a command (checked above).
          none: () => new UserError({ en: `Profile ${profile} has no mfa_process.`, ja: `プロファイル ${profile} に mfa_process がありません。` }, 'NoCodeSource'),
        },
      );
      deps.onStateChanged();
      deps.notifier.show(loginResultNotification({ ok: true, value: result }, deps.locale()));
    } catch (e) {
      // The command failed or printed no code: say why, and clicking offers the popup to type one.
      const spec = loginResultNotification({ ok: false, error: { message: messageFor(e, deps.locale()) } }, deps.locale());
      deps.notifier.show(spec, () => deps.openPopup(profile));
    }
  };

  return {
    broker,
    wrap: (handlers) => withRenewRequests(handlers, broker, { onStateChanged: () => deps.onStateChanged(), locale: () => deps.locale() }),
    renew,
    listening: listening.then(() => undefined),
    squatted: () => squatter,
    stop: async () => {
      broker.cancelAll();
      await (await listening)?.close();
    },
  };
}
