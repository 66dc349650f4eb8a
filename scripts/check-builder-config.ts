/**
 * Validates electron-builder.yml against electron-builder's own JSON schema without building
 * (a build needs Electron's binary, which cannot be downloaded here).
 * Run: npx node --import tsx scripts/check-builder-config.ts
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const root = path.join(import.meta.dirname, '..');
// electron-builder's own dependencies: the schema's draft-07 validator and YAML reader.
const Ajv = require('ajv') as new (o: object) => { compile(s: object): ((d: unknown) => boolean) & { errors?: unknown[] } };
const yaml = require('js-yaml') as { load(s: string): unknown };

export function checkBuilderConfig(): unknown[] {
  const schema = JSON.parse(fs.readFileSync(require.resolve('app-builder-lib/scheme.json'), 'utf8')) as object;
  const config = yaml.load(fs.readFileSync(path.join(root, 'electron-builder.yml'), 'utf8'));
  const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);
  return validate(config) ? [] : (validate.errors ?? []);
}

if (process.argv[1]?.endsWith('check-builder-config.ts')) {
  const errors = checkBuilderConfig();
  if (errors.length) {
    console.error(JSON.stringify(errors, null, 2));
    process.exit(1);
  }
  console.log('electron-builder.yml matches the electron-builder schema');
}
