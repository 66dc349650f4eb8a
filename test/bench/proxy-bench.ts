/**
 * e. Login behind a corporate proxy over TLS, cold CLI: `aws-mfa-tray login` through a CONNECT
 *    proxy to the emulator serving HTTPS under AWS's host name, trusting a private CA from
 *    AWS_CA_BUNDLE; beside `aws sts get-session-token` through the same proxy with the same CA.
 *    Both cold processes, the Node on PATH, the same loopback network.
 */
import { execFile, spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { promisify } from 'node:util';
import { BIN } from '../helpers/cli';
import { corporateNetwork } from '../helpers/corporate-network';
import { median } from './stats';

const run = promisify(execFile);

export interface ProxyLoginFigures {
  runs: number;
  oursMedianMs: number;
  awsMedianMs: number | null;
  awsVersion: string | null;
  ratio: number | null;
  /** CONNECTs the proxy saw per login of ours (1 expected). */
  tunnelsPerLogin: number;
}

export async function benchProxyLogin(runs = 15): Promise<ProxyLoginFigures> {
  const net = await corporateNetwork();
  try {
    const serial = net.world.user.devices[0]!.serial;
    await net.world.storeKeys('default');
    net.world.writeConfig(`[default]\nregion = us-east-1\nmfa_serial = ${serial}\n`);
    const env = { ...net.env, HTTPS_PROXY: net.proxy.url(), AWS_CA_BUNDLE: net.ca.file };
    const ours: number[] = [];
    const mark = net.proxy.records.length;
    for (let i = 0; i < runs; i++) {
      const code = net.world.emulator.nextFreshCode(serial);
      const t = performance.now();
      await run(process.execPath, [BIN, 'login', 'default', '--code', code], { env });
      ours.push(performance.now() - t);
    }
    const tunnelsPerLogin = (net.proxy.records.length - mark) / runs;

    const v = spawnSync('aws', ['--version'], { encoding: 'utf8' });
    const awsVersion = v.status === 0 ? (v.stdout || v.stderr).trim() : null;
    const theirs: number[] = [];
    if (awsVersion) {
      const awsEnv = {
        ...env,
        AWS_ACCESS_KEY_ID: net.world.user.accessKeyId,
        AWS_SECRET_ACCESS_KEY: net.world.user.secretAccessKey,
        AWS_SHARED_CREDENTIALS_FILE: path.join(net.world.home, 'aws-cli-credentials'),
        AWS_PAGER: '',
      };
      for (let i = 0; i < runs; i++) {
        const code = net.world.emulator.nextFreshCode(serial);
        const t = performance.now();
        await run('aws', ['sts', 'get-session-token', '--serial-number', serial, '--token-code', code, '--output', 'json'], { env: awsEnv });
        theirs.push(performance.now() - t);
      }
    }
    const o = median(ours);
    const a = theirs.length ? median(theirs) : null;
    return { runs, oursMedianMs: o, awsMedianMs: a, awsVersion, ratio: a === null ? null : a / o, tunnelsPerLogin };
  } finally {
    await net.close();
  }
}
