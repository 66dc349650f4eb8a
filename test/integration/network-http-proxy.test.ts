/**
 * A plain-HTTP endpoint (AWS_ENDPOINT_URL, e.g. a local stand-in for AWS) behind HTTP_PROXY: the
 * request goes to the proxy in absolute form, as botocore sends it; a proxy that wants credentials
 * answers 407 itself, which is one sentence too. NO_PROXY still sends it directly.
 */
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { isUserError } from '../../main/core/errors';
import { MfaService } from '../../main/core/session';
import { AwsGateway } from '../../main/core/sts';
import { worldSuite } from '../helpers/world';
import { ConnectProxy } from '../helpers/connect-proxy';

const w = worldSuite({ defaultProfile: true }, async () => {
  proxy = await ConnectProxy.start();
  target = new URL(w.emulator.url).host;
  proxy.routes.set(target, w.emulator.port());
});
let proxy: ConnectProxy;
let target: string;
const gateways: AwsGateway[] = [];
after(async () => {
  for (const g of gateways) g.destroy();
  await proxy.stop();
});

function service(env: NodeJS.ProcessEnv): MfaService {
  const aws = new AwsGateway({ env, timeoutMs: 3000 });
  gateways.push(aws);
  return new MfaService({ paths: w.paths, keychain: w.keychain, aws, settings: w.settings, env });
}
const code = () => w.emulator.nextFreshCode(w.serial);

test('HTTP_PROXY carries plain-HTTP requests in absolute form; NO_PROXY bypasses it', async () => {
  let mark = proxy.records.length;
  await service({ ...w.env, HTTP_PROXY: proxy.url() }).login({ profile: 'default', code: code() });
  assert.deepEqual(proxy.records.slice(mark).map((r) => [r.method, r.target]), [['POST', target]]);
  // A second login in the same process: not pooled through the proxy, still absolute form.
  const svc = service({ ...w.env, HTTP_PROXY: proxy.url() });
  mark = proxy.records.length;
  await svc.login({ profile: 'default', code: code(), target: 'a' });
  await svc.login({ profile: 'default', code: code(), target: 'b' });
  assert.deepEqual(proxy.records.slice(mark).map((r) => r.method), ['POST', 'POST']);
  mark = proxy.records.length;
  await service({ ...w.env, HTTP_PROXY: proxy.url(), NO_PROXY: '127.0.0.1' }).login({ profile: 'default', code: code() });
  assert.equal(proxy.records.length, mark);
});

test("an HTTP proxy's own 407 is one sentence, and nothing is written", async () => {
  proxy.credentials = 'dave:pw';
  try {
    const before = w.credentialsText();
    await assert.rejects(service({ ...w.env, HTTP_PROXY: proxy.url() }).login({ profile: 'default', code: code() }), (e: unknown) => {
      assert.ok(isUserError(e));
      assert.equal(e.code, 'ProxyAuth');
      assert.equal(e.message, 'The proxy asks for a user name and password; set HTTP_PROXY to http://user:password@host:port (special characters percent-encoded) and try again.');
      return true;
    });
    assert.equal(w.credentialsText(), before);
    await service({ ...w.env, HTTP_PROXY: proxy.url('dave:pw') }).login({ profile: 'default', code: code() });
  } finally {
    proxy.credentials = null;
  }
});
