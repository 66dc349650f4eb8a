/**
 * What the test suite cannot assert the same way on every OS, in one place, each with its reason:
 * a POSIX-only test names it in its skip option (`{ skip: posixOnly('why') }`), and file modes are
 * checked where they exist.
 */
import assert from 'node:assert/strict';
import { statSync } from 'node:fs';

/** `skip` for a test that only means something on POSIX (macOS, Linux): the reason, shown on Windows. */
export const posixOnly = (reason: string): string | false => (process.platform === 'win32' ? `POSIX only: ${reason}` : false);

/** `skip` for a test of something only Linux has (the Secret Service, XDG autostart, /proc). */
export const linuxOnly = (reason: string): string | false => (process.platform !== 'linux' ? `Linux only: ${reason}` : false);

/**
 * Windows has no POSIX modes: Node reports 0o666 (0o444 read-only) for files and 0o777 for
 * folders whatever chmod was asked, and access is the ACL's (the user's profile folder is private).
 * So a mode is asserted on POSIX only; everything else about the file is asserted everywhere.
 */
export function assertMode(file: string, expected: number, message?: string): void {
  if (process.platform === 'win32') return;
  assert.equal(statSync(file).mode & 0o777, expected, message ?? `mode of ${file}`);
}
