/**
 * A corporate network on loopback: a private CA (the company's TLS-inspection CA), the STS/IAM
 * emulator serving HTTPS with a certificate from it for AWS's real host names, and a CONNECT proxy
 * that tunnels those names to the emulator and refuses every other host after recording it. The
 * real SDK resolves real endpoints; the proxy's record shows which host it chose.
 */
import { randomBytes } from 'node:crypto';
import type { PlatformNetwork } from '../../main/core/network/network-config';
import { MfaService } from '../../main/core/session';
import { AwsGateway } from '../../main/core/sts';
import { createWorld, type World } from './world';
import { ConnectProxy } from './connect-proxy';
import { TestPki, type TestCa } from './test-pki';

/** Hosts the proxy tunnels to the emulator; every other host it refuses. */
export const ROUTED_HOSTS = ['sts.us-east-1.amazonaws.com', 'iam.amazonaws.com', 'sts.us-gov-west-1.amazonaws.com', 'iam.us-gov.amazonaws.com'];

export interface CorporateNetwork {
  pki: TestPki;
  /** The company CA that signed the emulator's certificate. */
  ca: TestCa;
  proxy: ConnectProxy;
  world: World;
  /** The world's environment without endpoint overrides: the SDK picks AWS's own endpoints. */
  env: NodeJS.ProcessEnv;
  /** A GovCloud user (device arn:aws-us-gov:...), in the same emulator. */
  gov: { accessKeyId: string; secretAccessKey: string; serial: string };
  /** An MfaService over the world's files and keychain with this environment (and the app's OS proxy, if given). */
  service(env: NodeJS.ProcessEnv, timeoutMs?: number, platform?: PlatformNetwork): MfaService;
  close(): Promise<void>;
}

export async function corporateNetwork(caName = 'Example Corp TLS Inspection CA'): Promise<CorporateNetwork> {
  const pki = new TestPki();
  const ca = pki.ca(caName);
  const world = await createWorld({ tls: pki.serverCert(ca, [...ROUTED_HOSTS, 'localhost', '127.0.0.1']) });
  const proxy = await ConnectProxy.start();
  for (const h of ROUTED_HOSTS) proxy.routes.set(`${h}:443`, world.emulator.port());
  const env = { ...world.env };
  delete env.AWS_ENDPOINT_URL_STS;
  delete env.AWS_ENDPOINT_URL_IAM;
  delete env.AWS_REGION; // the profile's region decides, as for a user
  const account = '210987654321';
  const govUser = world.emulator.addUser({
    userName: `gov-${randomBytes(3).toString('hex')}`,
    accountId: account,
    devices: [{ serial: `arn:aws-us-gov:iam::${account}:mfa/gov-alice` }],
  });
  const gateways: AwsGateway[] = [];
  return {
    pki,
    ca,
    proxy,
    world,
    env,
    gov: { accessKeyId: govUser.accessKeyId, secretAccessKey: govUser.secretAccessKey, serial: govUser.devices[0]!.serial },
    service(e, timeoutMs = 5000, platform) {
      const aws = new AwsGateway({ env: e, timeoutMs, ...(platform ? { platform } : {}) });
      gateways.push(aws);
      return new MfaService({ paths: world.paths, keychain: world.keychain, aws, settings: world.settings, env: e });
    },
    async close() {
      for (const g of gateways) g.destroy();
      await proxy.stop();
      await world.close();
      pki.cleanup();
    },
  };
}
