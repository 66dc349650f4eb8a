/**
 * The connection pool of RoutingAgent, through real sockets: a second request reuses the first
 * one's connection (https too: agent-base used to file a freed https socket under an http name, so
 * nothing was ever reused), and an idle connection is closed after idleMs.
 */
import assert from 'node:assert/strict';
import * as http from 'node:http';
import * as https from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { after, test } from 'node:test';
import { RoutingAgent } from '../../main/core/network/routing-agent';
import { TrustStore } from '../../main/core/network/trust';
import { TestPki } from '../helpers/test-pki';

const pki = new TestPki();
after(() => pki.cleanup());

interface Served {
  port: number;
  opened: number;
  closed: number;
  close(): Promise<void>;
}

async function serve(make: (h: http.RequestListener) => http.Server | https.Server): Promise<Served> {
  const sockets = new Set<Socket>();
  const s: Served = { port: 0, opened: 0, closed: 0, close: () => Promise.resolve() };
  const server = make((_req, res) => res.end('ok'));
  server.on(server instanceof https.Server ? 'secureConnection' : 'connection', (c: Socket) => {
    s.opened++;
    sockets.add(c);
    c.on('close', () => (s.closed++, sockets.delete(c)));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  s.port = (server.address() as AddressInfo).port;
  s.close = () => new Promise<void>((r) => (server.close(() => r()), sockets.forEach((c) => c.destroy())));
  return s;
}

function get(mod: typeof http | typeof https, agent: RoutingAgent, port: number, ca?: string): Promise<string> {
  return new Promise((resolve, reject) => {
    // As the SDK's handler calls it: no `protocol` in the options, the agent says it.
    const req = mod.request({ host: '127.0.0.1', port, path: '/', method: 'GET', agent, ...(ca ? { ca } : {}) }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve(body));
    });
    req.on('error', reject);
    req.end();
  });
}

const until = async (ok: () => boolean, ms: number): Promise<boolean> => {
  for (const end = Date.now() + ms; Date.now() < end; ) {
    if (ok()) return true;
    await new Promise((r) => setTimeout(r, 10));
  }
  return ok();
};

test('https: the second request goes over the first one\'s connection', async () => {
  const ca = pki.ca('Pool CA');
  const cert = pki.serverCert(ca, ['127.0.0.1']);
  const s = await serve((h) => https.createServer({ key: cert.key, cert: cert.cert }, h));
  const agent = new RoutingAgent({ routes: () => [{ kind: 'direct' }], trust: new TrustStore([ca.pem], {}), connectTimeoutMs: 2000 }, true);
  try {
    assert.equal(await get(https, agent, s.port), 'ok');
    assert.equal(await get(https, agent, s.port), 'ok');
    assert.equal(s.opened, 1, 'one TLS connection for both requests');
  } finally {
    agent.destroy();
    await s.close();
  }
});

test('an idle pooled connection is closed after idleMs, and the next request opens a new one', async () => {
  const s = await serve((h) => http.createServer(h));
  const agent = new RoutingAgent({ routes: () => [{ kind: 'direct' }], trust: new TrustStore([], {}), connectTimeoutMs: 2000, idleMs: 200 }, false);
  try {
    assert.equal(await get(http, agent, s.port), 'ok');
    const freed = Date.now();
    assert.equal(await get(http, agent, s.port), 'ok');
    assert.equal(s.opened, 1);
    assert.ok(await until(() => s.closed === 1, 5000), 'the idle connection is closed');
    assert.ok(Date.now() - freed >= 150, 'not before idleMs');
    assert.equal(await get(http, agent, s.port), 'ok');
    assert.equal(s.opened, 2);
  } finally {
    agent.destroy();
    await s.close();
  }
});
