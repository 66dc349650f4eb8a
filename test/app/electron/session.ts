/** `session.defaultSession`: the permission handlers main sets, and Chromium's proxy decision for a URL. */
import type { Session } from 'electron';
import type { FakeElectron } from '../fake-electron';

export function createSession(fake: FakeElectron) {
  const { record } = fake;
  return {
    defaultSession: {
      setPermissionRequestHandler: (h: FakeElectron['permissionRequestHandler']) => {
        record('session', 'setPermissionRequestHandler', [h]);
        fake.permissionRequestHandler = h;
      },
      setPermissionCheckHandler: (h: FakeElectron['permissionCheckHandler']) => {
        record('session', 'setPermissionCheckHandler', [h]);
        fake.permissionCheckHandler = h;
      },
      // Chromium's proxy decision for a URL in PAC result form ("PROXY host:port;DIRECT"), as
      // ProxyInfo::ToPacString writes it; the driver plays the OS settings / PAC script.
      resolveProxy: (url: string): Promise<string> => {
        record('session', 'resolveProxy', [url]);
        return Promise.resolve(fake.o.systemProxy?.(url) ?? 'DIRECT');
      },
    } satisfies Partial<Record<keyof Session, unknown>>,
  };
}
