/**
 * Issue 19 on Windows' own Node over real named pipes: the CLI trusts only an app that proves the
 * per-start key from the key file, so a squatter at any pipe name the client might use (the one in
 * a stale key file; the name protocol 1 computed from public facts) is never trusted, and a server
 * with the wrong key is refused. Wine has one user and no pipe ACLs: this is the protocol, not the
 * DACL (docs/manual-check.md has the two-user check for real Windows).
 */
import assert from 'node:assert/strict';
import { createHash, createHmac, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { ask, askApp } from '../../../main/core/renew/agent-client';
import { AgentServer } from '../../../main/core/renew/agent-server';
import { agentEndpoint, type AgentEndpoint } from '../../../main/core/renew/endpoint';
import { PROTOCOL_VERSION, type Reply, type Request } from '../../../main/core/renew/protocol';
import { closeServer, listenAt } from '../../helpers/line-server';
import { CLI, run, tempDir, winTest, winWorld } from '../support/lane';

const request: Request = { v: PROTOCOL_VERSION, type: 'renew', profile: 'default', target: 'mfa', asker: { command: 'credential-process', program: 'aws.exe' } };
const creds = { Version: 1, AccessKeyId: 'ASIAATTACKERATTACK00', SecretAccessKey: 'a'.repeat(40), SessionToken: 'evil', Expiration: '2099-01-01T00:00:00Z' };
const login = { profile: 'default', target: 'mfa', serial: 'arn:aws:iam::123456789012:mfa/alice', expiration: creds.Expiration };
const ok = (): Promise<Reply> => Promise.resolve({ v: PROTOCOL_VERSION, ok: true });

async function serve(address: string, answer: (line: string) => string): Promise<{ server: Server; asked: () => number }> {
  let asked = 0;
  const server = await listenAt(address, (line, s) => {
    asked++;
    s.end(answer(line));
  });
  return { server, asked: () => asked };
}
const stop = closeServer;

/** The key file an app left when it was killed: its pipe name is free for anyone who lists pipes. */
async function staleKeyFile(ep: AgentEndpoint): Promise<{ address: string; key: Buffer }> {
  const app = await AgentServer.start(ep, ok);
  const text = readFileSync(ep.keyFile, 'utf8');
  await app.close();
  writeFileSync(ep.keyFile, text);
  const k = JSON.parse(text) as { address: string; key: string };
  return { address: k.address, key: Buffer.from(k.key, 'base64url') };
}

winTest('the app listens on a random pipe named in its key file; a request proven by the key crosses it', async () => {
  const ep = agentEndpoint(tempDir('trust-pipe'), 'win32');
  const seen: Request[] = [];
  const app = await AgentServer.start(ep, (r) => {
    seen.push(r);
    return Promise.resolve<Reply>({ v: PROTOCOL_VERSION, ok: true, credentials: { ...creds, AccessKeyId: 'ASIAWINDOWSLANE00001', Version: 1 } });
  });
  try {
    assert.match(app.place.address, /^\\\\\.\\pipe\\aws-mfa-tray-[0-9a-f]{24}$/);
    const key = JSON.parse(readFileSync(ep.keyFile, 'utf8')) as { v: number; address: string };
    assert.equal(key.v, 2);
    assert.equal(key.address, app.place.address);
    const reply = await askApp(ep, request, { timeoutMs: 10_000 });
    assert.equal(reply?.ok && reply.credentials?.AccessKeyId, 'ASIAWINDOWSLANE00001');
    assert.deepEqual(seen, [request]);
  } finally {
    await app.close();
  }
});

winTest('a squatter at the pipe of a stale key file is never trusted, whatever it answers', async () => {
  const ep = agentEndpoint(tempDir('trust-squat'), 'win32');
  const { address } = await staleKeyFile(ep);
  for (const line of [
    JSON.stringify({ v: 1, ok: true, login, credentials: creds }),
    JSON.stringify({ v: 2, ok: true, login, credentials: creds }),
    JSON.stringify({ v: 2, body: JSON.stringify({ v: 2, ok: true, login, credentials: creds }), mac: '0'.repeat(64) }),
  ]) {
    const squatter = await serve(address, () => `${line}\n`);
    try {
      const answer = await ask(ep, request, { timeoutMs: 10_000 });
      assert.equal(squatter.asked(), 1);
      assert.equal(answer.kind, 'refused', line);
      assert.match(answer.kind === 'refused' ? answer.why.en : '', /without proving the key of your aws-mfa-tray app, so it is not trusted/);
    } finally {
      await stop(squatter.server);
    }
  }
});

winTest('a squatter at the name protocol 1 computed (a hash of user and folder) is never even asked', async () => {
  const settings = tempDir('trust-v1');
  const v1 = `\\\\.\\pipe\\aws-mfa-tray-${createHash('sha256').update(`${os.userInfo().username}\0${path.resolve(settings)}`).digest('hex').slice(0, 16)}`;
  const squatter = await serve(v1, () => `${JSON.stringify({ v: 1, ok: true, login, credentials: creds })}\n`);
  try {
    assert.deepEqual(await ask(agentEndpoint(settings, 'win32'), request, { timeoutMs: 10_000 }), { kind: 'none' });
    assert.equal(squatter.asked(), 0);
  } finally {
    await stop(squatter.server);
  }
});

winTest('a server with the wrong key is refused; the right key over this nonce is trusted', async () => {
  const ep = agentEndpoint(tempDir('trust-key'), 'win32');
  const { address, key } = await staleKeyFile(ep);
  const body = JSON.stringify({ v: 2, ok: true, login, credentials: creds });
  let useKey: Buffer = randomBytes(32);
  const server = await serve(address, (line) => {
    const nonce = (JSON.parse(line) as { nonce: string }).nonce;
    const mac = createHmac('sha256', useKey).update(`aws-mfa-tray reply\0${nonce}\0${body}`).digest('hex');
    return `${JSON.stringify({ v: 2, body, mac })}\n`;
  });
  try {
    assert.equal((await ask(ep, request, { timeoutMs: 10_000 })).kind, 'refused');
    useKey = key;
    assert.equal((await ask(ep, request, { timeoutMs: 10_000 })).kind, 'reply');
  } finally {
    await stop(server.server);
  }
});

winTest("credential-process with a squatter at the app's pipe prints no credentials and says why", async () => {
  const w = winWorld('trust-cli');
  mkdirSync(path.dirname(w.credentials), { recursive: true });
  writeFileSync(w.credentials, `[mfa]\naws_access_key_id = ASIAEXPIREDEXPIRED00\naws_secret_access_key = ${'e'.repeat(40)}\naws_session_token = old\naws_credential_expiration = 2020-01-01T00:00:00Z\n`);
  writeFileSync(w.config, '[default]\nmfa_serial = arn:aws:iam::123456789012:mfa/alice\n');
  const ep = agentEndpoint(w.settings, 'win32');
  const { address } = await staleKeyFile(ep);
  const squatter = await serve(address, () => `${JSON.stringify({ v: 1, ok: true, login, credentials: creds })}\n`);
  try {
    const r = await run(process.execPath, [CLI, 'credential-process', 'mfa'], w.env);
    assert.equal(squatter.asked(), 1);
    assert.equal(r.code, 1, r.stderr);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /^Something answered at \\\\\.\\pipe\\aws-mfa-tray-[0-9a-f]{24} without proving the key of your aws-mfa-tray app, so it is not trusted/);
  } finally {
    await stop(squatter.server);
  }
});
