import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createRequire } from 'node:module';
import { checkBuilderConfig } from '../../scripts/check-builder-config';

const require = createRequire(import.meta.url);
const yaml = require('js-yaml') as { load(s: string): unknown };

interface BuilderConfig {
  asarUnpack: string[];
  mac: { target: string[]; icon: string; extendInfo: { LSUIElement: boolean } };
  win: { target: string[] };
  linux: { target: string[]; category: string };
  electronFuses: Record<string, boolean>;
}

test('electron-builder.yml matches electron-builder 26 schema and sets the hardening we rely on', () => {
  assert.deepEqual(checkBuilderConfig(), []);
  const c = yaml.load(fs.readFileSync(path.join(import.meta.dirname, '..', '..', 'electron-builder.yml'), 'utf8')) as BuilderConfig;
  assert.deepEqual(c.asarUnpack, ['**/node_modules/keytar/**/*.node']);
  assert.equal(c.mac.extendInfo.LSUIElement, true);
  assert.deepEqual(c.linux.target, ['AppImage', 'deb']);
  assert.equal(c.linux.category, 'Utility');
  assert.deepEqual(c.win.target, ['nsis']);
  assert.deepEqual(c.mac.target, ['dmg', 'zip']);
  assert.deepEqual(
    { ...c.electronFuses, grantFileProtocolExtraPrivileges: undefined },
    {
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
      enableCookieEncryption: true,
      grantFileProtocolExtraPrivileges: undefined,
    },
  );
  assert.ok(fs.existsSync(path.join(import.meta.dirname, '..', '..', c.mac.icon)));
});

/** What fpm gets as the deb's dependencies: `deb.depends` when set (it replaces the list), else builder's defaults. */
function effectiveDebDepends(config: { deb?: { depends?: string[] | null }; linux?: { depends?: string[] | null } }): { effective: string[]; defaults: string[] } {
  const FpmTarget = (require('app-builder-lib/out/targets/FpmTarget') as { default: { prototype: { getDefaultDepends(t: string): string[] } } }).default;
  const defaults = FpmTarget.prototype.getDefaultDepends.call(null, 'deb');
  return { effective: config.deb?.depends ?? config.linux?.depends ?? defaults, defaults };
}

test("the deb keeps electron-builder 26's default depends (GTK, NSS, ...) and has libsecret for keytar", () => {
  const c = yaml.load(fs.readFileSync(path.join(import.meta.dirname, '..', '..', 'electron-builder.yml'), 'utf8')) as Parameters<typeof effectiveDebDepends>[0];
  const { effective, defaults } = effectiveDebDepends(c);
  assert.ok(defaults.includes('libgtk-3-0') && defaults.includes('libnss3'), `builder's defaults: ${defaults.join(', ')}`);
  for (const d of defaults) assert.ok(effective.includes(d), `the deb must depend on ${d}, or the app cannot start where it installs`);
  assert.ok(effective.includes('libsecret-1-0'), 'keytar needs libsecret');
  assert.ok(effective.includes('libnotify4'), 'notifications need libnotify');
});
