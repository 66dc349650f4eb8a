/**
 * Desktop notifications through Electron; the action button exists on macOS, a click works
 * everywhere. A notification the system refuses (macOS and Windows emit 'failed': permission
 * denied, no Start-menu shortcut for the AppUserModelID) or cannot show at all is handed to
 * `onUndelivered`, so the warning reaches the user another way instead of vanishing.
 */
import { Notification } from 'electron';
import type { NotificationSpec, Notifier } from '../tray/notifications';

export class ElectronNotifier implements Notifier {
  /** Shown notifications must stay referenced, or their click handlers are collected. */
  private readonly live = new Set<Notification>();

  constructor(private readonly onUndelivered: (spec: NotificationSpec, reason: string) => void) {}

  show(spec: NotificationSpec, onActivate?: () => void): void {
    if (!Notification.isSupported()) {
      this.onUndelivered(spec, 'this system has no notification service');
      return;
    }
    const n = new Notification({
      title: spec.title,
      body: spec.body,
      silent: false,
      actions: spec.actionLabel && onActivate ? [{ type: 'button', text: spec.actionLabel }] : [],
    });
    const done = () => this.live.delete(n);
    if (onActivate) {
      n.on('click', () => {
        done();
        onActivate();
      });
      n.on('action', () => {
        done();
        onActivate();
      });
    }
    n.on('close', done);
    n.on('failed', (_event, error) => {
      done();
      this.onUndelivered(spec, error);
    });
    this.live.add(n);
    n.show();
  }
}
