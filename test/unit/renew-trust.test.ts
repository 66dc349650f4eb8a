/**
 * Issue 19: the CLI trusts only a tray endpoint that proves the per-start key, and the endpoint
 * holds up under abuse. Real sockets in a temp folder. The client's check does not depend on the
 * OS (the key decides, not the name), so a squatter here stands for one on a Windows pipe too.
 */
import assert from 'node:assert/strict';
import { createHmac, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect, createServer, type Socket } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import fc from 'fast-check';
import { ask, askApp } from '../../main/core/renew/agent-client';
import { AgentServer, MAX_CONNECTIONS, REQUEST_LINE_MS } from '../../main/core/renew/agent-server';
import { agentEndpoint, type AgentEndpoint } from '../../main/core/renew/endpoint';
import { PROTOCOL_VERSION, type RenewRequest, type Reply } from '../../main/core/renew/protocol';
import { trayAppSource } from '../../main/core/renew/sources/tray-app';
import type { Sentence } from '../../main/core/errors';
import { closeServer, listenAt } from '../helpers/line-server';

let dir: string;
before(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'renew-trust-'));
});
after(() => rmSync(dir, { recursive: true, force: true }));

let n = 0;
const fresh = (): AgentEndpoint => agentEndpoint(path.join(dir, `s${n++}`));
const creds = { Version: 1 as const, AccessKeyId: 'ASIAATTACKERATTACK00', SecretAccessKey: 'a'.repeat(40), SessionToken: 'evil', Expiration: '2099-01-01T00:00:00Z' };
const renew: RenewRequest = { v: PROTOCOL_VERSION, type: 'renew', profile: 'default', target: 'mfa', asker: { command: 'credential-process' } };
const login = { profile: 'default', target: 'mfa', serial: 'arn:aws:iam::123456789012:mfa/alice', expiration: creds.Expiration };
const codeReq = { profile: 'default', target: 'mfa', asker: { command: 'credential-process' as const } };

/** The key file a real app wrote, then the app gone: its address free for whoever takes it. */
async function staleKeyFile(ep: AgentEndpoint): Promise<{ address: string; key: Buffer }> {
  const app = await AgentServer.start(ep, () => Promise.resolve({ v: PROTOCOL_VERSION, ok: true }));
  const text = readFileSync(ep.keyFile, 'utf8');
  await app.close();
  writeFileSync(ep.keyFile, text, { mode: 0o600 });
  const k = JSON.parse(text) as { address: string; key: string };
  return { address: k.address, key: Buffer.from(k.key, 'base64url') };
}

test('a squatter at the address the key file names is never trusted, whatever it answers; the code source says so in one sentence', async () => {
  const ep = fresh();
  const { address } = await staleKeyFile(ep);
  const answers = [
    JSON.stringify({ v: 1, ok: true, login, credentials: creds }), // protocol 1: what the attack in the issue sent
    JSON.stringify({ v: 2, ok: true, login, credentials: creds }),
    JSON.stringify({ v: 2, body: JSON.stringify({ v: 2, ok: true, login, credentials: creds }), mac: 'f'.repeat(64) }),
    JSON.stringify({ v: 2, body: JSON.stringify({ v: 2, ok: true, login, credentials: creds }) }),
  ];
  for (const line of answers) {
    let asked = 0;
    const squatter = await listenAt(address, (_l, s) => {
      asked++;
      s.end(`${line}\n`);
    });
    const answer = await ask(ep, renew, { timeoutMs: 2000 });
    assert.equal(asked, 1);
    assert.equal(answer.kind, 'refused', line);
    const notes: Sentence[] = [];
    assert.equal(await trayAppSource(ep, (s) => notes.push(s)).obtain(codeReq), null, 'the chain goes on to the next source');
    assert.equal(notes.length, 1);
    assert.match(notes[0]!.en, /^Something answered at .+ without proving the key of your aws-mfa-tray app, so it is not trusted and nothing it sent is used; .+\.$/);
    assert.match(notes[0]!.ja, /信頼せず/);
    await closeServer(squatter);
  }
});

