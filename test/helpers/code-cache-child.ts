/**
 * A process that loads a bundle folder's cli-program.js through installCodeCache, as main/cli.ts
 * does, calls into it and prints what the cache did (test/unit/code-cache.test.ts).
 */
import * as path from 'node:path';
import { installCodeCache } from '../../main/cli/code-cache';

const [dist, cacheDir, command] = process.argv.slice(2) as [string, string, string];
const cache = installCodeCache(dist, cacheDir, command, process.env);
// eslint-disable-next-line @typescript-eslint/no-require-imports
const bundle = require(path.join(dist, 'cli-program.js')) as { answer(): number; where(): string[] };
// eslint-disable-next-line @typescript-eslint/no-require-imports
const other = require(path.join(dist, 'other.js')) as { plain: boolean };
console.log(JSON.stringify({ loads: cache?.loads ?? null, answer: bundle.answer(), where: bundle.where(), other: other.plain }));
cache?.save();
