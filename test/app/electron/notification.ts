/** `Notification`: isSupported, and a show() the system may refuse ('failed', on macOS and Windows). */
import { EventEmitter } from 'node:events';
import type { Notification as ElectronNotification } from 'electron';
import type { FakeElectron } from '../fake-electron';
import { describe, fakeEvent } from './common';

type NotificationModel = Pick<ElectronNotification, 'show' | 'close'>;

export class FakeNotification extends EventEmitter implements NotificationModel {
  shown = false;
  failed: string | null = null;
  constructor(
    private readonly fake: FakeElectron,
    readonly options: Record<string, unknown>,
  ) {
    super();
    fake.notifications.push(this);
    fake.record('Notification', 'new', [options]);
  }
  /**
   * macOS and Windows report a notification the system refused with 'failed' (event, error)
   * (an unsigned app without permission, a missing Start-menu shortcut/AppUserModelID); Linux has
   * no such event.
   */
  show(): void {
    this.fake.record('Notification', 'show', [this.options]);
    if (this.fake.o.notifications === 'fail' && this.fake.platform !== 'linux') {
      setImmediate(() => {
        this.failed = 'The notification could not be delivered (fake)';
        this.emit('failed', fakeEvent(), this.failed);
      });
      return;
    }
    this.shown = true;
    setImmediate(() => this.emit('show', fakeEvent()));
  }
  close(): void {
    this.emit('close', fakeEvent());
  }
  describe() {
    return { notification: describe(this.options), shown: this.shown, failed: this.failed };
  }
}

/** The class the module exports: `new Notification(options)` joins this stand-in. */
export function notificationClass(fake: FakeElectron) {
  return class Notification extends FakeNotification {
    static isSupported() {
      return fake.o.notifications !== 'unsupported';
    }
    constructor(options: Record<string, unknown>) {
      super(fake, options);
    }
  };
}
