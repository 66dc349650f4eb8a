// Preloaded with --require by `npm run bench -- --breakdown` only (test/bench/breakdown.ts) and test/integration/cli-login-timeline.test.ts; never shipped.
// Records, for one CLI process, when each step of a login starts and ends, from the outside of the
// code: the three bundles' require()s (and keytar's), keytar's calls (the keychain read), every
// HTTP request (the STS round trip), fsyncs, renames and lock folders (the write and the
// bookkeeping), and the 'exit' event; also the Node built-in modules the process loaded. Times are epoch milliseconds (performance.timeOrigin +
// performance.now(), the clock the bench itself uses), written as JSON to BREAKDOWN_OUT at exit.
'use strict';
const Module = require('node:module');
const fs = require('node:fs');
const http = require('node:http');
const https = require('node:https');
const { performance } = require('node:perf_hooks');

const now = () => performance.timeOrigin + performance.now();
const events = [{ name: 'hook', start: now(), end: now() }];
const timing = performance.nodeTiming;
const record = (name, start, end = now(), detail) => events.push({ name, start, end, ...(detail ? { detail } : {}) });
const short = (p) => String(p).split(/[\\/]/).slice(-2).join('/');

// 1. require() of the bundles and of the keychain addon (inclusive; breakdown.ts subtracts nesting).
const tracked = [/dist[\\/]cli\.js$/, /dist[\\/]cli-program\.js$/, /dist[\\/]aws\.js$/, /keytar[\\/]lib[\\/]keytar\.js$/];
const load = Module._load;
Module._load = function (request, parent, isMain) {
  let file = '';
  try {
    file = request.startsWith('node:') ? '' : Module._resolveFilename(request, parent, isMain);
  } catch {
    file = '';
  }
  if (!tracked.some((re) => re.test(file)) || Module._cache[file]) return load.apply(this, arguments);
  const start = now();
  try {
    return wrapKeytar(file, load.apply(this, arguments));
  } finally {
    record(`require ${/keytar/.test(file) ? 'keytar' : short(file)}`, start);
  }
};

// 2. keytar's calls: the keychain round trip over D-Bus.
function wrapKeytar(file, exports) {
  if (!/keytar/.test(file)) return exports;
  const wrapped = { ...exports };
  for (const [k, fn] of Object.entries(exports)) {
    if (typeof fn !== 'function') continue;
    wrapped[k] = (...args) => {
      const start = now();
      return fn(...args).finally(() => record(`keytar.${k}`, start));
    };
  }
  return wrapped;
}

// 3. HTTP requests: from the call to the response's last byte (the signing happens before the call).
for (const mod of [http, https]) {
  const request = mod.request;
  mod.request = function (...args) {
    const start = now();
    const req = request.apply(this, args);
    req.once('response', (res) => {
      const first = now();
      res.once('end', () => record('http request -> response end', start, now(), { firstByte: first - start }));
    });
    return req;
  };
}

// 4. fsync, rename, lock folders (proper-lockfile: mkdir <file>.lock, rmdir when released).
const fdPath = new Map();
const open = fs.open;
fs.open = function (p, ...rest) {
  const cb = rest.pop();
  return open.call(this, p, ...rest, (err, fd) => {
    if (!err) fdPath.set(fd, p);
    cb(err, fd);
  });
};
const fsync = fs.fsync;
fs.fsync = function (fd, cb) {
  const start = now();
  return fsync.call(this, fd, (err) => {
    record('fsync', start, now(), { file: short(fdPath.get(fd) ?? '?') });
    cb(err);
  });
};
// Lock folders (<file>.lock) and renames, in callback and synchronous form (atomic-write.ts and
// file-lock.ts's lockFs make the synchronous calls).
const tracks = (name, p) => name === 'rename' || String(p).endsWith('.lock');
const fileOf = (name, p, rest) => short(name === 'rename' ? rest[0] : p);
for (const name of ['mkdir', 'rmdir', 'rename']) {
  const orig = fs[name];
  fs[name] = function (p, ...rest) {
    const cb = rest.pop();
    if (typeof cb !== 'function' || !tracks(name, p)) return orig.call(this, p, ...rest, cb);
    const start = now();
    return orig.call(this, p, ...rest, (...r) => {
      record(name, start, now(), { file: fileOf(name, p, rest), ok: !r[0] });
      cb(...r);
    });
  };
  const origSync = fs[`${name}Sync`];
  fs[`${name}Sync`] = function (p, ...rest) {
    if (!tracks(name, p)) return origSync.call(this, p, ...rest);
    const start = now();
    let ok = false;
    try {
      const r = origSync.call(this, p, ...rest);
      ok = true;
      return r;
    } finally {
      record(name, start, now(), { file: fileOf(name, p, rest), ok });
    }
  };
}
const openSync = fs.openSync;
fs.openSync = function (p, ...rest) {
  const fd = openSync.call(this, p, ...rest);
  fdPath.set(fd, p);
  return fd;
};
const p = fs.promises;
const prename = p.rename;
p.rename = async function (from, to) {
  const start = now();
  try {
    return await prename.call(this, from, to);
  } finally {
    record('rename', start, now(), { file: short(to) });
  }
};
const popen = p.open;
p.open = async function (path, ...rest) {
  const fh = await popen.call(this, path, ...rest);
  const sync = fh.sync;
  fh.sync = async function () {
    const start = now();
    try {
      return await sync.call(this);
    } finally {
      record('fsync', start, now(), { file: short(path) });
    }
  };
  return fh;
};

process.on('exit', () => {
  record('exit event', now());
  fs.writeFileSync(process.env.BREAKDOWN_OUT, JSON.stringify({ timeOrigin: performance.timeOrigin, nodeTiming: timing.toJSON ? timing.toJSON() : timing, events, builtins: process.moduleLoadList.filter((m) => m.startsWith('NativeModule ')).map((m) => m.slice(13)) }));
});
