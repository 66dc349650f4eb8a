/**
 * A cold start builds only the command it runs (each command's help in both languages is built
 * when it is registered); help, `help <cmd>`, an unknown command and completion get the whole tree.
 */
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { createContext } from '../../main/cli/context';
import { buildProgram } from '../../main/cli/program';
import { resolvePaths } from '../../main/core/paths';

const home = mkdtempSync(path.join(os.tmpdir(), 'program-'));
const env = { HOME: home, USERPROFILE: home };
const ctx = () => createContext({ locale: 'en', env, paths: resolvePaths(env) });
const names = (args: string[]): string[] => buildProgram(ctx(), args).commands.map((c) => c.name());
const ALL = ['keys', 'login', 'logout', 'status', 'credential-process', 'exec', 'export', 'policy', 'console', 'completion', 'uninstall'];

test('the command named first is the only one built; its subcommands come with it', () => {
  assert.deepEqual(names(['login', 'default', '--code', '123456']), ['login']);
  assert.deepEqual(names(['credential-process', 'mfa']), ['credential-process']);
  const keys = buildProgram(ctx(), ['keys', 'list']).commands;
  assert.deepEqual(keys.map((c) => c.name()), ['keys']);
  assert.ok(keys[0]!.commands.some((c) => c.name() === 'list'));
});

test('no command, help, an unknown or misspelt command, an option first, completion: every command, in order', () => {
  for (const args of [[], ['--help'], ['help', 'login'], ['logn'], ['--version'], ['completion', 'bash'], ['_complete', 'lo'], ['constructor'], ['__proto__']]) {
    const got = names(args).filter((n) => !n.startsWith('_'));
    assert.deepEqual(got, ALL, JSON.stringify(args));
  }
});
