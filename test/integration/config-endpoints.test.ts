/**
 * Endpoints from the AWS config file, as the SDK and the AWS CLI resolve them: the `services`
 * section, then the profile's endpoint_url; the environment variables win over both; the
 * ignore switch turns them all off; a malformed URL is refused with a sentence naming the file.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { resolveEndpoint } from '../../main/core/sts';
import { readSourceProfileConfig } from '../../main/core/aws-config';
import { runCli } from '../helpers/cli';
import { worldSuite } from '../helpers/world';

const w = worldSuite({ keys: ['default'] }, () => {
  env = { ...w.env };
  delete env.AWS_ENDPOINT_URL_STS;
  delete env.AWS_ENDPOINT_URL_IAM;
});
let env: NodeJS.ProcessEnv;

test('precedence: service env, global env, services section, profile endpoint_url; ignore switch', () => {
  const cfg = { sts: 'http://sts.cfg', iam: 'http://iam.cfg', global: 'http://global.cfg' };
  assert.equal(resolveEndpoint({ AWS_ENDPOINT_URL_STS: 'http://sts.env', AWS_ENDPOINT_URL: 'http://all.env' }, 'STS', cfg), 'http://sts.env');
  assert.equal(resolveEndpoint({ AWS_ENDPOINT_URL: 'http://all.env' }, 'STS', cfg), 'http://all.env');
  assert.equal(resolveEndpoint({}, 'STS', cfg), 'http://sts.cfg');
  assert.equal(resolveEndpoint({}, 'IAM', { global: 'http://global.cfg' }), 'http://global.cfg');
  assert.equal(resolveEndpoint({ AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: 'true', AWS_ENDPOINT_URL_STS: 'http://sts.env' }, 'STS', cfg), undefined);
  assert.equal(resolveEndpoint({ AWS_ENDPOINT_URL_STS: 'http://sts.env' }, 'STS', { ...cfg, ignore: true }), undefined);
  assert.equal(resolveEndpoint({}, 'STS'), undefined);
});

test('login and discovery reach the endpoints named in the config file', async () => {
  w.writeConfig(`[default]\nregion = us-east-1\nservices = local\n\n[services local]\nsts =\n  endpoint_url = ${w.emulator.url}\niam =\n  endpoint_url = ${w.emulator.url}\n`);
  const r = await runCli(env, ['login', 'default', '--code', w.emulator.nextFreshCode(w.serial), '--json']);
  assert.equal(r.code, 0, r.stderr);
  assert.equal((JSON.parse(r.stdout) as { serial: string }).serial, w.serial, 'discovered through the configured IAM endpoint');

  w.writeConfig(`[default]\nendpoint_url = ${w.emulator.url}\n`);
  const again = await runCli(env, ['login', 'default', '--code', w.emulator.nextFreshCode(w.serial), '--target', 'second']);
  assert.equal(again.code, 0, again.stderr);

  // The environment wins over the file: the file names a dead port, the environment the emulator.
  w.writeConfig(`[default]\nendpoint_url = http://127.0.0.1:9\n`);
  const envWins = await runCli({ ...env, AWS_ENDPOINT_URL_STS: w.emulator.url }, ['login', 'default', '--code', w.emulator.nextFreshCode(w.serial), '--target', 'third']);
  assert.equal(envWins.code, 0, envWins.stderr);
});

test('a malformed endpoint_url is refused with a sentence naming the file', async () => {
  w.writeConfig('[default]\nendpoint_url = ftp://nope\n');
  await assert.rejects(readSourceProfileConfig(w.paths.configFile, w.paths.credentialsFile, 'default'), (e: unknown) =>
    e instanceof Error && e.message === `The endpoint_url setting of profile default in ${w.paths.configFile} is not an http(s) URL; fix it there or remove it.`,
  );
  const r = await runCli(env, ['login', 'default', '--code', '123456']);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /endpoint_url setting of profile default .* is not an http\(s\) URL/);
});