test('a server with the wrong key is refused; one replaying a reply sealed for another nonce too', async () => {
  const ep = fresh();
  const { address, key } = await staleKeyFile(ep);
  const wrongKey = randomBytes(32);
  let captured = '';
  const seal = (k: Buffer, nonce: string, body: string): string => createHmac('sha256', k).update(`aws-mfa-tray reply\0${nonce}\0${body}`).digest('hex');
  const body = JSON.stringify({ v: 2, ok: true, login, credentials: creds });
  const wrong = await listenAt(address, (line, s) => {
    const nonce = (JSON.parse(line) as { nonce: string }).nonce;
    s.end(`${JSON.stringify({ v: 2, body, mac: seal(wrongKey, nonce, body) })}\n`);
  });
  assert.equal((await ask(ep, renew, { timeoutMs: 2000 })).kind, 'refused');
  await closeServer(wrong);
  // A reply once sealed with the right key for one nonce is worth nothing for the next request.
  const replaying = await listenAt(address, (line, s) => {
    const nonce = (JSON.parse(line) as { nonce: string }).nonce;
    captured ||= `${JSON.stringify({ v: 2, body, mac: seal(key, nonce, body) })}\n`;
    s.end(captured);
  });
  assert.equal((await ask(ep, renew, { timeoutMs: 2000 })).kind, 'reply', 'the right key over this nonce: trusted');
  assert.equal((await ask(ep, renew, { timeoutMs: 2000 })).kind, 'refused', 'the same reply again: not');
  await closeServer(replaying);
});

test('the other protocol version is refused by both ends with one sentence; a reply of another version proves nothing', async () => {
  const ep = fresh();
  const { address } = await staleKeyFile(ep);
  const old = await listenAt(address, (_l, s) => s.end(`${JSON.stringify({ v: 3, body: '{}', mac: '0'.repeat(64) })}\n`));
  const answer = await ask(ep, renew, { timeoutMs: 2000 });
  assert.equal(answer.kind === 'refused' && answer.why.en.startsWith('Something answered at'), true);
  await closeServer(old);
  // A newer app writes a key file of its version: that is where the CLI learns of it.
  const k = JSON.parse(readFileSync(ep.keyFile, 'utf8')) as Record<string, unknown>;
  writeFileSync(ep.keyFile, JSON.stringify({ ...k, v: 3 }), { mode: 0o600 });
  assert.deepEqual(await ask(ep, renew, { timeoutMs: 2000 }), {
    kind: 'refused',
    why: {
      en: 'The aws-mfa-tray app and this command speak different protocol versions (3 and 2); install the same version of both and restart the app.',
      ja: 'aws-mfa-tray アプリとこのコマンドのプロトコルのバージョンが異なります（3 と 2）。同じバージョンをインストールしてアプリを再起動してください。',
    },
  });
  // And the app tells a client of another version the same (test/unit/renew-socket.test.ts: '{"v":9}').
});

test('a name found taken at start (EADDRINUSE, nothing proves our key there) is recorded as a squatter, and the app listens at another', async () => {
  const ep = fresh();
  const taken = 'c0ffee'.repeat(4);
  const probe = await AgentServer.start(ep, () => Promise.resolve({ v: PROTOCOL_VERSION, ok: true }), undefined, { name: () => taken });
  const takenAddress = probe.place.address;
  await probe.close();
  const squatter = await listenAt(takenAddress, (_l, s) => s.end(`${JSON.stringify({ v: 2, ok: true, credentials: creds })}\n`));
  const names = [taken, 'beef'.repeat(6)];
  const errors: unknown[] = [];
  const app = await AgentServer.start(ep, () => Promise.resolve({ v: PROTOCOL_VERSION, ok: true }), (e) => errors.push(e), { name: () => names.shift()! });
  assert.deepEqual(app.squatted, [takenAddress]);
  assert.notEqual(app.place.address, takenAddress);
  assert.deepEqual(await askApp(ep, { v: PROTOCOL_VERSION, type: 'ping' }, { timeoutMs: 2000 }), { v: 2, ok: true }, 'the CLI finds the real app');
  assert.equal(errors.length, 1);
  await app.close();
  await closeServer(squatter);
});

