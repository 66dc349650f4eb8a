/**
 * The popup's side of a code request, kept out of the core handlers: while a command's request is
 * on screen, the popup's login for that profile goes to the broker (the request's target and
 * options, every waiting command answered), Esc / Cancel on it tells the waiting commands, and
 * "Wait longer" extends it.
 */
import { toIpcError } from '../core/errors';
import type { RenewBroker } from '../core/renew/broker';
import type { IpcHandlers } from '../ipc/handlers';

export function withRenewRequests(handlers: IpcHandlers, broker: RenewBroker, deps: { onStateChanged(): void; locale(): 'en' | 'ja' }): IpcHandlers {
  return {
    ...handlers,
    login: async (req) => {
      const r = (req ?? {}) as { sourceProfile?: unknown; code?: unknown };
      const answering = typeof r.sourceProfile === 'string' && typeof r.code === 'string' ? broker.submit(r.sourceProfile, r.code) : null;
      if (!answering) return handlers.login(req);
      try {
        const value = await answering;
        deps.onStateChanged();
        return { ok: true, value };
      } catch (e) {
        return { ok: false, error: toIpcError(e, deps.locale()) };
      }
    },
    // "Wait longer": the request on screen gets its full time again (its view carries the new end).
    extendRequest: async (req) => {
      const id = (req as { id?: unknown } | null)?.id;
      const view = typeof id === 'number' ? broker.extend(id) : null;
      return view ? { ok: true, value: view } : handlers.extendRequest(req);
    },
    hideWindow: (req) => {
      const id = (req as { cancelRequest?: unknown } | null)?.cancelRequest;
      if (typeof id === 'number') broker.cancel(id);
      return handlers.hideWindow(req);
    },
  };
}
