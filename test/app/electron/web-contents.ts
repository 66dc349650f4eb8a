/** A window's `webContents`: what main sends the page, its zoom, its window-open handler. */
import { EventEmitter } from 'node:events';
import type { WebContents } from 'electron';
import type { FakeElectron } from '../fake-electron';

export class FakeWebContents extends EventEmitter implements Pick<WebContents, 'send' | 'isLoading' | 'isDevToolsOpened'> {
  readonly sent: { channel: string; payload: unknown }[] = [];
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
  loading = false;
  devTools = false;
  /** Starts at webPreferences.zoomFactor, as Electron documents. */
  zoomFactor = 1;
  constructor(
    private readonly fake: FakeElectron,
    readonly id: number,
  ) {
    super();
  }
  setZoomFactor(factor: number): void {
    this.fake.record(`webContents#${this.id}`, 'setZoomFactor', [factor]);
    this.zoomFactor = factor;
  }
  getZoomFactor(): number {
    return this.zoomFactor;
  }
  send(channel: string, payload: unknown): void {
    this.fake.record(`webContents#${this.id}`, 'send', [channel, payload]);
    this.sent.push({ channel, payload });
  }
  setWindowOpenHandler(h: FakeWebContents['windowOpenHandler']): void {
    this.windowOpenHandler = h;
  }
  isLoading(): boolean {
    return this.loading;
  }
  isDevToolsOpened(): boolean {
    return this.devTools;
  }
  describe() {
    return `[webContents#${this.id}]`;
  }
}
