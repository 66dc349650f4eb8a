import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { readSourceProfileConfig } from '../../main/core/aws-config';
import { isUserError } from '../../main/core/errors';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aws-config-'));
after(() => fs.rmSync(dir, { recursive: true, force: true }));
let n = 0;
function files(config: string | null, credentials: string | null): { config: string; credentials: string } {
  const d = path.join(dir, String(n++));
  fs.mkdirSync(d);
  const f = { config: path.join(d, 'config'), credentials: path.join(d, 'credentials') };
  if (config !== null) fs.writeFileSync(f.config, config);
  if (credentials !== null) fs.writeFileSync(f.credentials, credentials);
  return f;
}
const SERIAL = 'arn:aws:iam::123456789012:mfa/alice';

void describe('readSourceProfileConfig', () => {
  void it('reads [profile x] and [default] the way the SDK does, duration_seconds included', async () => {
    const f = files(`[default]\nregion = us-east-1\n[profile work]\nmfa_serial = ${SERIAL}\nregion = eu-west-1\nduration_seconds = 3600\n[plain]\nregion = ap-south-1\n`, null);
    assert.deepEqual(await readSourceProfileConfig(f.config, f.credentials, 'work'), { mfaSerial: SERIAL, region: 'eu-west-1', durationSeconds: 3600 });
    assert.deepEqual(await readSourceProfileConfig(f.config, f.credentials, 'default'), { region: 'us-east-1' });
    // Outside [default], the SDK ignores config sections without the "profile " prefix.
    assert.deepEqual(await readSourceProfileConfig(f.config, f.credentials, 'plain'), {});
  });

  void it('returns {} when the files are missing', async () => {
    const f = files(null, null);
    assert.deepEqual(await readSourceProfileConfig(f.config, f.credentials, 'work'), {});
  });

  void it('merges the credentials file as the SDK does: its mfa_serial wins, the config file region wins', async () => {
    const other = 'arn:aws:iam::123456789012:mfa/bob';
    const f = files(`[profile work]\nmfa_serial = ${SERIAL}\nregion = eu-west-1\n`, `[work]\nmfa_serial = ${other}\nregion = us-west-2\naws_access_key_id = AKIA\n`);
    assert.deepEqual(await readSourceProfileConfig(f.config, f.credentials, 'work'), { mfaSerial: other, region: 'eu-west-1' });
  });

  void it('sees edits made while the app runs (no cache)', async () => {
    const f = files('[profile work]\nregion = eu-west-1\n', null);
    assert.equal((await readSourceProfileConfig(f.config, f.credentials, 'work')).region, 'eu-west-1');
    fs.writeFileSync(f.config, '[profile work]\nregion = eu-central-1\n');
    assert.equal((await readSourceProfileConfig(f.config, f.credentials, 'work')).region, 'eu-central-1');
  });

  const bad: [string, string, RegExp][] = [
    ['duration_seconds out of range', 'duration_seconds = 60', /^The duration_seconds setting of profile work in .*config is not a whole number of seconds from 900 to 129600; fix it there or remove it\.$/],
    ['duration_seconds not a number', 'duration_seconds = 1h', /duration_seconds setting of profile work/],
    ['mfa_serial not an ARN', 'mfa_serial = alice', /^The mfa_serial setting of profile work in .*config is not an MFA device ARN/],
    ['region malformed', 'region = Europe', /^The region setting of profile work in .*config is not a region name/],
  ];
  for (const [name, line, message] of bad) {
    void it(`refuses ${name} with a sentence naming the file`, async () => {
      const f = files(`[profile work]\n${line}\n`, null);
      await assert.rejects(readSourceProfileConfig(f.config, f.credentials, 'work'), (e: unknown) => {
        assert.ok(isUserError(e));
        assert.equal(e.code, 'ConfigFileUnusable');
        assert.match(e.message, message);
        assert.ok(e.message.includes(f.config));
        return true;
      });
    });
  }

  void it('passes on the FIDO refusal for a u2f serial', async () => {
    const f = files('[profile work]\nmfa_serial = arn:aws:iam::123456789012:u2f/user/alice/key-ABC\n', null);
    await assert.rejects(readSourceProfileConfig(f.config, f.credentials, 'work'), (e: unknown) => isUserError(e) && e.code === 'U2fDevice');
  });

  void it('refuses a bad profile name before reading anything', async () => {
    const f = files(null, null);
    await assert.rejects(readSourceProfileConfig(f.config, f.credentials, 'a b'), (e: unknown) => isUserError(e) && e.kind === 'usage');
  });
});
