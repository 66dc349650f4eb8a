/**
 * The declared minimum is Node 22.13 (engines), but bin/aws-mfa-tray runs on whatever `node` is first on a
 * user's PATH: on an older Node it still works and prints no runtime warning (the AWS SDK's
 * Node-version notice included); it is only slower (npm run bench shows by how much). Runs with the
 * first node on PATH outside node_modules when that is not the Node running the tests.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runtimes } from '../bench/runtimes';
import { BIN, runProcess } from '../helpers/cli';
import { worldSuite } from '../helpers/world';

const other = runtimes()[1];
const w = worldSuite({ defaultProfile: true });

test(`the command on the PATH node (${other ? `${other.node} ${other.version}` : 'none other than the test Node'}): works, and nothing but its output`, { skip: !other && 'no other node on PATH' }, async () => {
  const node = other!.node;
  const serial = w.serial;
  for (const args of [['--help'], ['status'], ['login', 'default', '--code', w.emulator.nextFreshCode(serial)], ['status', '--json'], ['credential-process', 'mfa']]) {
    const r = await runProcess(node, [BIN, ...args], { env: w.env });
    assert.equal(r.code, 0, `${args.join(' ')}: ${r.stderr}`);
    assert.equal(r.stderr, '', `${args.join(' ')} printed on stderr`);
  }
});
