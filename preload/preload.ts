/**
 * Sandboxed preload: exposes one function per IPC channel and an event hook, nothing else.
 * The IpcRendererEvent is stripped so the page never gets a handle on ipcRenderer or the sender.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { BRIDGE_KEY, CHANNELS, EVENTS, ipcChannel, type Bridge, type EventName, type IpcEvents } from '../main/ipc/contract';

const invokers = Object.fromEntries(
  CHANNELS.map((name) => [name, (req: unknown) => ipcRenderer.invoke(ipcChannel(name), req)]),
);

function on<E extends EventName>(event: E, listener: (payload: IpcEvents[E]) => void): () => void {
  // Only declared events: the page cannot subscribe to arbitrary channels.
  if (!EVENTS.includes(event)) throw new Error(`Unknown event ${String(event)}`);
  const channel = ipcChannel(event);
  const wrapped = (_e: IpcRendererEvent, payload: IpcEvents[E]): void => listener(payload);
  ipcRenderer.on(channel, wrapped);
  return () => {
    ipcRenderer.removeListener(channel, wrapped);
  };
}

const bridge = { ...invokers, on } as Bridge;
contextBridge.exposeInMainWorld(BRIDGE_KEY, bridge);
