/**
 * Reading the OS's proxy settings from what the tools print: `scutil --proxy` on macOS and
 * `reg query` on Windows, as they really look (top-level values only, per-interface copies and
 * subkeys ignored), what CPython's _scproxy makes of the dictionary, and the reading itself: a
 * missing or failing tool means no proxy, never a crash, and the test seam is closed outside tests.
 */
import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { parseScutilProxy, scproxyProxies, scproxySettings } from '../../main/core/network/os-proxy-darwin';
import { parseRegQuery, registryProxies } from '../../main/core/network/os-proxy-win32';
import { cliOsNetwork, darwinProxy, readOsProxy, win32Proxy } from '../../main/core/network/os-proxy';

// A Mac with a manual web and secure web proxy, the default bypass list plus a company domain.
const SCUTIL_MANUAL = `<dictionary> {
  ExceptionsList : <array> {
    0 : *.local
    1 : 169.254/16
    2 : *.corp.example
  }
  ExcludeSimpleHostnames : 1
  FTPPassive : 1
  HTTPEnable : 1
  HTTPPort : 3128
  HTTPProxy : proxy.corp.example
  HTTPSEnable : 1
  HTTPSPort : 3129
  HTTPSProxy : proxy.corp.example
  ProxyAutoConfigEnable : 0
  SOCKSEnable : 0
  __SCOPED__ : <dictionary> {
    en0 : <dictionary> {
      ExceptionsList : <array> {
        0 : example.org
      }
      HTTPSEnable : 1
      HTTPSPort : 9999
      HTTPSProxy : scoped.invalid
    }
  }
}
`;
// A Mac with only a PAC file (which botocore ignores) and one with nothing set.
const SCUTIL_PAC = `<dictionary> {
  ExceptionsList : <array> {
    0 : *.local
    1 : 169.254/16
  }
  FTPPassive : 1
  ProxyAutoConfigEnable : 1
  ProxyAutoConfigURLString : http://wpad.corp.example/proxy.pac
  ProxyAutoDiscoveryEnable : 1
}
`;
const SCUTIL_NONE = '<dictionary> {\n  ExceptionsList : <array> {\n    0 : *.local\n    1 : 169.254/16\n  }\n  FTPPassive : 1\n}\n';

// reg.exe: CRLF, a blank line first, the key, its values in four-space columns, then subkey names.
const KEY = 'HKEY_CURRENT_USER\\Software\\Microsoft\\Windows\\CurrentVersion\\Internet Settings';
const REG_MANUAL = [
  '',
  KEY,
  '    User Agent    REG_SZ    Mozilla/4.0 (compatible; MSIE 8.0; Win32)',
  '    IE5_UA_Backup_Flag    REG_SZ    5.0',
  '    ZonesSecurityUpgrade    REG_BINARY    28A1F0E55A17D901',
  '    EnableNegotiate    REG_DWORD    0x1',
  '    ProxyEnable    REG_DWORD    0x1',
  '    MigrateProxy    REG_DWORD    0x1',
  '    ProxyServer    REG_SZ    http=proxy.corp.example:8080;https=proxy.corp.example:8443;ftp=proxy.corp.example:2121',
  '    ProxyOverride    REG_SZ    *.corp.example;10.*;<local>',
  '    AutoConfigURL    REG_SZ    http://wpad.corp.example/proxy.pac',
  '',
  `${KEY}\\5.0`,
  `${KEY}\\Connections`,
  `${KEY}\\ZoneMap`,
  '',
].join('\r\n');
const REG_OFF = ['', KEY, '    ProxyEnable    REG_DWORD    0x0', '    ProxyServer    REG_SZ    proxy.corp.example:8080', '    ProxyOverride    REG_SZ    ', '', `${KEY}\\Connections`, ''].join('\r\n');

test('scutil --proxy: the top-level dictionary counts, not the per-interface copies', () => {
  const dict = parseScutilProxy(SCUTIL_MANUAL)!;
  assert.equal(dict.HTTPSProxy, 'proxy.corp.example');
  assert.deepEqual(dict.ExceptionsList, ['*.local', '169.254/16', '*.corp.example']);
  assert.deepEqual(scproxySettings(dict), { excludeSimple: true, exceptions: ['*.local', '169.254/16', '*.corp.example'] });
  assert.deepEqual(darwinProxy(SCUTIL_MANUAL)!.proxies, { http: 'http://proxy.corp.example:3128', https: 'http://proxy.corp.example:3129' });
  assert.deepEqual(darwinProxy(SCUTIL_PAC)!.proxies, {});
  assert.deepEqual(darwinProxy(SCUTIL_NONE)!.proxies, {});
  assert.deepEqual(scproxySettings(parseScutilProxy(SCUTIL_NONE)!), { excludeSimple: false, exceptions: ['*.local', '169.254/16'] });
  assert.equal(parseScutilProxy('  No proxy configuration available\n'), null);
  assert.equal(parseScutilProxy(''), null);
});

