/**
 * The renew agent on Windows: the app's server and the CLI's client over a real named pipe
 * (\\.\pipe\aws-mfa-tray-<random>, named in the key file), not a Unix socket. Wine has one user, so nothing here shows that
 * another user is kept out of the pipe (test/windows/README.md).
 */
import assert from 'node:assert/strict';
import { agentEndpoint } from '../../../main/core/renew/endpoint';
import { askApp } from '../../../main/core/renew/agent-client';
import { AgentServer } from '../../../main/core/renew/agent-server';
import { PROTOCOL_VERSION, type Reply, type Request } from '../../../main/core/renew/protocol';
import { tempDir, UNDER_WINE, winTest } from '../support/lane';

const request: Request = { v: PROTOCOL_VERSION, type: 'renew', profile: 'default', target: 'mfa', asker: { command: 'credential-process', program: 'aws.exe' } };

winTest('the endpoint is a named pipe with a new random name at each start, recorded in the settings folder of the app and the CLI', async () => {
  const a = tempDir('pipe-a');
  const ep = agentEndpoint(a, 'win32');
  assert.equal(agentEndpoint(`${a}\\`, 'win32').keyFile, ep.keyFile, 'a trailing backslash names the same folder');
  const names: string[] = [];
  for (let i = 0; i < 2; i++) {
    const server = await AgentServer.start(ep, () => Promise.resolve<Reply>({ v: PROTOCOL_VERSION, ok: true }));
    assert.match(server.place.address, /^\\\\\.\\pipe\\aws-mfa-tray-[0-9a-f]{24}$/);
    assert.equal(server.place.dir, null);
    names.push(server.place.address);
    await server.close();
  }
  assert.notEqual(names[0], names[1]);
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

winTest('a second app of the same settings folder does not take over from the first (it proves the key in the key file)', async () => {
  const ep = agentEndpoint(tempDir('pipe-twice'), 'win32');
  const first = await AgentServer.start(ep, () => Promise.resolve<Reply>({ v: PROTOCOL_VERSION, ok: true }));
  try {
    await assert.rejects(AgentServer.start(ep, () => Promise.resolve<Reply>({ v: PROTOCOL_VERSION, ok: true })), /already answering/);
  } finally {
    await first.close();
  }
});

winTest(
  'a name found taken at start is recorded as a squatter, and the app listens at another',
  // libuv creates the first instance with FILE_FLAG_FIRST_PIPE_INSTANCE (deps/uv/src/win/pipe.c) and maps ACCESS_DENIED to EADDRINUSE.
  { skip: UNDER_WINE && 'wine 8.0 does not refuse a second FILE_FLAG_FIRST_PIPE_INSTANCE server: both listens succeed (see test/windows/README.md)' },
  async () => {
    const { createServer } = await import('node:net');
    const ep = agentEndpoint(tempDir('pipe-squat'), 'win32');
    const taken = 'c0ffee'.repeat(4);
    const squatter = createServer((s) => {
      s.on('error', () => undefined);
      s.end('{}\n');
    });
    await new Promise<void>((r) => squatter.listen(`\\\\.\\pipe\\aws-mfa-tray-${taken}`, () => r()));
    const names = [taken, 'beef'.repeat(6)];
    const app = await AgentServer.start(ep, () => Promise.resolve<Reply>({ v: PROTOCOL_VERSION, ok: true }), undefined, { name: () => names.shift()! });
    try {
      assert.deepEqual(app.squatted, [`\\\\.\\pipe\\aws-mfa-tray-${taken}`]);
      assert.ok((await askApp(ep, request, { timeoutMs: 10_000 }))?.ok);
    } finally {
      await app.close();
      await new Promise((r) => squatter.close(r));
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
      const s = connect(server.place.address);
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
