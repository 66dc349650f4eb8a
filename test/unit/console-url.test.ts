/** Console sign-in URLs per partition, the destinations allowed, and the opener command per platform. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { openerCommand } from '../../main/core/browser-open';
import { consoleDestination, consolePartition, federationUrl, loginUrl, signinTokenUrl } from '../../main/core/console-url';
import { roleChain } from '../../main/core/console-signin';

test('each partition has its own federation endpoint and console', () => {
  assert.equal(federationUrl('aws', {}), 'https://signin.aws.amazon.com/federation');
  assert.equal(federationUrl('aws-cn', {}), 'https://signin.amazonaws.cn/federation');
  assert.equal(federationUrl('aws-us-gov', {}), 'https://signin.amazonaws-us-gov.com/federation');
  assert.equal(federationUrl('aws', { AWS_MFA_TRAY_FEDERATION_URL: 'http://127.0.0.1:9/federation' }), 'http://127.0.0.1:9/federation');
  assert.equal(consoleDestination('aws-cn', undefined, 'cn-north-1'), 'https://console.amazonaws.cn/console/home?region=cn-north-1');
  assert.equal(consoleDestination('aws-us-gov', 'ec2', undefined), 'https://console.amazonaws-us-gov.com/ec2/home');
  assert.throws(() => consolePartition('aws-iso', 'arn:aws-iso:iam::123456789012:role/x'), /supports aws, aws-cn and aws-us-gov/);
});

test('destinations: a service, or an https URL of the partition console; nothing else', () => {
  assert.equal(consoleDestination('aws', 'https://eu-west-1.console.aws.amazon.com/s3/', undefined), 'https://eu-west-1.console.aws.amazon.com/s3/');
  for (const bad of ['http://console.aws.amazon.com/', 'https://evilconsole.aws.amazon.com/', 'https://console.amazonaws.cn/', 'javascript:alert(1)', 'S3 bucket']) {
    assert.throws(() => consoleDestination('aws', bad, undefined), { code: 'BadInput', kind: 'usage' }, bad);
  }
});

test('the token request carries the three session values as AWS names them; the login URL encodes the destination', () => {
  const u = new URL(signinTokenUrl('https://signin.aws.amazon.com/federation', { accessKeyId: 'ASIA1', secretAccessKey: 's/+=', sessionToken: 'tok' }));
  assert.equal(u.searchParams.get('Action'), 'getSigninToken');
  assert.deepEqual(JSON.parse(u.searchParams.get('Session')!), { sessionId: 'ASIA1', sessionKey: 's/+=', sessionToken: 'tok' });
  const l = new URL(loginUrl('https://signin.aws.amazon.com/federation', 'T+/', 'https://console.aws.amazon.com/s3/home?region=x&y=1'));
  assert.equal(l.searchParams.get('Destination'), 'https://console.aws.amazon.com/s3/home?region=x&y=1');
  assert.equal(l.searchParams.get('SigninToken'), 'T+/');
});

test('role chains: nearest the session first; loops and dead ends are one sentence', () => {
  const isTarget = (p: string): boolean => p === 'mfa';
  const chain = roleChain({ a: { role_arn: 'arn:aws:iam::1:role/a', source_profile: 'b' }, b: { role_arn: 'arn:aws:iam::1:role/b', source_profile: 'mfa' } }, 'a', isTarget);
  assert.deepEqual(chain.steps.map((s) => s.profile), ['b', 'a']);
  assert.equal(chain.target, 'mfa');
  assert.throws(() => roleChain({ a: { role_arn: 'x', source_profile: 'b' }, b: { role_arn: 'y', source_profile: 'a' } }, 'a', isTarget), /form a loop/);
  assert.throws(() => roleChain({ a: { role_arn: 'x' } }, 'a', isTarget), /has role_arn but no source_profile/);
  assert.throws(() => roleChain({ a: { role_arn: 'x', source_profile: 'default' } }, 'a', isTarget), /ends at profile default, which holds no aws-mfa-tray session/);
});

test('the opener: $BROWSER (with %s), else open, rundll32 or xdg-open; the URL is one argument, never through a shell', () => {
  const url = 'https://x/?a=1&b=2';
  assert.deepEqual(openerCommand(url, {}, 'linux'), ['xdg-open', [url]]);
  assert.deepEqual(openerCommand(url, {}, 'darwin'), ['open', [url]]);
  assert.deepEqual(openerCommand(url, {}, 'win32'), ['rundll32', ['url.dll,FileProtocolHandler', url]]);
  assert.deepEqual(openerCommand(url, { BROWSER: 'firefox --new-tab' }, 'linux'), ['firefox', ['--new-tab', url]]);
  assert.deepEqual(openerCommand(url, { BROWSER: 'chromium --app=%s:lynx' }, 'linux'), ['chromium', [`--app=${url}`]]);
});
