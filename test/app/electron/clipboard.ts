/** `clipboard`: writeText, recorded. */
import type { Clipboard } from 'electron';
import type { FakeElectron } from '../fake-electron';

export function createClipboard(fake: FakeElectron) {
  const { record } = fake;
  return {
    writeText(text: string): Promise<void> {
      record('clipboard', 'writeText', [text]);
      return Promise.resolve();
    },
  } satisfies Partial<Clipboard>;
}
