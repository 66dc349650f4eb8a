/*
 * One keytar call in a process of its own (main/core/keychain.ts). libsecret keeps the Secret
 * Service it first talked to for the life of a process; once that daemon has restarted (gnome-keyring
 * crashes and is restarted by systemd on some desktops), getPassword, setPassword and deletePassword
 * fail in that process for good. A new process talks to the new daemon. Run by plain Node only
 * (the CLI): the packaged app's Electron binary cannot run a script as Node (RunAsNode fuse off).
 * Request and reply are one JSON text each, on stdin and stdout: a secret is never an argument.
 * A failure is only { ok: false }: the caller says its one sentence either way.
 */
'use strict';
const OPS = new Set(['getPassword', 'setPassword', 'deletePassword', 'findCredentials']);
const chunks = [];
process.stdin.on('data', (c) => chunks.push(c));
process.stdin.on('end', () => {
  let request;
  try {
    request = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    request = null;
  }
  const done = (reply) => process.stdout.write(JSON.stringify(reply));
  if (!request || !OPS.has(request.op) || !Array.isArray(request.args) || !request.args.every((a) => typeof a === 'string')) return done({ ok: false });
  let keytar;
  try {
    keytar = require('keytar');
  } catch {
    return done({ ok: false });
  }
  keytar[request.op](...request.args).then(
    (value) => done({ ok: true, value }),
    () => done({ ok: false }),
  );
});
