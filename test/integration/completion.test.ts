/**
 * Tab completion, pressed for real in an interactive bash and zsh on a pseudo-terminal: commands,
 * subcommands, option values, and profile names read from the credentials and config files at the
 * moment Tab is pressed. The fish and PowerShell scripts are checked for what can be checked here
 * (they ask the same `__complete`, whose answers are tested directly).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, symlinkSync } from 'node:fs';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { BIN, runCli } from '../helpers/cli';
import { runOnPty, type PtyStep } from '../helpers/pty';
import { createWorld, type World } from '../helpers/world';

let w: World;
let env: NodeJS.ProcessEnv;
before(async () => {
  w = await createWorld();
  w.writeCredentials('[default]\nregion = eu-west-1\n\n[workshop]\naws_access_key_id = AKIAEXAMPLEEXAMPLE12\n');
  w.writeConfig('[default]\nregion = eu-west-1\n\n[profile webapp]\nregion = us-west-2\n\n[sso-session corp]\nsso_region = us-east-1\n');
  // The scripts call `aws-mfa-tray` by name, as after npm i -g.
  const bin = path.join(w.home, 'bin');
  mkdirSync(bin);
  symlinkSync(BIN, path.join(bin, 'aws-mfa-tray'));
  env = { ...w.env, PATH: `${bin}:${path.dirname(process.execPath)}:${process.env.PATH ?? ''}`, PS1: 'P> ' };
});
after(async () => {
  await w.close();
});

const complete = async (...words: string[]): Promise<string[]> => {
  const r = await runCli(w.env, ['__complete', '--', ...words]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stderr, '');
  return r.stdout.split('\n').filter(Boolean);
};

test('__complete answers from the command tree and the files', async () => {
  assert.deepEqual(await complete('lo'), ['login', 'logout']);
  assert.deepEqual(await complete('keys', 'i'), ['import']);
  assert.deepEqual(await complete('login', ''), ['default', 'webapp', 'workshop'], 'both files; not the sso-session');
  assert.deepEqual(await complete('login', 'default', '--d'), ['--duration']);
  assert.deepEqual(await complete('login', '--code', '123456', 'w'), ['webapp', 'workshop'], "an option's value is not the profile");
  assert.deepEqual(await complete('policy', '--partition', 'aws-'), ['aws-cn', 'aws-us-gov']);
  assert.deepEqual(await complete('policy', '--profile', 'we'), ['webapp']);
  assert.deepEqual(await complete('completion', ''), ['bash', 'zsh', 'fish', 'powershell']);
  assert.deepEqual(await complete('exec', 'default', '--', ''), [], "after -- the words are the command's: the shell completes files");
  assert.deepEqual(await complete('status', 'x', ''), [], 'status takes no profile');
  assert.ok(!(await complete('')).includes('__complete'), 'the hidden command is not offered');
});

/** Types the steps into an interactive shell and returns what the terminal showed, escape codes removed. */
async function inShell(argv: string[], setup: string, steps: PtyStep[]): Promise<string> {
  const r = await runOnPty(argv, env, [{ expect: 'P> ', send: `${setup}\r` }, ...steps, { expect: 'done-42', send: 'exit\r' }], 30);
  assert.equal(r.timedOut, false, r.transcript);
  // What a person sees: escape codes dropped, backspaces applied (zsh redraws the space after a completed word).
  // eslint-disable-next-line no-control-regex -- the terminal's own control characters are what is removed
  let text = r.transcript.replace(/\u001b\[[0-9;?]*[a-zA-Z]/g, '');
  // eslint-disable-next-line no-control-regex
  while (/[^\x08]\x08/.test(text)) text = text.replace(/[^\x08]\x08/g, '');
  return text;
}

/** A Tab-completed word, as the terminal shows it (zsh draws the space after it in bold). */
const done = (word: string): string => `${word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?:\\u001b\\[[0-9;]*m)* `;

for (const [shell, argv, setup] of [
  ['bash', ['bash', '--norc', '--noprofile', '-i'], 'eval "$(aws-mfa-tray completion bash)"'],
  ['zsh', ['sh', '-c', 'TERM=xterm exec zsh -f -i'], 'autoload -U compinit && compinit -u && source <(aws-mfa-tray completion zsh)'],
] as const) {
  test(`${shell}: Tab completes commands, subcommands, choices and profile names`, async (t) => {
    if (spawnSync(argv[0] === 'sh' ? 'zsh' : argv[0], ['-c', 'exit 0']).status !== 0) return t.skip(`${shell} is not installed (.ci/run installs it)`);
    const shown = await inShell([...argv], setup, [
      { expect: 'P> ', send: 'aws-mfa-tray ke\t' },
      { expect: done('keys'), send: 'im\t' },
      { expect: done('import'), send: 'works\t' },
      { expect: done('workshop'), send: '\u0015aws-mfa-tray policy --partition aws-u\t' },
      { expect: done('aws-us-gov'), send: '\u0015aws-mfa-tray completion z\t' },
      { expect: done('zsh'), send: '\u0015echo done-$((40+2))\r' },
    ]);
    assert.match(shown, /aws-mfa-tray keys import workshop /);
    assert.match(shown, /aws-mfa-tray policy --partition aws-us-gov /);
    assert.match(shown, /aws-mfa-tray completion zsh /);
  });
}

test('fish and PowerShell scripts ask the same __complete; zsh and bash scripts parse', async () => {
  for (const shell of ['fish', 'powershell']) {
    const r = await runCli(w.env, ['completion', shell]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /aws-mfa-tray __complete -- /);
  }
  const bash = await runCli(w.env, ['completion', 'bash']);
  assert.equal(spawnSync('bash', ['-n'], { input: bash.stdout }).status, 0);
  const bad = await runCli(w.env, ['completion', 'tcsh']);
  assert.equal(bad.code, 2);
  assert.equal(bad.stderr, 'There is no completion for "tcsh"; give bash, zsh, fish or powershell, e.g. "aws-mfa-tray completion bash".\n');
  const ja = await runCli({ ...w.env, LANG: 'ja_JP.UTF-8' }, ['completion', 'tcsh']);
  assert.equal(ja.stderr, '"tcsh" 用の補完はありません。bash、zsh、fish、powershell のいずれかを指定してください（例: "aws-mfa-tray completion bash"）。\n');
});
