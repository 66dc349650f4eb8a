/** What every part of the Electron stand-in shares: the OS it plays, the call record, event objects. */
export type FakePlatform = 'darwin' | 'win32' | 'linux';

export interface Call {
  target: string;
  method: string;
  args: unknown[];
}

/** A JSON-safe picture of a value: functions and native objects become short tags. */
export function describe(v: unknown, depth = 0): unknown {
  if (v === null || v === undefined || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v ?? null;
  if (typeof v === 'function') return '[function]';
  if (Buffer.isBuffer(v)) return `[Buffer ${v.length}]`;
  if (depth > 6) return '[deep]';
  if (Array.isArray(v)) return v.map((x) => describe(x, depth + 1));
  if (typeof v === 'object') {
    const d = (v as { describe?: () => unknown }).describe;
    if (typeof d === 'function') return d.call(v);
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, describe(x, depth + 1)]));
  }
  return `[${typeof v}]`;
}

/** Electron-style event object: preventDefault() is remembered. */
export function fakeEvent<T extends object>(extra?: T): { defaultPrevented: boolean; preventDefault(): void } & T {
  const e = {
    defaultPrevented: false,
    preventDefault() {
      e.defaultPrevented = true;
    },
    ...(extra as T),
  };
  return e;
}
