/**
 * The Windows proxy settings read through reg.exe (wine's own), as the CLI does on Windows: the
 * Internet Settings key written with `reg add`, read back by readOsProxy, and the routes botocore
 * would take.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { after, before } from 'node:test';
import { INTERNET_SETTINGS_KEY } from '../../../main/core/network/os-proxy-win32';
import { osRoutes, readOsProxy, systemResolver } from '../../../main/core/network/os-proxy';
import { winTest } from '../support/lane';

const reg = (...args: string[]): string => execFileSync(`${process.env.SystemRoot ?? 'C:\\windows'}\\system32\\reg.exe`, args, { encoding: 'utf8', windowsHide: true });
const set = (name: string, type: string, data: string): void => void reg('add', INTERNET_SETTINGS_KEY, '/v', name, '/t', type, '/d', data, '/f');
const unset = (name: string): void => {
  try {
    reg('delete', INTERNET_SETTINGS_KEY, '/v', name, '/f');
  } catch {
    // not there
  }
};
const NAMES = ['ProxyEnable', 'ProxyServer', 'ProxyOverride'];

before(() => NAMES.forEach(unset));
after(() => NAMES.forEach(unset));

winTest('no proxy in the registry: no proxies, every route direct', async () => {
  const os = await readOsProxy({ os: 'win32', env: process.env });
  assert.ok(os, 'reg.exe could not be run');
  assert.deepEqual(os.proxies, {});
  assert.deepEqual(await osRoutes(new URL('https://sts.amazonaws.com/'), os, systemResolver), [{ kind: 'direct' }]);
});

winTest('a per-scheme ProxyServer with ProxyEnable=1 is read from reg.exe; ProxyOverride and <local> bypass', async () => {
  set('ProxyEnable', 'REG_DWORD', '1');
  set('ProxyServer', 'REG_SZ', 'http=proxy.corp.example:8080;https=proxy.corp.example:8443');
  set('ProxyOverride', 'REG_SZ', '*.internal.example;<local>');
  const os = await readOsProxy({ os: 'win32', env: process.env });
  assert.ok(os);
  assert.equal(os.source, 'the Windows proxy settings');
  assert.deepEqual(os.proxies, { http: 'http://proxy.corp.example:8080', https: 'http://proxy.corp.example:8443' });
  const via = await osRoutes(new URL('https://sts.amazonaws.com/'), os, systemResolver);
  assert.equal(via.length, 1);
  assert.equal(via[0]!.kind, 'proxy');
  assert.match(JSON.stringify(via[0]), /proxy\.corp\.example:8443/);
  assert.deepEqual(await osRoutes(new URL('https://sts.internal.example/'), os, systemResolver), [{ kind: 'direct' }]);
  assert.deepEqual(await osRoutes(new URL('https://intranet/'), os, systemResolver), [{ kind: 'direct' }], '<local>: a name without a dot');
});

winTest('ProxyEnable=0 switches the proxy off whatever ProxyServer says', async () => {
  set('ProxyEnable', 'REG_DWORD', '0');
  set('ProxyServer', 'REG_SZ', 'proxy.corp.example:8080');
  const os = await readOsProxy({ os: 'win32', env: process.env });
  assert.deepEqual(os?.proxies, {});
});
