/** The credential endpoint on its own: Host rules, the reader's language, idle and connection bounds, and close. */
import assert from 'node:assert/strict';
import { request } from 'node:http';
import * as net from 'node:net';
import { test } from 'node:test';
import { startCredentialEndpoint, type EndpointAnswer } from '../../main/core/credential-endpoint';

const ok: EndpointAnswer = { ok: true, accessKeyId: 'ASIAX', secretAccessKey: 's', sessionToken: 't', expiration: '2030-01-01T00:00:00Z' };

function get(url: string, headers: Record<string, string>, method = 'GET'): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    request(url, { method, headers, agent: false }, (res) => {
      let b = '';
      res.on('data', (d: Buffer) => (b += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: b }));
    })
      .on('error', reject)
      .end();
  });
}

test('Host: 127.0.0.1 or localhost, with this port or none; anything else refused; messages in the reader language', async () => {
  const e = await startCredentialEndpoint({ answer: () => ok, locale: 'ja' });
  try {
    const auth = { Authorization: e.token };
    for (const host of [`127.0.0.1:${e.port}`, `localhost:${e.port}`, '127.0.0.1', 'LOCALHOST']) {
      assert.equal((await get(e.url, { ...auth, Host: host })).status, 200, host);
    }
    for (const host of [`127.0.0.1:${e.port + 1}`, `127.0.0.2:${e.port}`, `attacker.example:${e.port}`, `[::1]:${e.port}`]) {
      assert.equal((await get(e.url, { ...auth, Host: host })).status, 403, host);
    }
    const none = await get(e.url, {});
    assert.equal(none.status, 401);
    assert.match((JSON.parse(none.body) as { Message: string }).Message, /AWS_CONTAINER_AUTHORIZATION_TOKEN を Authorization ヘッダーで送る必要があります。$/);
    assert.equal((await get(e.url, auth, 'HEAD')).status, 405);
    assert.equal((await get(`${e.url}?x=1`, auth)).status, 200, 'a query string does not change the path');
    assert.equal((await get(e.url, { Authorization: `Bearer ${e.token}` })).status, 403, 'the token verbatim, as the SDKs send it');
  } finally {
    await e.close();
  }
});

test('connections: at most maxConnections at once, idle ones closed, all closed by close()', async () => {
  const e = await startCredentialEndpoint({ answer: () => ok, locale: 'en', maxConnections: 2, idleMs: 300 });
  const open = (): Promise<{ s: net.Socket; closedAt: () => number | null }> =>
    new Promise((resolve) => {
      const s = net.connect(e.port, '127.0.0.1');
      let closed: number | null = null;
      s.on('close', () => (closed = Date.now()));
      s.on('error', () => undefined);
      s.on('connect', () => resolve({ s, closedAt: () => closed }));
    });
  const t0 = Date.now();
  const socks = await Promise.all([open(), open(), open(), open(), open()]);
  await new Promise((r) => setTimeout(r, 100));
  assert.equal(socks.filter((x) => x.closedAt() === null).length, 2, 'two kept, three closed at once');
  await new Promise((r) => setTimeout(r, 500));
  assert.equal(socks.filter((x) => x.closedAt() === null).length, 0, 'idle ones closed');
  assert.ok(socks.every((x) => x.closedAt()! - t0 < 800));
  await e.close();
  await assert.rejects(get(e.url, { Authorization: e.token }), { code: 'ECONNREFUSED' });
});
