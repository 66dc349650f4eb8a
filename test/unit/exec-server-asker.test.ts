/** The tray popup and terminal name the program behind exec --server and console sign-in; the socket protocol accepts them. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { askerText } from '../../main/core/renew/asker-text';
import { parseRequest } from '../../main/core/renew/protocol';

test('exec --server: "terraform, through exec --server"; console: "console sign-in"', () => {
  assert.equal(askerText({ command: 'exec-server', program: 'terraform' }, 'mfa', 'en'), 'terraform, through exec --server with profile mfa');
  assert.equal(askerText({ command: 'exec-server' }, 'mfa', 'en'), 'exec --server with profile mfa');
  assert.equal(askerText({ command: 'exec-server', program: 'terraform' }, 'mfa', 'ja'), 'exec --server 経由の terraform（プロファイル mfa）');
  assert.equal(askerText({ command: 'console' }, 'mfa', 'en'), 'console sign-in from profile mfa');
  assert.equal(askerText({ command: 'console' }, 'mfa', 'ja'), 'プロファイル mfa からのコンソールへのサインイン');
});

test('the tray app accepts requests from exec --server and console over its socket', () => {
  const askerOf = (line: string) => {
    const req = parseRequest(line);
    assert.equal(req.type, 'renew');
    return req.type === 'renew' ? req.asker : undefined;
  };
  assert.deepEqual(askerOf('{"v":2,"type":"renew","profile":"default","target":"mfa","asker":{"command":"exec-server","program":"terraform"}}'), { command: 'exec-server', program: 'terraform' });
  assert.deepEqual(askerOf('{"v":2,"type":"renew","profile":"default","target":"mfa","asker":{"command":"console"}}'), { command: 'console' });
});
