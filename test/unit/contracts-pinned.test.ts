/**
 * The contracts the compiler and the linter pin (issue 17): a channel or event left out of the
 * contract's list does not compile; an `electron` import outside main/app, a renderer import of an
 * impure module, and process.platform in main/core outside host.ts are lint errors. Checked on
 * edited copies of the real files, in memory, with the repository's tsconfig and eslint.config.mjs.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { ESLint, type Linter } from 'eslint';
import ts from 'typescript';

const root = path.resolve(__dirname, '../..');
const contractPath = path.join(root, 'main/ipc/contract.ts');

/** tsc's errors for main/ipc/contract.ts with its text replaced by `text`. */
function contractErrors(text: string): string[] {
  const config = ts.getParsedCommandLineOfConfigFile(path.join(root, 'tsconfig.json'), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined })!;
  const host = ts.createCompilerHost(config.options);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (name, lang, ...rest) =>
    path.resolve(name) === contractPath ? ts.createSourceFile(name, text, lang) : getSourceFile(name, lang, ...rest);
  const program = ts.createProgram([contractPath], config.options, host);
  return ts.getPreEmitDiagnostics(program, program.getSourceFile(contractPath)).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
}

test('a channel or an event missing from the contract list is a compile error', () => {
  const text = readFileSync(contractPath, 'utf8');
  assert.deepEqual(contractErrors(text), [], 'the contract as it is compiles');
  const noChannel = text.replace(/^ {2}discoverDevices: true,\n/m, '');
  assert.notEqual(noChannel, text);
  assert.ok(contractErrors(noChannel).some((m) => m.includes("'discoverDevices'")), 'a left-out channel is named');
  const noEvent = text.replace('stateChanged: true ', '');
  assert.notEqual(noEvent, text);
  assert.ok(contractErrors(noEvent).some((m) => m.includes("'stateChanged'")), 'a left-out event is named');
});

/** The import rules of eslint.config.mjs (the type-aware parts left out: they need a program). */
async function importRules(): Promise<ESLint> {
  const config = ((await import(pathToFileURL(path.join(root, 'eslint.config.mjs')).href)) as { default: Linter.Config[] }).default;
  const rules = ['no-restricted-imports', '@typescript-eslint/no-restricted-imports', 'no-restricted-properties'];
  const restricted = config.filter((c) => c.rules && rules.some((r) => r in c.rules!));
  assert.ok(restricted.length >= 3);
  const base = config.filter((c) => c.plugins?.['@typescript-eslint'] && c.languageOptions?.parser && !c.rules);
  return new ESLint({ cwd: root, overrideConfigFile: true, overrideConfig: [{ files: ['**/*.ts'] }, ...base, ...restricted] });
}

async function errors(eslint: ESLint, file: string, code: string): Promise<string[]> {
  const [r] = await eslint.lintText(code, { filePath: path.join(root, file) });
  return r!.messages.map((m) => `${m.ruleId}: ${m.message}`);
}

test('electron is a lint error outside main/app and preload; the renderer imports only pure modules', async () => {
  const eslint = await importRules();
  const electron = "import { app } from 'electron';\nexport const a = app;\n";
  for (const file of ['main/core/x.ts', 'main/ipc/x.ts', 'main/cli/x.ts', 'main/tray/x.ts', 'main/desktop/x.ts', 'main/cli.ts', 'renderer/x.ts']) {
    assert.ok((await errors(eslint, file, electron)).some((m) => m.includes('electron')), file);
  }
  for (const file of ['main/app/x.ts', 'preload/x.ts']) assert.deepEqual(await errors(eslint, file, electron), [], file);

  const renderer = (code: string) => errors(eslint, 'renderer/x.ts', code);
  assert.deepEqual(await renderer("import { isUserError } from '../main/core/errors';\nimport { byId } from './dom';\nexport const x = [isUserError, byId];\n"), []);
  assert.deepEqual(await renderer("import type { MfaService } from '../main/core/session';\nexport type X = MfaService;\n"), [], 'types from anywhere');
  for (const bad of ["import { MfaService } from '../main/core/session';", "import { readFileSync } from 'node:fs';", "import x from 'commander';", "import { x } from '../test/helpers/world';"]) {
    assert.equal((await renderer(`${bad}\nexport const y = 1;\n`)).length, 1, bad);
  }
});

test('main/core reads process.platform in main/core/host.ts only', async () => {
  const eslint = await importRules();
  const read = 'export const windows = process.platform === "win32";\n';
  assert.ok((await errors(eslint, 'main/core/x.ts', read)).some((m) => m.includes('HOST_PLATFORM')));
  assert.ok((await errors(eslint, 'main/core/renew/x.ts', read)).some((m) => m.includes('HOST_PLATFORM')));
  assert.deepEqual(await errors(eslint, 'main/core/host.ts', read), []);
  assert.deepEqual(await errors(eslint, 'main/cli/x.ts', read), [], 'the entry points pass it in');
});
