/**
 * The command line in Japanese: messages, errors, prompts and --help follow LC_ALL, LC_MESSAGES,
 * LANG (ja* -> Japanese), the settings' language winning when set; --json stays the same in every
 * language.
 */
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { test } from 'node:test';
import { runCli } from '../helpers/cli';
import { worldSuite } from '../helpers/world';

const w = worldSuite({ defaultProfile: true }, () => {
  serial = w.serial;
  ja = { ...w.env, LANG: 'ja_JP.UTF-8', LC_ALL: '', LC_MESSAGES: '' };
});
let serial: string;
let ja: NodeJS.ProcessEnv;

const setLanguage = (language: 'auto' | 'en' | 'ja'): void => {
  mkdirSync(w.paths.settingsDir, { recursive: true, mode: 0o700 });
  writeFileSync(`${w.paths.settingsDir}/settings.json`, JSON.stringify({ preferences: { language } }), { mode: 0o600 });
};

test('errors in Japanese: input checks, the argument parser, and what AWS said', async () => {
  setLanguage('auto');
  const bad = await runCli(ja, ['login', 'default', '--code', '12']);
  assert.deepEqual([bad.code, bad.stdout], [2, '']);
  assert.equal(bad.stderr, 'MFA コードは 6 桁の数字（0〜9）です。MFA デバイスに表示されているコードを入力してください。\n');

  const parser = await runCli(ja, ['status', '--jsn']);
  assert.equal(parser.code, 2);
  assert.equal(parser.stderr, "'--jsn' というオプションはありません（--json のことですか？）。\"aws-mfa-tray status --help\" を参照してください。\n");

  const refused = await runCli(ja, ['login', 'default', '--code', w.emulator.wrongCode(serial)]);
  assert.equal(refused.code, 1);
  assert.match(refused.stderr, /^AWS はこの MFA コードを受け付けませんでした。/);

  const noKeys = await runCli(ja, ['login', 'nobody', '--code', '123456']);
  assert.equal(noKeys.code, 1);
  assert.match(noKeys.stderr, /^キーチェーンにプロファイル nobody の長期キーがありません。/);
});

test('LC_ALL and LC_MESSAGES come before LANG; LC_ALL=C means English', async () => {
  const c = await runCli({ ...ja, LC_ALL: 'C' }, ['login', 'default', '--code', '12']);
  assert.match(c.stderr, /^The MFA code must be exactly 6 digits/);
  const messages = await runCli({ ...w.env, LANG: 'en_US.UTF-8', LC_MESSAGES: 'ja_JP.UTF-8', LC_ALL: '' }, ['login', 'default', '--code', '12']);
  assert.match(messages.stderr, /^MFA コードは 6 桁/);
});

test('the settings’ language wins over the environment', async () => {
  setLanguage('en');
  assert.match((await runCli(ja, ['login', 'default', '--code', '12'])).stderr, /^The MFA code must be/);
  setLanguage('ja');
  assert.match((await runCli({ ...w.env, LANG: 'en_US.UTF-8' }, ['login', 'default', '--code', '12'])).stderr, /^MFA コードは/);
  setLanguage('auto');
});

test('--help, results and status in Japanese; --json is the same in both languages', async () => {
  const help = await runCli(ja, ['login', '--help']);
  assert.equal(help.code, 0);
  for (const heading of ['使い方:', '引数:', 'オプション:', '例:', '環境変数:', '終了コード:']) assert.ok(help.stdout.includes(`${heading}\n`) || help.stdout.startsWith(heading), heading);
  assert.match(help.stdout, /MFA デバイスに表示される 6 桁のコード/);

  const empty = await runCli(ja, ['status']);
  assert.equal(empty.stdout, 'セッションはまだありません。"aws-mfa-tray login <profile> --code <6 桁>" で取得してください。\n');

  const login = await runCli(ja, ['login', 'default', '--code', w.emulator.nextFreshCode(serial)]);
  assert.equal(login.code, 0, login.stderr);
  assert.match(login.stdout, /^プロファイル mfa は \d{4}-\d\d-\d\d \d\d:\d\d \S+ まで使えます（MFA デバイス arn:aws:iam::\d+:mfa\/alice）。--profile mfa（または AWS_PROFILE=mfa）で使ってください。\n$/);

  const table = await runCli(ja, ['status']);
  assert.match(table.stdout, /^書き込み先 +ソース +MFA デバイス +有効期限 +残り\nmfa +default +arn:aws:iam::\d+:mfa\/alice +\d{4}-\d\d-\d\d \d\d:\d\d \S+ +1[12]時間\d+分\n$/);

  const [jaJson, enJson] = await Promise.all([runCli(ja, ['status', '--json']), runCli({ ...w.env, LANG: 'C' }, ['status', '--json'])]);
  // The same but for the seconds left, which may tick between the two processes.
  const neutral = (out: string): unknown => (JSON.parse(out) as Record<string, unknown>[]).map(({ secondsLeft, ...rest }) => ({ ...rest, secondsLeft: typeof secondsLeft }));
  assert.deepEqual(neutral(jaJson.stdout), neutral(enJson.stdout));
  assert.doesNotMatch(jaJson.stdout, /[\u3040-\u30ff\u4e00-\u9fff]/);
  const keysJa = await runCli(ja, ['keys', 'list', '--json']);
  assert.equal(keysJa.stdout, (await runCli(w.env, ['keys', 'list', '--json'])).stdout);
});
