/** `ipcMain`: handle() refuses a second handler for a channel, as Electron does; on() listeners are recorded. */
import { EventEmitter } from 'node:events';
import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import type { FakeElectron } from '../fake-electron';

export function createIpcMain(fake: FakeElectron): EventEmitter {
  const { record } = fake;
  const ipcMain = Object.assign(new EventEmitter(), {
    handle: (channel: string, fn: (event: IpcMainInvokeEvent, ...args: never[]) => unknown): void => {
      if (fake.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
      record('ipcMain', 'handle', [channel]);
      fake.handlers.set(channel, fn as unknown as (event: unknown, req: unknown) => unknown);
    },
    removeHandler: (channel: string): void => void fake.handlers.delete(channel),
  } satisfies Partial<IpcMain>);
  const origIpcOn = ipcMain.on.bind(ipcMain);
  ipcMain.on = (channel: string, listener: (...a: unknown[]) => void) => {
    record('ipcMain', 'on', [channel]);
    fake.listeners.add(channel);
    return origIpcOn(channel, listener);
  };
  return ipcMain;
}
