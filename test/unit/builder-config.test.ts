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
  toolsets?: { appimage?: string | null };
}

const ROOT = path.join(import.meta.dirname, '..', '..');
const config = (): BuilderConfig & { mac: { identity?: string | null; hardenedRuntime?: boolean; entitlements?: string; entitlementsInherit?: string } } =>
  yaml.load(fs.readFileSync(path.join(ROOT, 'electron-builder.yml'), 'utf8')) as never;

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
      resetAdHocDarwinSignature: true,
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

test('macOS without a Developer ID: the app is signed ad-hoc (arm64 kills a binary whose fuses were flipped and left unsigned)', () => {
  const c = config();
  // app-builder-lib 26 (out/mac/MacTargetHelper.js findSigningIdentity): only the qualifier "-" yields an
  // identity when no certificate is found; anything else returns null and nothing is signed.
  const helper = fs.readFileSync(require.resolve('app-builder-lib/out/mac/MacTargetHelper.js'), 'utf8');
  assert.match(helper, /if \(qualifier === "-"\)/, 'app-builder-lib no longer special-cases the ad-hoc identity: re-check item 2');
  assert.equal(c.mac.identity, '-');
  // Pull-request builds skip signing altogether: the fuse step must leave a valid ad-hoc signature itself.
  assert.equal(c.electronFuses.resetAdHocDarwinSignature, true);
});

test('hardened runtime with ad-hoc signing: the entitlements in use disable library validation (keytar.node, Electron Framework)', () => {
  const c = config();
  assert.equal(c.mac.hardenedRuntime, true);
  // No entitlements of our own, in the config or as buildResources/entitlements.mac(.inherit).plist: app-builder-lib's template applies.
  assert.equal(c.mac.entitlements, undefined);
  assert.equal(c.mac.entitlementsInherit, undefined);
  assert.ok(!fs.existsSync(path.join(ROOT, 'assets', 'entitlements.mac.plist')) && !fs.existsSync(path.join(ROOT, 'assets', 'entitlements.mac.inherit.plist')));
  const template = fs.readFileSync(path.join(path.dirname(require.resolve('app-builder-lib/package.json')), 'templates', 'entitlements.mac.plist'), 'utf8');
  for (const key of ['com.apple.security.cs.disable-library-validation', 'com.apple.security.cs.allow-jit', 'com.apple.security.cs.allow-unsigned-executable-memory']) {
    assert.match(template, new RegExp(`<key>${key.replace(/\./g, '\\.')}</key>\\s*<true/>`), `the default entitlements lack ${key}`);
  }
});

test('AppImage: the static runtime (no libfuse2 needed), a toolset app-builder-lib knows and can verify', () => {
  const c = config();
  const version = c.toolsets?.appimage;
  assert.ok(version && version !== '0.0.0', 'the legacy FUSE2 runtime does not start on Ubuntu 22.04+ without libfuse2');
  const scheme = JSON.parse(fs.readFileSync(require.resolve('app-builder-lib/scheme.json'), 'utf8')) as { definitions: { ToolsetConfig: { properties: { appimage: { anyOf: { enum?: string[] }[] } } } } };
  assert.ok(scheme.definitions.ToolsetConfig.properties.appimage.anyOf.some((a) => a.enum?.includes(version)), `${version} is not an appimage toolset of this app-builder-lib`);
  const { appimageChecksums } = require('app-builder-lib/out/toolsets/linux') as { appimageChecksums: Record<string, Record<string, string>> };
  assert.ok(appimageChecksums[version], `app-builder-lib has no checksum for the appimage toolset ${version}`);
  // AppImageTarget builds with the static runtime for any toolset but "0.0.0".
  const target = fs.readFileSync(require.resolve('app-builder-lib/out/targets/appimage/AppImageTarget.js'), 'utf8');
  assert.match(target, /appimageTool == null \|\| appimageTool === "0\.0\.0"[\s\S]*buildStaticRuntimeAppImage/);
});
