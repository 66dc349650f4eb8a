/**
 * App-wide web content lock-down: no navigation away from our pages, no new windows, no
 * <webview>, no permissions (camera, notifications from pages, ...). Registered once, before
 * any window exists, so it covers every WebContents.
 */
import { app, session } from 'electron';

export function installSecurityHandlers(): void {
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (e) => e.preventDefault());
    contents.on('will-redirect', (e) => e.preventDefault());
    contents.on('will-attach-webview', (e) => e.preventDefault());
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  });
  app.whenReady()
    .then(() => {
      session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
      session.defaultSession.setPermissionCheckHandler(() => false);
    })
    .catch(() => undefined);
}
