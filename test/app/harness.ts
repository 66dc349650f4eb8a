/**
 * Runs the built main process (dist/app.js, or dist/main.js as Electron loads it) in a child
 * process against the Electron stand-in (fake-electron.ts via main-child.ts), playing one OS.
 * Shared by the test/app suites: start, command, snapshot, wait for recorded calls.
 */
import assert from 'node:assert/strict';
import { fork, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { after, before } from 'node:test';
import { ipcChannel } from '../../main/ipc/contract';
import { createWorld, type World } from '../helpers/world';
import type { Call, FakePlatform, OsState } from './fake-electron';

export const root = path.resolve(__dirname, '..', '..');
export const dist = path.join(root, 'dist');
const CHILD = path.join(__dirname, 'main-child.ts');

export interface WindowSnap {
  id: number;
  options: Record<string, unknown> & { webPreferences?: Record<string, unknown> };
  loadedFile: string | null;
  visible: boolean;
  destroyed: boolean;
  focused: boolean;
  bounds: { x: number; y: number; width: number; height: number };
  allWorkspaces: { visible: boolean; options: Record<string, unknown> | null } | null;
  alwaysOnTopLevel: string | null;
  /** flashFrame(true) and not yet stopped. */
  flashing: boolean;
  sent: { channel: string; payload: unknown }[];
  zoomFactor: number;
  listeners: string[];
}
export interface MenuItemSnap {
  label?: string;
  type?: string;
  enabled?: boolean;
  checked?: boolean;
  click?: string;
  submenu?: MenuItemSnap[];
}
export interface Snapshot {
  windows: WindowSnap[];
  trays: { toolTip: string; title: string; menu: MenuItemSnap[] | null; image: { image: { scaleFactor: number; width: number; height: number }[]; template: boolean; file: string | null } | string; ignoreDoubleClick: boolean; listeners: string[] }[];
  handlers: string[];
  ipcListeners: string[];
  notifications: { options: Record<string, unknown>; shown: boolean; failed: string | null }[];
  applicationMenu: unknown;
  electronModuleIsFake: boolean;
  activeApp: 'self' | 'previous';
  userData: string;
  osState: OsState;
}
export type IpcReply = { ok: true; value: Record<string, unknown> & { profiles?: { sourceProfile: string }[] } } | { ok: false; error: { code: string; message: string } };

/** The child running the built main process: its recorded calls, its output, commands and waits. */
export class MainProcess {
  readonly calls: Call[] = [];
  stderr = '';
  stdout = '';
  exitSignal: NodeJS.Signals | null = null;
  realElectronLoaded: string[] = [];
  exitCode: number | null = null;
  reportedExit: number | null = null;
  private readonly waiters: { pred: (c: Call) => boolean; resolve: (c: Call) => void; reject: (e: Error) => void; what: string }[] = [];
  private readonly replies = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  private nextId = 1;
  private readonly loaded: Promise<void>;
  readonly exited: Promise<number | null>;

  constructor(private readonly child: ChildProcess) {
    let loaded!: () => void;
    this.loaded = new Promise((r) => (loaded = r));
    child.stderr?.on('data', (d: Buffer) => (this.stderr += d.toString()));
    child.stdout?.on('data', (d: Buffer) => (this.stdout += d.toString()));
    child.on('message', (m: { type: string; [k: string]: unknown }) => {
      if (m.type === 'call') {
        const c = m.call as Call;
        this.calls.push(c);
        for (const w of [...this.waiters]) {
          if (w.pred(c)) {
            this.waiters.splice(this.waiters.indexOf(w), 1);
            w.resolve(c);
          }
        }
      } else if (m.type === 'reply') {
        const r = this.replies.get(m.id as number);
        this.replies.delete(m.id as number);
        if (m.error !== undefined) r?.reject(new Error(typeof m.error === 'string' ? m.error : JSON.stringify(m.error)));
        else r?.resolve(m.value);
      } else if (m.type === 'loaded') loaded();
      else if (m.type === 'realElectronLoaded') this.realElectronLoaded.push(String(m.file));
      else if (m.type === 'exit') this.reportedExit = m.code as number;
      else if (m.type === 'uncaught') this.stderr += `uncaught in child: ${String(m.message)}\n`;
    });
    this.exited = new Promise((resolve) =>
      child.on('exit', (code, signal) => {
        this.exitCode = code;
        this.exitSignal = signal;
        const e = new Error(`the main process exited (${code}) ${this.stderr}`);
        for (const w of this.waiters.splice(0)) w.reject(new Error(`${e.message} while waiting for ${w.what}`));
        for (const r of this.replies.values()) r.reject(e);
        this.replies.clear();
        resolve(code);
      }),
    );
  }

  /** Starts the child; resolves once the main script has run (or the process has ended, for runs that end at once). */
  static async start(env: NodeJS.ProcessEnv): Promise<MainProcess> {
    const child = fork(CHILD, [], { cwd: root, env, execArgv: ['--import', 'tsx'], stdio: ['pipe', 'pipe', 'pipe', 'ipc'] });
    const p = new MainProcess(child);
    await Promise.race([p.loaded, p.exited]);
    return p;
  }

  get pid(): number {
    return this.child.pid ?? -1;
  }

  signal(sig: NodeJS.Signals): void {
    this.child.kill(sig);
  }

  command<T = unknown>(c: Record<string, unknown>): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      if (this.exitCode !== null) return reject(new Error('the main process has exited'));
      this.replies.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.child.send({ id, ...c });
    });
  }

  snapshot(): Promise<Snapshot> {
    return this.command<Snapshot>({ cmd: 'snapshot' });
  }

  invoke(channel: string, req: unknown, url: string, parentUrl: string | null = null): Promise<IpcReply> {
    return this.command<IpcReply>({ cmd: 'invoke', channel: ipcChannel(channel as never), req, frame: { url, parentUrl } });
  }

  /** Resolves once stderr matches (output arrives on its own pipe, after the recorded calls). */
  async waitForStderr(re: RegExp, timeoutMs = 10_000): Promise<string> {
    const until = Date.now() + timeoutMs;
    while (!re.test(this.stderr)) {
      if (Date.now() > until || this.exitCode !== null) throw new Error(`stderr never matched ${re}: ${JSON.stringify(this.stderr)}`);
      await new Promise((r) => setTimeout(r, 20));
    }
    return this.stderr;
  }

  /** Resolves with the first recorded call (from `since` on) that matches. */
  waitFor(what: string, pred: (c: Call) => boolean, since = 0): Promise<Call> {
    const seen = this.calls.slice(since).find(pred);
    if (seen) return Promise.resolve(seen);
    if (this.exitCode !== null) return Promise.reject(new Error(`the main process has exited; no ${what}`));
    return new Promise((resolve, reject) => this.waiters.push({ pred, resolve, reject, what }));
  }

  /** Resolves once `n` recorded calls (from `since` on) match. */
  async waitForCount(what: string, n: number, pred: (c: Call) => boolean, since = 0): Promise<void> {
    let from = since;
    for (let i = 0; i < n; i++) {
      const c = await this.waitFor(`${what} (${i + 1} of ${n})`, pred, from);
      from = this.calls.indexOf(c, from) + 1;
    }
  }

  kill(): void {
    if (this.exitCode === null) this.child.kill('SIGKILL');
  }
}

