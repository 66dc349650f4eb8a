/**
 * Registers the core's IPC handlers on ipcMain. Every call is checked first: the sending frame
 * must be the top frame of one of our own renderer pages (file://), else it is refused without
 * running anything.
 */
import { ipcMain, type IpcMainInvokeEvent } from 'electron';
import { CHANNELS, ipcChannel } from '../ipc/contract';
import type { IpcHandlers } from '../ipc/handlers';
import { isOwnPageUrl } from './window-options';

export function isTrustedSender(event: IpcMainInvokeEvent, pages: readonly string[]): boolean {
  const frame = event.senderFrame;
  return Boolean(frame && frame.parent === null && isOwnPageUrl(frame.url, pages));
}

export function registerIpc(handlers: IpcHandlers, pages: readonly string[]): void {
  for (const channel of CHANNELS) {
    ipcMain.handle(ipcChannel(channel), (event, req: unknown) => {
      if (!isTrustedSender(event, pages)) {
        return { ok: false, error: { code: 'BadInput', message: 'This request did not come from the aws-mfa-tray window.' } };
      }
      return handlers[channel](req);
    });
  }
}
