// Runs every test file; on Linux under a private D-Bus session with an unlocked gnome-keyring, so
// keytar talks to a real Secret Service (macOS and Windows have their keychains already).
// Extra arguments narrow the run: node scripts/run-tests.mjs test/unit
import { spawnSync } from 'node:child_process';

const args = process.argv.slice(2);
const patterns = args.length ? args.map((a) => (a.endsWith('.ts') ? a : `${a.replace(/\/$/, '')}/**/*.test.ts`)) : ['test/**/*.test.ts'];
// A test file whose process never ends (a browser that went away mid-test, a server left open) is
// cancelled and counted as failed after 15 minutes instead of holding the run forever (the whole
// suite takes about 4 minutes on the 2-core build machine).
const node = [process.execPath, '--import', 'tsx', '--test', '--test-concurrency=2', '--test-timeout=900000', '--test-reporter=spec', ...patterns];
const [cmd, ...rest] = process.platform === 'linux' ? ['scripts/with-keyring.sh', ...node] : node;
const r = spawnSync(cmd, rest, { stdio: 'inherit', env: { ...process.env, AWS_MFA_TRAY_TEST: '1' } });
process.exit(r.status ?? 1);
