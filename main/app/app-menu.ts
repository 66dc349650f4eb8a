/**
 * The application menu. macOS needs one with an Edit menu, or Cmd+V/Cmd+C do nothing in the
 * code and key fields; elsewhere the windows have no menu bar at all.
 */
import { Menu } from 'electron';
import type { PlatformTraits } from '../platform/traits';

export function installAppMenu(traits: PlatformTraits): void {
  if (traits.app.menu === 'none') {
    Menu.setApplicationMenu(null);
    return;
  }
  Menu.setApplicationMenu(Menu.buildFromTemplate([{ role: 'appMenu' }, { role: 'editMenu' }, { role: 'windowMenu' }]));
}
