// Preloaded with --require: writes every module the process loads (files and built-ins) to the file
// named by RECORD_REQUIRES when it exits, to prove what a command does NOT load.
'use strict';
const Module = require('node:module');
const fs = require('node:fs');
const seen = new Set();
const load = Module._load;
Module._load = function (request, parent, isMain) {
  try {
    seen.add(request.startsWith('node:') || !request.startsWith('.') ? request : Module._resolveFilename(request, parent, isMain));
  } catch {
    seen.add(request);
  }
  return load.apply(this, arguments);
};
process.on('exit', () => fs.writeFileSync(process.env.RECORD_REQUIRES, [...seen].join('\n')));
