/**
 * Refreshes when the CLI (or anything else) rewrites a file we show; fs.watch, no polling.
 * Returns `rearm`, which starts the watch if it is not running: the folder may not exist yet at
 * start-up (no ~/.aws before the first login), and a watch that was never started never fires,
 * so every refresh calls it.
 */
import * as fs from 'node:fs';

export function watchFiles(dir: string, names: string[], onChange: () => void): () => void {
  let timer: NodeJS.Timeout | null = null;
  let watcher: fs.FSWatcher | null = null;
  const rearm = () => {
    if (watcher) return;
    try {
      // The folder, not the file: atomic writes replace the file, which would end a file watch.
      const w = fs.watch(dir, { persistent: false }, (_event, name) => {
        if (name !== null && !names.includes(name)) return;
        if (timer) clearTimeout(timer);
        // Atomic rewrites come as several events; one refresh is enough.
        timer = setTimeout(onChange, 300);
      });
      // Without a listener a watcher error (Windows reports EPERM when the folder is deleted)
      // would be an uncaught exception; drop the watch instead and let the next refresh re-arm it.
      w.on('error', () => {
        w.close();
        if (watcher === w) watcher = null;
      });
      watcher = w;
    } catch {
      // No folder yet: the app refreshes after its own logins anyway, and re-arms then.
    }
  };
  rearm();
  return rearm;
}
