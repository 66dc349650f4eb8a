/**
 * Writes the icon PNGs in assets/ from main/core/tray-icon.ts: tray icons per state at @1x/@2x
 * (coloured, and macOS templates named *Template*), and the 512x512 app icon electron-builder
 * turns into .icns/.ico. Run: npx node --import tsx scripts/make-icons.ts
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { CountdownState } from '../main/core/countdown';
import { encodePng } from '../main/core/icon/png';
import { renderAppIcon, renderTrayIcon } from '../main/core/tray-icon';

const out = path.join(import.meta.dirname, '..', 'assets');
const states: CountdownState[] = ['none', 'active', 'expiring-soon', 'expired'];
fs.mkdirSync(path.join(out, 'tray'), { recursive: true });

const write = (name: string, png: Buffer) => fs.writeFileSync(path.join(out, name), png);
for (const state of states) {
  for (const [suffix, size] of [['', 16], ['@2x', 32]] as const) {
    write(`tray/${state}${suffix}.png`, encodePng(renderTrayIcon({ state, size })));
    write(`tray/${state}Template${suffix}.png`, encodePng(renderTrayIcon({ state, size, template: true })));
  }
}
// Examples of the countdown badge, for the README and for eyeballing.
write('tray/example-42m@2x.png', encodePng(renderTrayIcon({ state: 'active', text: '42m', size: 32 })));
write('tray/example-9m@2x.png', encodePng(renderTrayIcon({ state: 'expiring-soon', text: '9m', size: 32 })));
write('tray/example-7h.png', encodePng(renderTrayIcon({ state: 'active', text: '7h', size: 16 })));
write('icon.png', encodePng(renderAppIcon(512)));
console.log(`icons written to ${out}`);
