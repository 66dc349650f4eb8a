/**
 * main/cli/lazy-crc32.ts stands in for the SDK's Crc32Node in dist/aws.js (scripts/build.mjs): it
 * must give the same checksums as zlib and as the SDK's own classes. That a login with it loads no
 * node:zlib is checked on the built bundle (cli-login-timeline.test.ts): here the SDK's CommonJS
 * checksum module, imported for comparison, loads zlib itself.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { test } from 'node:test';
import { crc32 } from 'node:zlib';
import { Crc32 as SdkCrc32, Crc32Js } from '@smithy/core/checksum';
import { Crc32Node } from '../../main/cli/lazy-crc32';

test('the same CRC-32 as zlib and the SDK: the check value, chunked updates, reset, the big-endian digest', async () => {
  const c = new Crc32Node();
  assert.equal(c.digestLength, 4);
  c.update(Buffer.from('123456789'));
  assert.equal(c.digestSync(), 0xcbf43926);
  assert.deepEqual(await c.digest(), new Uint8Array([0xcb, 0xf4, 0x39, 0x26]));
  c.reset();
  assert.equal(c.digestSync(), 0);
  const data = randomBytes(100_003);
  const sdk = new SdkCrc32();
  const js = new Crc32Js();
  for (let off = 0; off < data.length; off += 7919) {
    const part = data.subarray(off, off + 7919);
    c.update(part);
    sdk.update(part);
    js.update(part);
  }
  assert.equal(c.digestSync(), crc32(data));
  assert.equal(c.digestSync(), sdk.digestSync());
  assert.deepEqual(await c.digest(), await js.digest());
});
