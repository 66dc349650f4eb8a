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