test("_scproxy's proxies (CPython Modules/_scproxy.c set_proxy): http:// always, the port whenever the key exists", () => {
  // set_proxy: `if (aNum && cfnum_to_int32(aNum))` enabled, `if (hostString)` a host, then
  // PyUnicode_FromFormat("http://%U:%ld") when the Port key exists, else "http://%U".
  assert.deepEqual(scproxyProxies({ HTTPSEnable: '1', HTTPSProxy: 'p.corp', HTTPSPort: '0' }), { https: 'http://p.corp:0' });
  assert.deepEqual(scproxyProxies({ HTTPSEnable: '1', HTTPSProxy: 'p.corp' }), { https: 'http://p.corp' });
  assert.deepEqual(scproxyProxies({ HTTPSEnable: '0', HTTPSProxy: 'p.corp', HTTPSPort: '1' }), {});
  assert.deepEqual(scproxyProxies({ HTTPSProxy: 'p.corp', HTTPSPort: '1' }), {});
  assert.deepEqual(scproxyProxies({ HTTPSEnable: '1', HTTPSPort: '1' }), {});
  assert.deepEqual(scproxyProxies({ HTTPSEnable: '2', HTTPSProxy: 'p.corp', HTTPSPort: '8443' }), { https: 'http://p.corp:8443' });
  // get_proxies fills http, https, ftp, gopher and socks; botocore only ever looks up http and https.
  assert.deepEqual(scproxyProxies({ FTPEnable: '1', FTPProxy: 'f', FTPPort: '21', GopherEnable: '1', GopherProxy: 'g', SOCKSEnable: '1', SOCKSProxy: 's', SOCKSPort: '1080' }), {
    ftp: 'http://f:21',
    gopher: 'http://g',
    socks: 'http://s:1080',
  });
});

test('reg query: values of the key itself, by name in any case; DWORDs in hex', () => {
  const values = parseRegQuery(REG_MANUAL);
  assert.equal(values.get('proxyenable'), 1);
  assert.equal(values.get('proxyoverride'), '*.corp.example;10.*;<local>');
  assert.equal(values.get('user agent'), 'Mozilla/4.0 (compatible; MSIE 8.0; Win32)');
  assert.deepEqual(win32Proxy(REG_MANUAL).proxies, { http: 'http://proxy.corp.example:8080', https: 'http://proxy.corp.example:8443', ftp: 'http://proxy.corp.example:2121' });
  assert.equal(parseRegQuery(REG_OFF).get('proxyoverride'), '');
  assert.deepEqual(registryProxies(parseRegQuery(REG_OFF)), {});
  assert.deepEqual(registryProxies(parseRegQuery('ERROR: The system was unable to find the specified registry key or value.\r\n')), {});
});

function script(body: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'os-proxy-tool-'));
  const file = path.join(dir, 'tool');
  writeFileSync(file, `#!/bin/sh\n${body}\n`);
  chmodSync(file, 0o755);
  return file;
}

test('a missing or failing tool means no proxy; the tool gets the arguments of scutil and reg', async () => {
  assert.equal(await readOsProxy({ os: 'darwin', tool: '/nonexistent/scutil', env: {} }), null);
  assert.equal(await readOsProxy({ os: 'win32', tool: script('echo oops >&2; exit 1'), env: {} }), null);
  const dir = mkdtempSync(path.join(tmpdir(), 'os-proxy-args-'));
  const args = path.join(dir, 'args');
  const mac = await readOsProxy({ os: 'darwin', tool: script(`echo "$@" > ${args}; cat <<'EOF'\n${SCUTIL_MANUAL}EOF`), env: {} });
  assert.equal(readFileSync(args, 'utf8'), '--proxy\n');
  assert.equal(mac?.proxies.https, 'http://proxy.corp.example:3129');
  const win = await readOsProxy({ os: 'win32', tool: script(`printf '%s\\n' "$@" > ${args}; printf '${REG_MANUAL.replace(/\\/g, '\\\\').replace(/\r\n/g, '\\r\\n').replace(/%/g, '%%')}'`), env: {} });
  assert.equal(readFileSync(args, 'utf8'), `query\n${'HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Internet Settings'}\n`);
  assert.equal(win?.proxies.https, 'http://proxy.corp.example:8443');
});

test('only macOS and Windows read OS settings; the test seam is shut without AWS_MFA_TRAY_TEST=1', () => {
  assert.equal(cliOsNetwork({}, 'linux').osProxy, undefined);
  assert.equal(typeof cliOsNetwork({}, 'darwin').osProxy, 'function');
  assert.equal(typeof cliOsNetwork({}, 'win32').osProxy, 'function');
  assert.equal(cliOsNetwork({ AWS_MFA_TRAY_TEST_OS: 'darwin' }, 'linux').osProxy, undefined);
  assert.equal(typeof cliOsNetwork({ AWS_MFA_TRAY_TEST: '1', AWS_MFA_TRAY_TEST_OS: 'darwin' }, 'linux').osProxy, 'function');
});
