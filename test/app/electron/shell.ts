/** `shell`: openExternal, recorded (nothing is opened). */
import type { Shell } from 'electron';
import type { FakeElectron } from '../fake-electron';

export function createShell(fake: FakeElectron) {
  const { record } = fake;
  return {
    openExternal: (url: string): Promise<void> => {
      record('shell', 'openExternal', [url]);
      return Promise.resolve();
    },
  } satisfies Pick<Shell, 'openExternal'>;
}
