/**
 * The OS proxy answer (Chromium's PAC result, from Electron's session.resolveProxy) becomes routes
 * tried in order; proxy variables come before it, and a failing resolver means direct, as Chromium
 * goes direct when a PAC script fails.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { routeResolver } from '../../main/core/network/network-config';
import { routesFromPac } from '../../main/core/network/pac';
import type { Route } from '../../main/core/network/routing-agent';

const show = (routes: Route[]) => routes.map((r) => (r.kind === 'direct' ? 'DIRECT' : `${r.unsupported ? 'unsupported ' : ''}${r.url.href} (${r.source})`));

test('PAC results: DIRECT, PROXY, HTTPS, SOCKS, lists, odd spacing and case', () => {
  assert.deepEqual(show(routesFromPac('DIRECT')), ['DIRECT']);
  assert.deepEqual(show(routesFromPac('')), ['DIRECT']);
  assert.deepEqual(show(routesFromPac('PROXY proxy.corp:8080')), ['http://proxy.corp:8080/ (the system proxy settings)']);
  assert.deepEqual(show(routesFromPac('PROXY a:1;PROXY b:2; DIRECT')), ['http://a:1/ (the system proxy settings)', 'http://b:2/ (the system proxy settings)', 'DIRECT']);
  assert.deepEqual(show(routesFromPac('HTTPS secure.corp:443')), ['https://secure.corp/ (the system proxy settings)']);
  assert.deepEqual(show(routesFromPac('proxy  lower.corp:3128 ;  direct')), ['http://lower.corp:3128/ (the system proxy settings)', 'DIRECT']);
  assert.deepEqual(show(routesFromPac('SOCKS5 socks.corp:1080')), ['unsupported http://socks.corp:1080/ (the system proxy settings)']);
});

test('proxy variables win over the OS; NO_PROXY goes direct without asking it; a failing resolver means direct', async () => {
  const asked: string[] = [];
  const os = { resolveSystemProxy: (url: string) => (asked.push(url), Promise.resolve('PROXY os.corp:8080')) };
  const sts = new URL('https://sts.us-east-1.amazonaws.com/');
  assert.deepEqual(show(await routeResolver({ HTTPS_PROXY: 'http://env.corp:3128' }, os)(sts)), ['http://env.corp:3128/ (HTTPS_PROXY)']);
  assert.deepEqual(show(await routeResolver({ NO_PROXY: 'amazonaws.com' }, os)(sts)), ['DIRECT']);
  assert.deepEqual(asked, []);
  assert.deepEqual(show(await routeResolver({}, os)(sts)), ['http://os.corp:8080/ (the system proxy settings)']);
  assert.deepEqual(asked, ['https://sts.us-east-1.amazonaws.com/']);
  assert.deepEqual(show(await routeResolver({}, {})(sts)), ['DIRECT']);
  const failing = { resolveSystemProxy: () => Promise.reject(new Error('PAC script failed')) };
  assert.deepEqual(show(await routeResolver({}, failing)(sts)), ['DIRECT']);
});
