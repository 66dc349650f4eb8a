/**
 * The README's recipes, run for real against the emulator with the tools installed here:
 * Terraform's AWS provider on a credential_process profile (provider from the local mirror in
 * /opt/tf-plugins), kubectl with an EKS-style exec credential (`aws eks get-token ... --profile mfa`)
 * against a stand-in API server that checks the token, and the AWS SDK for JavaScript v3 (what the
 * CDK uses) on the credential_process profile. Each is skipped, saying why, where its tool is missing.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import * as https from 'node:https';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { runCli, runProcess } from '../helpers/cli';
import { hasAwsCli, peerEnv } from '../helpers/peers';
import { TestPki } from '../helpers/test-pki';
import { createWorld, type World } from '../helpers/world';

const TF_MIRROR = '/opt/tf-plugins';
const has = (cmd: string, args: string[]): boolean => spawnSync(cmd, args, { encoding: 'utf8' }).status === 0;
let w: World;
let env: NodeJS.ProcessEnv;
let sessionKey: string;
before(async () => {
  w = await createWorld();
  env = peerEnv(w);
  const serial = w.user.devices[0]!.serial;
  w.writeConfig(`[default]\nregion = us-east-1\nmfa_serial = ${serial}\n\n[profile work]\ncredential_process = aws-mfa-tray credential-process mfa\nregion = us-east-1\n`);
  await w.storeKeys('default');
  const r = await runCli(w.env, ['login', 'default', '--code', w.emulator.nextFreshCode(serial)]);
  assert.equal(r.code, 0, r.stderr);
  sessionKey = /aws_access_key_id = (\S+)/.exec(w.credentialsText()!)![1]!;
});
after(() => w.close());

test('Terraform: the AWS provider on the credential_process profile', { skip: !(has('terraform', ['version']) && existsSync(TF_MIRROR)) && 'terraform or its provider mirror is not here', timeout: 300_000 }, async () => {
  const dir = path.join(w.home, 'tf');
  mkdirSync(dir);
  const rc = path.join(w.home, 'terraformrc');
  writeFileSync(rc, `provider_installation {\n  filesystem_mirror {\n    path = "${TF_MIRROR}"\n  }\n}\n`);
  writeFileSync(
    path.join(dir, 'main.tf'),
    [
      'provider "aws" {',
      '  profile = "work"',
      '  skip_region_validation = true',
      `  endpoints {\n    sts = "${w.emulator.url}"\n    iam = "${w.emulator.url}"\n  }`,
      '}',
      'data "aws_caller_identity" "me" {}',
      'output "arn" { value = data.aws_caller_identity.me.arn }',
      '',
    ].join('\n'),
  );
  const tfEnv = { ...env, TF_CLI_CONFIG_FILE: rc, TF_IN_AUTOMATION: '1', CHECKPOINT_DISABLE: '1' };
  const init = await runProcess('terraform', ['init', '-input=false', '-no-color'], { env: tfEnv, cwd: dir });
  assert.equal(init.code, 0, init.stdout + init.stderr);
  const apply = await runProcess('terraform', ['apply', '-auto-approve', '-input=false', '-no-color'], { env: tfEnv, cwd: dir, detached: true });
  assert.equal(apply.code, 0, apply.stdout + apply.stderr);
  assert.match(apply.stdout, /arn = "arn:aws:iam::\d+:user\/alice"/);
});

test('kubectl: an EKS kubeconfig exec with aws eks get-token --profile mfa sends a token made with the session', { skip: !(has('kubectl', ['version', '--client']) && hasAwsCli) && 'kubectl or a usable AWS CLI is not here', timeout: 120_000 }, async () => {
  let auth = '';
  // client-go sends exec credentials over TLS only: a stand-in API server with a private CA.
  const pki = new TestPki();
  const ca = pki.ca('kube-ca');
  const server = https.createServer(pki.serverCert(ca, ['127.0.0.1']), (req, res) => {
    auth = req.headers.authorization ?? '';
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [] }));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  try {
    const port = (server.address() as AddressInfo).port;
    const kubeconfig = path.join(w.home, 'kubeconfig');
    writeFileSync(
      kubeconfig,
      [
        'apiVersion: v1',
        'kind: Config',
        `clusters: [{name: demo, cluster: {server: "https://127.0.0.1:${port}", certificate-authority-data: ${Buffer.from(ca.pem).toString('base64')}}}]`,
        'contexts: [{name: demo, context: {cluster: demo, user: demo}}]',
        'current-context: demo',
        'users:',
        '- name: demo',
        '  user:',
        '    exec:',
        '      apiVersion: client.authentication.k8s.io/v1beta1',
        '      command: aws',
        '      args: [eks, get-token, --cluster-name, demo, --region, us-east-1, --profile, mfa]',
        '      interactiveMode: Never',
        '',
      ].join('\n'),
    );
    const r = await runProcess('kubectl', ['--kubeconfig', kubeconfig, 'get', '--raw', '/api'], { env, detached: true });
    assert.equal(r.code, 0, r.stderr);
    const m = /^Bearer k8s-aws-v1\.(.+)$/.exec(auth);
    assert.ok(m, `the API server got an EKS token: ${auth}`);
    const url = Buffer.from(m[1]!, 'base64url').toString('utf8');
    assert.match(url, /Action=GetCallerIdentity/);
    assert.ok(url.includes(`X-Amz-Credential=${sessionKey}`), 'signed with the MFA session');
  } finally {
    server.close();
    pki.cleanup();
  }
});

test('the AWS SDK for JavaScript v3 (the CDK’s) on the credential_process profile', async () => {
  const script = [
    "const { STSClient, GetCallerIdentityCommand } = require('@aws-sdk/client-sts');",
    "new STSClient({ profile: 'work' }).send(new GetCallerIdentityCommand({})).then((r) => console.log(r.Arn), (e) => { console.error(e.message); process.exit(1); });",
  ].join('\n');
  const r = await runProcess(process.execPath, ['-e', script], { env, cwd: path.resolve(__dirname, '../..'), detached: true });
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /:user\/alice\n$/);
});
