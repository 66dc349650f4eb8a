// Bundles every entry point with esbuild: one file per process keeps cold start low (the CLI loads
// the SDK from one bundle) and gives the sandboxed preload the single file it needs.
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';

const watch = process.argv.includes('--watch');
rmSync('dist', { recursive: true, force: true });
mkdirSync('dist/renderer', { recursive: true });

const node = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: 'linked',
  // keytar is a native addon; electron is provided by the runtime.
  // kerberos: an optional peer of the proxy agents (Negotiate proxy auth), which we do not use.
  external: ['electron', 'keytar', 'kerberos'],
  // graceful-fs is proper-lockfile's default fs, which we always replace (main/core/file-lock.ts lockFs); loading
  // it patched Node's fs at every start for nothing (about 2-5 ms of a cold login here).
  alias: { 'graceful-fs': 'node:fs' },
  logLevel: 'warning',
};

// The CLI loads the AWS SDK only for commands that call AWS: main/cli/aws-entry.ts (the gateway, with
// the SDK) is its own bundle, dist/aws.js, which dist/cli.js requires when a command needs it. status,
// keys, policy and credential-process on a valid session never parse the SDK. Classes used across
// the two bundles (UserError) are recognised by brand, not identity (main/core/errors.ts).
const awsGatewayApart = {
  name: 'aws-gateway-apart',
  setup(b) {
    b.onResolve({ filter: /^\.\/aws-entry$/ }, () => ({ path: './aws.js', external: true }));
  },
};

// credential-process on a valid session runs before every AWS call of every tool pointed at it:
// dist/cli.js holds only that fast path (main/cli.ts, about 20 KB) and requires the program,
// dist/cli-program.js, for everything else.
const programApart = {
  name: 'program-apart',
  setup(b) {
    b.onResolve({ filter: /^\.\/cli\/run-program$/ }, () => ({ path: './cli-program.js', external: true }));
  },
};

// dist/aws.js holds only what GetSessionToken and ListMFADevices need (checked against the metafile
// in test/packaging/aws-bundle.test.ts): the SDK's ES module builds (module before main), which esbuild
// can prune (the CommonJS ones it cannot); IAMClient and ListMFADevicesCommand imported by name
// (main/core/iam-loader-static.ts); no default credential chain (main/cli/no-default-credentials.ts); and
// node:zlib only when a checksum is asked for (main/cli/lazy-crc32.ts).
const sdkPruned = {
  name: 'sdk-pruned',
  setup(b) {
    b.onResolve({ filter: /^\.\.?\/iam-loader$/ }, (a) => ({ path: path.join(a.resolveDir, `${a.path}-static.ts`) }));
    b.onResolve({ filter: /^@aws-sdk\/credential-provider-node$/ }, () => ({ path: path.resolve('main/cli/no-default-credentials.ts') }));
    // The SDK's CRC-32 class loads node:zlib at bundle load; ours loads it at the first checksum (main/cli/lazy-crc32.ts).
    b.onResolve({ filter: /^\.\/crc32\/Crc32Node$/ }, (a) => (a.importer.includes(`${path.sep}checksum${path.sep}`) ? { path: path.resolve('main/cli/lazy-crc32.ts') } : undefined));
  },
};

await Promise.all([
  build({ ...node, entryPoints: { cli: 'main/cli.ts' }, outdir: 'dist', plugins: [programApart] }),
  build({ ...node, entryPoints: { 'cli-program': 'main/cli/run-program.ts' }, outdir: 'dist', plugins: [awsGatewayApart] }),
  // dynamic-import off: the SDK's `await import("node:http")` (plain-http endpoints) becomes a require; as an
  // ES module import it built node:http's ESM facade, whose getters load Node's bundled undici (~10 ms).
  build({ ...node, entryPoints: { aws: 'main/cli/aws-entry.ts' }, outdir: 'dist', mainFields: ['module', 'main'], supported: { 'dynamic-import': false }, plugins: [sdkPruned], metafile: true }).then((r) =>
    writeFileSync('dist/aws.meta.json', JSON.stringify(r.metafile)),
  ),
  // es2019: Electronegativity's scanner (run over dist in the tests) cannot walk newer syntax such as
  // private class fields; the main process loses nothing measurable by the lowering.
  // main.js only reads the process's facts and starts app.js, which tests start as another OS.
  build({ ...node, target: 'es2019', entryPoints: { main: 'main/app/main.ts', app: 'main/app/start.ts' }, outdir: 'dist' }),
  build({ ...node, entryPoints: { preload: 'preload/preload.ts' }, outdir: 'dist', sourcemap: false }),
  build({
    bundle: true,
    platform: 'browser',
    target: 'chrome120',
    format: 'iife',
    sourcemap: 'linked',
    entryPoints: { popup: 'renderer/popup.ts', settings: 'renderer/settings.ts' },
    outdir: 'dist/renderer',
    logLevel: 'warning',
  }),
]);
for (const f of ['popup.html', 'settings.html', 'style.css']) cpSync(`renderer/${f}`, `dist/renderer/${f}`);
cpSync('assets', 'dist/assets', { recursive: true });
// Beside the bundles, whose __dirname keychain.ts resolves it from: one keytar call in a fresh process.
cpSync('main/core/keytar-child.cjs', 'dist/keytar-child.cjs');
// The man page, from the help text of the program just built (shipped in the npm package).
execFileSync(process.execPath, ['scripts/man.mjs'], { stdio: 'inherit' });
if (watch) console.log('built');
