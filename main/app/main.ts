/**
 * Electron entry point (dist/main.js). Reads the facts of the running process once and hands
 * them to start() in dist/app.js, so tests can start the same built app as another OS would.
 */
import type * as AppModule from './start';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { start } = require(`${__dirname}/app.js`) as typeof AppModule;
start({ platform: process.platform, env: process.env, distDir: __dirname, argv: process.argv, defaultApp: Boolean(process.defaultApp) });
