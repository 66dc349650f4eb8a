/** `npm run demo:code`: the demo MFA device's current code, as an authenticator app would show it. */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { totp } from '../test/emulator/totp';

const seedFile = path.resolve(__dirname, '..', '.demo', 'mfa-seed');
let seed: string;
try {
  seed = readFileSync(seedFile, 'utf8').trim();
} catch {
  const ja = /^ja/.test(process.env.LC_ALL || process.env.LC_MESSAGES || process.env.LANG || '');
  console.error(ja ? 'デモが動いていません。先に "npm run demo"（または npm run demo -- --no-app &）を実行してください。' : 'The demo is not running; start it first with "npm run demo" (or npm run demo -- --no-app &).');
  process.exit(1);
}
console.log(totp(seed, Date.now()));
