// Runs every test file under a private D-Bus session with an unlocked gnome-keyring, so keytar
// talks to a real Secret Service. Extra arguments narrow the run: node scripts/run-tests.mjs test/unit
import { spawnSync } from 'node:child_process';

const args = process.argv.slice(2);
const patterns = args.length ? args.map((a) => (a.endsWith('.ts') ? a : `${a.replace(/\/$/, '')}/**/*.test.ts`)) : ['test/**/*.test.ts'];
const r = spawnSync(
  'scripts/with-keyring.sh',
  [process.execPath, '--import', 'tsx', '--test', '--test-concurrency=2', '--test-reporter=spec', ...patterns],
  { stdio: 'inherit', env: { ...process.env, AWS_MFA_TRAY_TEST: '1' } },
);
process.exit(r.status ?? 1);
