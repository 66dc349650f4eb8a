/**
 * How the smoke test reaches the running app's state from Playwright's `app.evaluate` (which runs in
 * Electron's main process). Not through `process.mainModule`: Electron's default app has been ESM
 * since Electron 28 and loads the app with `import()`, so `process.mainModule` is undefined there
 * (electron/electron#40501). A `require` made with `module.createRequire` shares the CommonJS module
 * cache, so it returns the very dist/app.js instance that dist/main.js loaded.
 *
 * The function is passed to `app.evaluate` as is: it must not close over anything.
 */
export function appModuleIn<T>(file: string): T {
  const { createRequire } = process.getBuiltinModule('node:module');
  return createRequire(file)(file) as T;
}
