/** Desktop notifications through Electron; the action button exists on macOS, a click works everywhere. */
import { Notification } from 'electron';
import type { NotificationSpec, Notifier } from '../tray/notifications';

export class ElectronNotifier implements Notifier {
  /** Shown notifications must stay referenced, or their click handlers are collected. */
  private readonly live = new Set<Notification>();

  show(spec: NotificationSpec, onActivate?: () => void): void {
    if (!Notification.isSupported()) return;
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
    this.live.add(n);
    n.show();
  }
}
