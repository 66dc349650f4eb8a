/**
 * Child of test/integration/keychain-restart.test.ts, run inside a keyring of its own: uses one
 * KeytarKeychain before and after the Secret Service daemon is killed and started again, as a
 * long-running process would, and prints what each call gave.
 */
import { readFileSync } from 'node:fs';
import { KeytarKeychain } from '../../main/core/keychain';

const keys = (n: string) => ({ accessKeyId: `AKIA${n.repeat(16)}`, secretAccessKey: n.repeat(40) });
const state = process.env.AWS_MFA_TRAY_KEYRING_STATE!;
const pid = (): number => Number(readFileSync(`${state}/pid`, 'utf8').trim());
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const out = (what: string, v: unknown) => console.log(`${what}: ${JSON.stringify(v)}`);

async function main(): Promise<void> {
  const k = new KeytarKeychain('keychain-restart-test', 'linux');
  await k.set('one', keys('A'));
  out('before', (await k.get('one'))?.accessKeyId);
  const first = pid();
  process.kill(first, 'SIGKILL');
  for (let i = 0; i < 200 && pid() === first; i++) await sleep(25);
  await sleep(300); // the new daemon owns the name and is unlocked
  out('get after restart', (await k.get('one'))?.accessKeyId);
  await k.set('two', keys('B'));
  out('set after restart', (await k.get('two'))?.accessKeyId);
  out('list', (await k.list()).map((p) => p.profile));
  out('remove', await k.remove('one'));
  out('get removed', await k.get('one'));
}

main().catch((e: unknown) => {
  console.log(`failed: ${e instanceof Error ? e.message : String(e)}`);
  process.exitCode = 1;
});
