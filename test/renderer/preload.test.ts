/**
 * The built preload (dist/preload.js) run as Electron's sandboxed preload runs it (CommonJS, only
 * `require('electron')`), over a stand-in contextBridge and ipcRenderer: what it exposes is exactly
 * one function per contract channel plus `on`, each invoking `aws-mfa-tray:<channel>`, and events
 * reach the page without the IpcRendererEvent. The renderer tests load this same file in Chromium.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import * as vm from 'node:vm';
import { BRIDGE_KEY, CHANNELS, EVENTS, ipcChannel } from '../../main/ipc/contract';

const PRELOAD = path.resolve(__dirname, '../../dist/preload.js');

function loadPreload() {
  assert.ok(existsSync(PRELOAD), 'run `npm run build` first');
  const exposed = new Map<string, Record<string, (...a: unknown[]) => unknown>>();
  const invoked: { channel: string; arg: unknown }[] = [];
  const listeners = new Map<string, Set<(event: unknown, payload: unknown) => void>>();
  const required: string[] = [];
  const electron = {
    contextBridge: { exposeInMainWorld: (key: string, api: Record<string, (...a: unknown[]) => unknown>) => void exposed.set(key, api) },
    ipcRenderer: {
      invoke: (channel: string, arg: unknown) => {
        invoked.push({ channel, arg });
        return Promise.resolve({ ok: true, value: channel });
      },
      on: (channel: string, fn: (event: unknown, payload: unknown) => void) => {
        if (!listeners.has(channel)) listeners.set(channel, new Set());
        listeners.get(channel)!.add(fn);
      },
      removeListener: (channel: string, fn: (event: unknown, payload: unknown) => void) => void listeners.get(channel)?.delete(fn),
    },
  };
  const module = { exports: {} };
  const requireElectron = (id: string) => {
    required.push(id);
    if (id !== 'electron') throw new Error(`a sandboxed preload cannot require ${id}`);
    return electron;
  };
  const wrapped = vm.runInNewContext(`(function (require, module, exports) {${readFileSync(PRELOAD, 'utf8')}\n})`, {}) as (r: typeof requireElectron, m: typeof module, e: object) => void;
  wrapped(requireElectron, module, module.exports);
  const send = (channel: string, payload: unknown) => {
    for (const fn of listeners.get(channel) ?? []) fn({ sender: 'ipcRenderer', senderFrame: 'secret' }, payload);
  };
  return { exposed, invoked, listeners, required, send };
}

test('preload exposes one function per channel and `on`, under the contract key, and requires only electron', async () => {
  const p = loadPreload();
  assert.deepEqual([...p.exposed.keys()], [BRIDGE_KEY]);
  const api = p.exposed.get(BRIDGE_KEY)!;
  assert.deepEqual(Object.keys(api).sort(), [...CHANNELS, 'on'].sort());
  assert.deepEqual([...new Set(p.required)], ['electron']);
  for (const c of CHANNELS) {
    const req = { probe: c };
    assert.deepEqual(await api[c]!(req), { ok: true, value: ipcChannel(c) });
    assert.deepEqual(p.invoked.at(-1), { channel: ipcChannel(c), arg: req });
  }
  // Nothing that reaches ipcRenderer itself, send(), or arbitrary channels.
  for (const v of Object.values(api)) assert.equal(typeof v, 'function');
  assert.equal(Object.keys(api).some((k) => /ipc|send|invoke/i.test(k)), false);
});

test('events reach the page without the IpcRendererEvent; unknown events are refused; unsubscribing works', () => {
  const p = loadPreload();
  const api = p.exposed.get(BRIDGE_KEY)!;
  for (const e of EVENTS) {
    const got: unknown[][] = [];
    const off = api.on!(e, (...args: unknown[]) => got.push(args)) as () => void;
    p.send(ipcChannel(e), { sourceProfile: 'default' });
    assert.deepEqual(got, [[{ sourceProfile: 'default' }]], 'the payload only, no event object');
    off();
    p.send(ipcChannel(e), { sourceProfile: 'again' });
    assert.equal(got.length, 1);
    assert.equal(p.listeners.get(ipcChannel(e))?.size, 0);
  }
  assert.throws(() => api.on!('electron-store-get-data', () => undefined), /Unknown event/);
  assert.equal(p.listeners.has('electron-store-get-data'), false);
});