/** Opens `count` connections that send nothing; resolves with the sockets once all connected or closed. */
async function idleConnections(address: string, count: number): Promise<{ sockets: Socket[]; closed: () => number }> {
  let closedCount = 0;
  const sockets = await Promise.all(
    Array.from(
      { length: count },
      () =>
        new Promise<Socket>((resolve) => {
          const s = connect(address);
          s.on('error', () => undefined);
          s.on('close', () => closedCount++);
          s.once('connect', () => resolve(s));
          s.once('close', () => resolve(s));
        }),
    ),
  );
  return { sockets, closed: () => closedCount };
}
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const until = async (what: string, cond: () => boolean, ms = 10_000): Promise<void> => {
  for (const t0 = Date.now(); !cond(); await sleep(20)) if (Date.now() - t0 > ms) assert.fail(`timed out waiting for ${what}`);
};

test('abuse: at most the cap of connections are held at once', async () => {
  assert.equal(MAX_CONNECTIONS, 64);
  const ep = fresh();
  const app = await AgentServer.start(ep, () => Promise.resolve({ v: PROTOCOL_VERSION, ok: true }), undefined, { requestLineMs: 60_000 });
  const idle = await idleConnections(app.place.address, 300);
  await until('connections beyond the cap to be closed', () => idle.closed() >= 300 - MAX_CONNECTIONS);
  await sleep(200);
  assert.equal(300 - idle.closed(), MAX_CONNECTIONS, 'exactly the cap is held');
  for (const s of idle.sockets) s.destroy();
  await app.close();
});

test('abuse: a connection without its request line is closed after the timeout; one that keeps its end open after the answer too', async () => {
  assert.equal(REQUEST_LINE_MS, 10_000);
  const ep = fresh();
  const app = await AgentServer.start(ep, () => Promise.resolve({ v: PROTOCOL_VERSION, ok: true }), undefined, { requestLineMs: 500 });
  const idle = await idleConnections(app.place.address, 40);
  await until('every idle connection to be closed by the server', () => idle.closed() === 40);
  // A caller that got its answer but keeps its end open (half-open) loses the connection soon after.
  // Writing to it fails (EPIPE) once the server has let go of its side entirely.
  const halfOpen = connect({ path: app.place.address, allowHalfOpen: true });
  let gone = false;
  halfOpen.on('error', () => (gone = true));
  const gotReply = new Promise<void>((r) => halfOpen.once('data', () => r()));
  halfOpen.write('garbage\n');
  await gotReply;
  const t0 = Date.now();
  await until('the half-open caller to be closed from the server side', () => {
    if (!gone && !halfOpen.destroyed) halfOpen.write('x');
    return gone;
  });
  assert.ok(Date.now() - t0 >= 1000, 'the caller had time to read its answer');
  // The app answers as before.
  assert.deepEqual(await askApp(ep, { v: PROTOCOL_VERSION, type: 'ping' }, { timeoutMs: 2000 }), { v: 2, ok: true });
  await app.close();
});

/** Sends `bytes` and ends; resolves with everything the server wrote back. */
function rawExchange(address: string, bytes: Buffer): Promise<string> {
  return new Promise((resolve) => {
    const s = connect(address);
    let out = '';
    s.on('data', (d) => (out += d.toString('utf8')));
    s.on('error', () => resolve(out));
    s.on('close', () => resolve(out));
    s.on('connect', () => s.end(bytes));
  });
}

