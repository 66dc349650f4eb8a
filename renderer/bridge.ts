/** The preload bridge as the renderer sees it: `window.mfaTray`, typed from the one IPC contract. */
import type { Bridge } from '../main/ipc/contract';

declare global {
  interface Window {
    mfaTray: Bridge;
  }
}

export function bridge(): Bridge {
  return window.mfaTray;
}
