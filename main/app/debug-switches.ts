/**
 * Debugging switches the installed app refuses. `--remote-debugging-port` opens a DevTools endpoint on
 * 127.0.0.1 that any local user's program can drive (and through the bridge set an mfa_process);
 * `--remote-debugging-pipe` hands the same control to whoever holds the inherited pipes; `--inspect*`
 * opens the main process's Node inspector (the enableNodeCliInspectArguments fuse already ignores it,
 * refused here too so the user is told rather than silently ignored). Under `npm start` (not
 * packaged) they stay available for development and for Playwright's smoke test.
 *
 * Chromium reads a switch after "--" or "-" (and "/" on Windows), names case-insensitively on
 * Windows, anywhere on the command line: so is this check.
 */
const REFUSED = /^(?:--|-|\/)(remote-debugging-(?:port|pipe|address|socket-name)|inspect(?:-brk|-port|-publish-uid|-wait)?|inspect-brk-node)(?:=.*)?$/i;

/** The first refused switch on `argv` (its name, e.g. "--remote-debugging-port"), or null. */
export function refusedDebugSwitch(argv: readonly string[], packaged: boolean, platform: NodeJS.Platform): string | null {
  if (!packaged) return null;
  for (const arg of argv.slice(1)) {
    if (arg === '--') break; // what follows is a command's own arguments (exec's command line)
    if (arg.startsWith('/') && platform !== 'win32') continue;
    const m = REFUSED.exec(arg);
    if (m) return `--${m[1]!.toLowerCase()}`;
  }
  return null;
}

export const debugSwitchSentence = (name: string): { en: string; ja: string } => ({
  en: `aws-mfa-tray does not start with ${name}: it would let any program on this computer control the app; start it without that switch.`,
  ja: `aws-mfa-tray は ${name} を付けて起動できません。このコンピューター上のどのプログラムからもアプリを操作できてしまうためです。このスイッチを外して起動してください。`,
});