/** One scenario's environment: its own settings folder and OS state, playing `platform`; the world's keychain, ~/.aws and emulator. */
export function scenarioEnv(w: World, platform: FakePlatform, id: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return {
    ...w.env,
    XDG_CONFIG_HOME: path.join(w.home, `config-${id}`),
    AWS_MFA_TRAY_HOME: path.join(w.home, `settings-${id}`),
    FAKE_ELECTRON_PLATFORM: platform,
    FAKE_ELECTRON_OS_STATE: path.join(w.home, `os-${id}.json`),
    ...extra,
  };
}

export const is = (target: string, method: string, first?: unknown) => (c: Call) =>
  c.target === target && c.method === method && (first === undefined || c.args[0] === first);
export const labels = (menu: MenuItemSnap[] | null | undefined) => (menu ?? []).map((i) => i.label ?? `(${i.type})`);


/**
 * The hooks every test/app file needs: one world for the file (temp HOME, the emulator, a keychain
 * service of its own) and every child started through `start` killed at the end. `env` adds what
 * the file's children share; `prepare` runs once the world exists.
 */
export function appSuite(env: (w: World) => NodeJS.ProcessEnv = () => ({}), prepare?: (w: World) => Promise<void>) {
  let world: World | undefined;
  let shared: NodeJS.ProcessEnv = {};
  const started: MainProcess[] = [];
  before(async () => {
    assert.ok(existsSync(path.join(dist, 'app.js')), 'run `npm run build` first');
    world = await createWorld();
    await prepare?.(world);
    shared = { ...world.env, ...env(world) };
  });
  after(async () => {
    for (const p of started) p.kill();
    await Promise.all(started.map((p) => p.exited));
    await world?.close();
  });
  return {
    get w(): World {
      if (!world) throw new Error('the world exists only inside tests');
      return world;
    },
    get env(): NodeJS.ProcessEnv {
      return shared;
    },
    async start(extra: NodeJS.ProcessEnv = {}): Promise<MainProcess> {
      return this.startIn({ ...shared, ...extra });
    },
    /** A child in another world's environment (e.g. a corporate network), still killed at the end. */
    async startIn(env: NodeJS.ProcessEnv): Promise<MainProcess> {
      const p = await MainProcess.start(env);
      started.push(p);
      return p;
    },
  };
}
