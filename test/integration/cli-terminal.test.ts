/**
 * The CLI at a real terminal (a pseudo-terminal driven like a keyboard): `keys set` asks for the
 * secret access key without echoing it, says so, restores the terminal on every way out, and
 * keeps reading from a pipe as before.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BIN } from '../helpers/cli';
import { runOnPty } from '../helpers/pty';
import { worldSuite } from '../helpers/world';
import { posixOnly } from '../helpers/platform';

const PTY = posixOnly("Python's pty module drives a POSIX pseudo-terminal; the Windows console prompt is a manual check (docs/manual-check.md)");

const w = worldSuite();

/** Runs the CLI in a shell on the terminal, then prints the terminal's echo setting as the shell sees it. */
const shell = (args: string[]): string[] => [
  'sh',
  '-c',
  `"$0" "$@"; echo "exit=$?"; stty -a | tr ' ;' '\\n\\n' | grep -x -e echo -e -echo`,
  process.execPath,
  BIN,
  ...args,
];

test('keys set on a terminal: the prompt says typing is hidden, the secret never shows, the terminal echoes again afterwards', { skip: PTY }, async () => {
  const secret = w.user.secretAccessKey;
  const r = await runOnPty(shell(['keys', 'set', 'tty', '--access-key-id', w.user.accessKeyId]), w.env, [
    { expect: 'Secret access key \\(typing is hidden\\): $', send: `${secret}x\u007f\r` },
  ]);
  assert.equal(r.timedOut, false, r.transcript);
  assert.ok(!r.transcript.includes(secret), `the secret was echoed: ${JSON.stringify(r.transcript)}`);
  assert.ok(!r.transcript.includes(secret.slice(0, 8)), 'not even part of it');
  assert.match(r.transcript, /Stored the keys of profile tty \(AKIA…\w{4}\) in the keychain\./);
  assert.match(r.transcript, /exit=0\r\n/);
  assert.match(r.transcript, /\r\necho\r\n$/, 'echo is on again after the CLI ends');
  assert.deepEqual(await w.keychain.get('tty'), { accessKeyId: w.user.accessKeyId, secretAccessKey: secret }, 'Backspace removed the extra x');
});

test('Ctrl+C at the secret prompt: exit 130, nothing stored, echo restored', { skip: PTY }, async () => {
  const r = await runOnPty(shell(['keys', 'set', 'cancelled', '--access-key-id', w.user.accessKeyId]), w.env, [
    { expect: 'typing is hidden\\): $', send: 'abc\u0003' },
  ]);
  assert.equal(r.timedOut, false, r.transcript);
  assert.match(r.transcript, /exit=130\r\n/);
  assert.ok(!r.transcript.includes('abc'));
  assert.match(r.transcript, /\r\necho\r\n$/);
  assert.equal(await w.keychain.get('cancelled'), null);
});

test('in Japanese the prompt is Japanese; an empty line is refused with one sentence (exit 2)', { skip: PTY }, async () => {
  const r = await runOnPty(shell(['keys', 'set', 'empty', '--access-key-id', w.user.accessKeyId]), { ...w.env, LANG: 'ja_JP.UTF-8' }, [
    { expect: 'シークレットアクセスキー（入力は表示されません）: $', send: '\r' },
  ]);
  assert.equal(r.timedOut, false, r.transcript);
  assert.match(r.transcript, /シークレットアクセスキーを標準入力の 1 行目で渡すか/);
  assert.match(r.transcript, /exit=2\r\n/);
  assert.equal(await w.keychain.get('empty'), null);
});
