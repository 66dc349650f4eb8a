/**
 * Help as a newcomer needs it: every command's --help has an example, the environment it honours
 * and its exit codes; usage errors name the failing command's help; the AWS CLI habit --profile x
 * gets the positional form suggested; a bare `login` asks for the profile first.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { runCli } from '../helpers/cli';
import { worldSuite } from '../helpers/world';

const w = worldSuite();

const COMMANDS = [[], ['keys', 'set'], ['keys', 'import'], ['keys', 'list'], ['keys', 'remove'], ['login'], ['logout'], ['status'], ['credential-process'], ['policy']];

test('every command’s --help shows examples, environment and exit codes', async () => {
  for (const cmd of COMMANDS) {
    const r = await runCli(w.env, [...cmd, '--help']);
    assert.equal(r.code, 0, cmd.join(' '));
    assert.equal(r.stderr, '');
    const sections = r.stdout.split('\n\n');
    const examples = sections.find((s) => s.startsWith('Examples:\n'));
    assert.ok(examples, `${cmd.join(' ')}: Examples`);
    assert.match(examples, /\n {2}aws-mfa-tray /, `${cmd.join(' ')}: an aws-mfa-tray example`);
    const env = sections.find((s) => s.startsWith('Environment:\n'));
    assert.ok(env?.includes('LANG'), `${cmd.join(' ')}: Environment`);
    const exits = sections.find((s) => s.startsWith('Exit codes:\n'));
    assert.match(exits ?? '', /\n {2}0 {2}\S[^]*\n {2}1 {2}\S[^]*\n {2}2 {2}bad usage/, `${cmd.join(' ')}: exit codes`);
  }
  const login = await runCli(w.env, ['login', '--help']);
  for (const name of ['AWS_SHARED_CREDENTIALS_FILE', 'AWS_CONFIG_FILE', 'AWS_REGION', 'AWS_ENDPOINT_URL', 'AWS_MFA_TRAY_HOME']) assert.match(login.stdout, new RegExp(`\\n  ${name} +\\S`));
});

test('usage errors point at the help of the command that failed', async () => {
  const cases: [string[], string][] = [
    [['keys', 'set'], 'Missing the <profile> argument; see "aws-mfa-tray keys set --help".\n'],
    [['keys', 'remove', 'a', 'b'], 'Too many arguments; see "aws-mfa-tray keys remove --help".\n'],
    [['logout'], 'Missing the <target> argument; see "aws-mfa-tray logout --help".\n'],
    [['login', 'default', '--code'], "The option '--code <digits>' needs a value; see \"aws-mfa-tray login --help\".\n"],
    [['keys', 'lst'], "Unknown command 'lst' (did you mean list?); see \"aws-mfa-tray keys --help\".\n"],
  ];
  for (const [args, sentence] of cases) {
    const r = await runCli(w.env, args);
    assert.deepEqual([r.code, r.stdout, r.stderr], [2, '', sentence], args.join(' '));
  }
});

test('--profile x (the AWS CLI habit) gets the positional form suggested', async () => {
  const r = await runCli(w.env, ['login', '--profile', 'work', '--code', '123456']);
  assert.deepEqual([r.code, r.stdout], [2, '']);
  assert.equal(r.stderr, 'The profile is given as a word, not with --profile: "aws-mfa-tray login work --code 123456"; see "aws-mfa-tray login --help".\n');
  const eq = await runCli(w.env, ['keys', 'import', '--profile=work']);
  assert.equal(eq.stderr, 'The profile is given as a word, not with --profile: "aws-mfa-tray keys import work"; see "aws-mfa-tray keys import --help".\n');
});

test('a bare login asks for the profile first; with a profile and no code, for the code', async () => {
  const bare = await runCli(w.env, ['login']);
  assert.deepEqual([bare.code, bare.stderr], [2, 'Missing the <profile> argument; see "aws-mfa-tray login --help".\n']);
  const noCode = await runCli(w.env, ['login', 'default']);
  assert.equal(noCode.code, 2);
  assert.match(noCode.stderr, /--code/);
});

test('a command group without its command shows its help and exits 2', async () => {
  const r = await runCli(w.env, ['keys']);
  assert.equal(r.code, 2);
  assert.equal(r.stdout, '');
  assert.match(r.stderr, /^Usage: aws-mfa-tray keys \[options\] \[command\]/);
});

test('docs/cli.md documents every command, and the code points there (not at a file outside the repository)', async () => {
  const root = path.resolve(__dirname, '../..');
  const doc = readFileSync(path.join(root, 'docs/cli.md'), 'utf8');
  const synopsis = doc.slice(doc.indexOf('## Commands'), doc.indexOf('### keys'));
  const commands = async (args: string[]): Promise<string[]> => {
    const help = (await runCli(w.env, [...args, '--help'])).stdout;
    const list = help.slice(help.indexOf('Commands:\n'), help.indexOf('\n\n', help.indexOf('Commands:\n')));
    return [...list.matchAll(/^ {2}([a-z-]+)/gm)].map((m) => m[1]!).filter((c) => c !== 'help');
  };
  const top = await commands([]);
  assert.ok(top.length >= 6, top.join(' '));
  for (const c of top) {
    const sub = c === 'keys' ? (await commands(['keys'])).map((s) => `keys ${s}`) : [c];
    for (const name of sub) assert.match(synopsis, new RegExp(`^aws-mfa-tray ${name}\\b`, 'm'), `docs/cli.md lists ${name}`);
  }
  const entry = readFileSync(path.join(root, 'main/cli.ts'), 'utf8');
  assert.match(entry, /docs\/cli\.md/);
  assert.doesNotMatch(entry, /DESIGN\.md/);
});
