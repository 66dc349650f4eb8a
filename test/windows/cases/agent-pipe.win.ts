/**
 * The renew agent on Windows: the app's server and the CLI's client over a real named pipe
 * (\\.\pipe\aws-mfa-tray-<digest>), not a Unix socket. Wine has one user, so nothing here shows that
 * another user is kept out of the pipe (test/windows/README.md).
 */
import assert from 'node:assert/strict';
import { agentEndpoint } from '../../../main/core/renew/endpoint';
import { askApp } from '../../../main/core/renew/agent-client';
import { AgentServer } from '../../../main/core/renew/agent-server';
import { PROTOCOL_VERSION, type Reply, type Request } from '../../../main/core/renew/protocol';
import { tempDir, UNDER_WINE, winTest } from '../support/lane';

const request: Request = { v: PROTOCOL_VERSION, type: 'renew', profile: 'default', target: 'mfa', asker: { command: 'credential-process', program: 'aws.exe' } };

winTest('the endpoint is a named pipe, the same for the app and the CLI of one settings folder, another for another folder', () => {
  const a = tempDir('pipe-a');
  const ep = agentEndpoint(a, 'win32');
  assert.match(ep.address, /^\\\\\.\\pipe\\aws-mfa-tray-[0-9a-f]{16}$/);
  assert.equal(ep.dir, null);
  assert.equal(agentEndpoint(`${a}\\`, 'win32').address, ep.address, 'a trailing backslash names the same folder');
  assert.notEqual(agentEndpoint(tempDir('pipe-b'), 'win32').address, ep.address);
});

winTest('a request and its reply cross a real named pipe; the server sees the request as sent', async () => {
  const ep = agentEndpoint(tempDir('pipe'), 'win32');
  const seen: Request[] = [];
  const server = await AgentServer.start(ep, (r) => {
    seen.push(r);
    return Promise.resolve<Reply>({ v: PROTOCOL_VERSION, ok: true, credentials: { Version: 1, AccessKeyId: 'ASIAWINDOWSLANE00001', SecretAccessKey: 'w'.repeat(40), SessionToken: 'tok', Expiration: '2030-01-01T00:00:00Z' } });
  });
  try {
    const reply = await askApp(ep, request, { timeoutMs: 10_000 });
    assert.ok(reply?.ok, JSON.stringify(reply));
    assert.equal(reply.ok && reply.credentials?.AccessKeyId, 'ASIAWINDOWSLANE00001');
    assert.deepEqual(seen, [request]);
  } finally {
    await server.close();
  }
});

winTest(
  'a second app cannot take a pipe that one already serves',
  // libuv creates the first instance with FILE_FLAG_FIRST_PIPE_INSTANCE (deps/uv/src/win/pipe.c) and maps ACCESS_DENIED to EADDRINUSE.
  { skip: UNDER_WINE && 'wine 8.0 does not refuse a second FILE_FLAG_FIRST_PIPE_INSTANCE server: both listens succeed (see test/windows/README.md)' },
  async () => {
    const ep = agentEndpoint(tempDir('pipe-twice'), 'win32');
    const first = await AgentServer.start(ep, () => Promise.resolve<Reply>({ v: PROTOCOL_VERSION, ok: true }));
    try {
      const second = AgentServer.start(ep, () => Promise.resolve<Reply>({ v: PROTOCOL_VERSION, ok: true }));
      await assert.rejects(second, (e: NodeJS.ErrnoException) => e.code === 'EADDRINUSE');
    } finally {
      await first.close();
    }
  },
);

winTest('no app on the pipe, or an app that closed it: the client answers null at once (the next code source is asked)', async () => {
  const ep = agentEndpoint(tempDir('pipe-none'), 'win32');
  const t0 = Date.now();
  assert.equal(await askApp(ep, request, { timeoutMs: 10_000 }), null);
  const server = await AgentServer.start(ep, () => Promise.resolve<Reply>({ v: PROTOCOL_VERSION, ok: true }));
  await server.close();
  assert.equal(await askApp(ep, request, { timeoutMs: 10_000 }), null);
  assert.ok(Date.now() - t0 < 9_000, 'the client waited for its timeout instead of seeing that no one serves the pipe');
});

winTest('a malformed request over the pipe gets the BadRequest reply, and the server keeps serving', async () => {
  const { connect } = await import('node:net');
  const ep = agentEndpoint(tempDir('pipe-bad'), 'win32');
  const server = await AgentServer.start(ep, () => Promise.resolve<Reply>({ v: PROTOCOL_VERSION, ok: true }));
  try {
    const line = await new Promise<string>((resolve, reject) => {
      const s = connect(ep.address);
      let got = '';
      s.setEncoding('utf8');
      s.on('connect', () => s.write('not json\n'));
      s.on('data', (d: string) => (got += d));
      s.on('end', () => resolve(got));
      s.on('error', reject);
    });
    assert.equal((JSON.parse(line) as { error: { code: string } }).error.code, 'BadRequest');
    assert.ok((await askApp(ep, request, { timeoutMs: 10_000 }))?.ok);
  } finally {
    await server.close();
  }
});
