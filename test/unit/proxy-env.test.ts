/**
 * The environment's proxy settings mean what they mean to the AWS CLI: each case is answered by
 * botocore itself (the AWS CLI's HTTP layer, v1 and Debian's v2 where installed) and by
 * envProxyFor, and the answers must be equal. Cases cover upper/lower case precedence, empty
 * values, NO_PROXY forms (host, suffix, leading dot, "*", ports, IPs, CIDR, odd spacing) and
 * proxy URLs without a scheme.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { test } from 'node:test';
import { envProxyFor } from '../../main/core/network/proxy-env';

const STS = 'https://sts.us-east-1.amazonaws.com';
const P = 'http://proxy.corp:3128';

const cases: { env: Record<string, string>; url: string }[] = [
  { env: {}, url: STS },
  { env: { HTTPS_PROXY: P }, url: STS },
  { env: { https_proxy: P }, url: STS },
  { env: { HTTP_PROXY: P }, url: STS },
  { env: { HTTP_PROXY: P }, url: 'http://localhost:4566' },
  { env: { HTTPS_PROXY: 'http://upper:1', https_proxy: 'http://lower:2' }, url: STS },
  { env: { HTTPS_PROXY: P, https_proxy: '' }, url: STS },
  { env: { HTTPS_PROXY: '', https_proxy: P }, url: STS },
  { env: { ALL_PROXY: P }, url: STS },
  { env: { HTTPS_PROXY: 'proxy.corp:3128' }, url: STS },
  { env: { HTTPS_PROXY: '//proxy.corp:3128' }, url: STS },
  { env: { HTTPS_PROXY: 'https://proxy.corp:8443' }, url: STS },
  { env: { HTTPS_PROXY: 'http://us%40er:p%40ss@proxy.corp:3128' }, url: STS },
  { env: { HTTP_PROXY: P, REQUEST_METHOD: 'GET' }, url: 'http://localhost:4566' },
  { env: { http_proxy: P, REQUEST_METHOD: 'GET' }, url: 'http://localhost:4566' },
  ...[
    'sts.us-east-1.amazonaws.com',
    'STS.US-EAST-1.AMAZONAWS.COM',
    'amazonaws.com',
    '.amazonaws.com',
    '..amazonaws.com',
    'azonaws.com',
    '*.amazonaws.com',
    '*',
    ' * ',
    'example.com,amazonaws.com',
    ' example.com ,  amazonaws.com ',
    ',,',
    'example.com',
    'sts.us-east-1.amazonaws.com:443',
    'com',
  ].map((no) => ({ env: { HTTPS_PROXY: P, NO_PROXY: no }, url: STS })),
  { env: { HTTPS_PROXY: P, NO_PROXY: 'example.com', no_proxy: 'amazonaws.com' }, url: STS },
  { env: { HTTPS_PROXY: P, NO_PROXY: 'amazonaws.com', no_proxy: '' }, url: STS },
  ...['localhost:4566', 'localhost:1', 'localhost', '127.0.0.1', '0.0.1', '127.0.0.0/8', '::1', '[::1]'].flatMap((no) => [
    { env: { HTTPS_PROXY: P, NO_PROXY: no }, url: 'https://localhost:4566' },
    { env: { HTTPS_PROXY: P, NO_PROXY: no }, url: 'https://127.0.0.1:4566' },
    { env: { HTTPS_PROXY: P, NO_PROXY: no }, url: 'https://[::1]:4566' },
  ]),
];

/** botocore's answers, from each Python that has an AWS CLI's botocore. */
function botocore(python: string): (string | null)[] | null {
  const r = spawnSync(python, [path.join(__dirname, 'botocore_proxy.py')], { input: JSON.stringify(cases), encoding: 'utf8' });
  if (r.error || r.status !== 0) return null;
  return JSON.parse(r.stdout) as (string | null)[];
}

const ours = (c: (typeof cases)[number]): string | null => {
  const p = envProxyFor(new URL(c.url), c.env);
  return p === 'direct' || p === null ? null : p.url.href;
};
const normal = (s: string | null) => (s === null ? null : new URL(s).href);

for (const [cli, python] of [
  ['AWS CLI v1 (pyenv botocore)', 'python3'],
  ["Debian's AWS CLI v2", '/usr/bin/python3'],
] as const) {
  test(`proxy choice equals ${cli}'s for ${cases.length} cases`, (t) => {
    const theirs = botocore(python);
    if (!theirs) return t.skip(`${cli} is not installed here (no botocore for ${python})`);
    const mismatches = cases.flatMap((c, i) => (normal(theirs[i] ?? null) === ours(c) ? [] : [{ ...c, botocore: theirs[i], ours: ours(c) }]));
    assert.deepEqual(mismatches, []);
  });
}

test('the cases are not all alike: some go direct, some through each kind of proxy', () => {
  const answers = new Set(cases.map(ours));
  assert.ok(answers.has(null));
  assert.ok(answers.has('http://proxy.corp:3128/'));
  assert.ok(answers.has('http://lower:2/'));
  assert.ok(answers.has('https://proxy.corp:8443/'));
});