test('fuzz, server side: random bytes, truncated and huge lines, wrong versions: one refusal line at most, the handler never called, the server still up', async () => {
  const ep = fresh();
  let handled = 0;
  const app = await AgentServer.start(ep, () => {
    handled++;
    return Promise.resolve({ v: PROTOCOL_VERSION, ok: true, login, credentials: creds });
  });
  const valid = JSON.stringify({ v: 2, nonce: 'a'.repeat(64), body: JSON.stringify(renew), mac: 'b'.repeat(64) });
  const inputs = fc.oneof(
    fc.uint8Array({ maxLength: 600 }).map((a) => Buffer.from(a)),
    fc.string({ maxLength: 300 }).map((s) => Buffer.from(`${s}\n`)),
    fc.nat({ max: valid.length }).map((k) => Buffer.from(valid.slice(0, k))), // truncated, no newline
    fc.nat({ max: valid.length }).map((k) => Buffer.from(`${valid.slice(0, k)}\n`)),
    fc.integer({ min: 9000, max: 200_000 }).map((len) => Buffer.alloc(len, 0x7b)), // huge, no newline
    fc.oneof(fc.integer(), fc.constant(null), fc.string(), fc.constant(1)).map((v) => Buffer.from(`${JSON.stringify({ v, type: 'renew', nonce: 'a'.repeat(64), body: '{}', mac: '0'.repeat(64) })}\n`)),
  );
  await fc.assert(
    fc.asyncProperty(inputs, async (bytes) => {
      const out = await rawExchange(app.place.address, bytes);
      if (out === '') return; // the caller closed before its line ended: nothing to answer
      assert.equal(out.indexOf('\n'), out.length - 1, 'one line');
      const reply = JSON.parse(out) as Extract<Reply, { ok: false }>;
      assert.equal(reply.v, 2);
      assert.equal(reply.ok, false);
      assert.match(reply.error.code, /^(BadRequest|UnsupportedVersion)$/);
      assert.match(reply.error.message, /^[^\n]+[.]$/);
      assert.ok(reply.error.ja);
    }),
    { numRuns: 300 },
  );
  assert.equal(handled, 0, 'nothing unproven reached the handler');
  assert.deepEqual(await askApp(ep, renew, { timeoutMs: 2000 }), { v: 2, ok: true, login, credentials: creds });
  await app.close();
});

test('fuzz, client side: whatever an unproven server sends (random bytes, truncated, huge, wrong versions) is refused or ignored, never a session, never a crash', async () => {
  const ep = fresh();
  const { address } = await staleKeyFile(ep);
  let next: Buffer = Buffer.alloc(0);
  const server = createServer((s) => {
    s.on('error', () => undefined);
    s.once('data', () => s.end(next));
  });
  await new Promise<void>((r) => server.listen(address, () => r()));
  const sealedShape = (v: unknown) => Buffer.from(`${JSON.stringify({ v, body: JSON.stringify({ v: 2, ok: true, login, credentials: creds }), mac: '0'.repeat(64) })}\n`);
  const inputs = fc.oneof(
    fc.uint8Array({ maxLength: 600 }).map((a) => Buffer.from(a)),
    fc.string({ maxLength: 300 }).map((s) => Buffer.from(`${s}\n`)),
    fc.nat({ max: 200 }).map((k) => Buffer.from(JSON.stringify({ v: 2, ok: true, credentials: creds }).slice(0, k))),
    fc.integer({ min: 130_000, max: 300_000 }).map((len) => Buffer.alloc(len, 0x7b)),
    fc.oneof(fc.integer(), fc.constant(1), fc.constant(2), fc.string()).map(sealedShape),
  );
  await fc.assert(
    fc.asyncProperty(inputs, async (bytes) => {
      next = bytes;
      const answer = await ask(ep, renew, { timeoutMs: 3000 });
      assert.notEqual(answer.kind, 'reply');
      if (answer.kind === 'refused') assert.match(answer.why.en, /^[^\n]+\.$/);
    }),
    { numRuns: 200 },
  );
  await closeServer(server);
});
