/**
 * The tray app's answer to code requests from the CLI, free of Electron: the per-user socket, the
 * broker behind it, and the popup hooks. A request opens the popup for its profile; the popup's
 * login (the same MfaService call) answers every command waiting on that target.
 */
import { AgentServer } from '../core/renew/agent-server';
import { RenewBroker, type RequestView } from '../core/renew/broker';
import { agentEndpoint } from '../core/renew/endpoint';
import type { MfaService } from '../core/session';
import type { IpcHandlers } from '../ipc/handlers';
import { withRenewRequests } from './renew-requests';
import { trayStrings, type Locale } from './strings';

export interface RenewAgentDeps {
  settingsDir: string;
  service: MfaService;
  showPopup(request: RequestView): void;
  hidePopup(): void;
  notify(title: string, body: string): void;
  locale(): Locale;
  onStateChanged(): void;
  onError(e: unknown): void;
  platform?: NodeJS.Platform;
}

export interface RenewAgent {
  broker: RenewBroker;
  /** The IPC handlers with the popup's request hooks. */
  wrap(handlers: IpcHandlers): IpcHandlers;
  /** Answers everyone still waiting and stops listening (quit). */
  stop(): Promise<void>;
}

export async function startRenewAgent(deps: RenewAgentDeps): Promise<RenewAgent> {
  const broker = new RenewBroker({
    login: (req) => deps.service.loginWithSession(req),
    // No keys, or a target the login would refuse: said at once, before anyone types a code.
    precheck: (req) => deps.service.preflight(req.profile, req.target),
    show: (view) => deps.showPopup(view),
    // An answered popup shows "ready" and hides itself; any other end closes it now.
    hide: (_view, why) => {
      if (why !== 'answered') deps.hidePopup();
    },
    notice: (profile) => {
      const t = trayStrings(deps.locale());
      deps.notify(t.mfaProcessTitle(profile), t.mfaProcessBody);
    },
  });
  let server: AgentServer | null = null;
  try {
    server = await AgentServer.start(agentEndpoint(deps.settingsDir, deps.platform), (req, gone) => broker.handle(req, gone), (e) => deps.onError(e));
  } catch (e) {
    // Without the socket the CLI falls back to mfa_process and the terminal; the tray itself still works.
    deps.onError(e);
  }
  return {
    broker,
    wrap: (handlers) => withRenewRequests(handlers, broker, { onStateChanged: () => deps.onStateChanged(), locale: () => deps.locale() }),
    stop: async () => {
      broker.cancelAll();
      await server?.close();
    },
  };
}
