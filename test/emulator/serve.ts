/**
 * Runs the emulator as a process for demos and manual tries:
 *   npx node --import tsx test/emulator/serve.ts [--port 4599] [--keys-file FILE] [--user demo] [--allow-code-reuse]
 * Prints the URL, the access key ID, the MFA serial and each new code. The secret access key
 * (and the TOTP seed) go only to the keys file (mode 0600), never to stdout.
 */
import { chmodSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { startEmulator } from './index';

export interface EmulatorKeysFile {
  url: string;
  userName: string;
  accountId: string;
  accessKeyId: string;
  secretAccessKey: string;
  serial: string;
  seedBase32: string;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '0' },
      'keys-file': { type: 'string', default: join(tmpdir(), 'aws-mfa-tray-emulator.json') },
      user: { type: 'string', default: 'demo' },
      'allow-code-reuse': { type: 'boolean', default: false },
    },
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be 0..65535, not ${values.port}`);
  const emu = await startEmulator({ port });
  emu.allowCodeReuse = values['allow-code-reuse'];
  const user = emu.addUser({ userName: values.user });
  const device = user.devices[0]!;
  const file: EmulatorKeysFile = {
    url: emu.url,
    userName: user.userName,
    accountId: user.accountId,
    accessKeyId: user.accessKeyId,
    secretAccessKey: user.secretAccessKey,
    serial: device.serial,
    seedBase32: device.seedBase32,
  };
  writeFileSync(values['keys-file'], `${JSON.stringify(file, null, 2)}\n`, { mode: 0o600 });
  chmodSync(values['keys-file'], 0o600); // mode above applies only to a new file
  console.log(`STS/IAM emulator listening on ${emu.url}`);
  console.log(`  AWS_ENDPOINT_URL_STS=${emu.url} AWS_ENDPOINT_URL_IAM=${emu.url}`);
  console.log(`  user ${user.userName}, access key ID ${user.accessKeyId}, MFA serial ${device.serial}`);
  console.log(`  secret access key and TOTP seed: ${values['keys-file']}`);

  // One line per new code, printed right when the 30 s step changes.
  let last = '';
  const tick = (): void => {
    const code = emu.totp(device.serial);
    if (code !== last) {
      last = code;
      console.log(`code ${code}`);
    }
    timer = setTimeout(tick, 30_000 - (emu.now() % 30_000) + 5);
  };
  let timer: NodeJS.Timeout = setTimeout(tick, 0);

  const stop = (): void => {
    clearTimeout(timer);
    void emu.stop().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : String(e));
  process.exit(1);
});
