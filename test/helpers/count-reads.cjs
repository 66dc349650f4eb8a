// Preloaded into a CLI process under test (node --require): counts how often the file named by
// COUNT_READS_OF is opened or read through node:fs, and writes the count to COUNT_READS_OUT at exit.
'use strict';
const fs = require('node:fs');
const fsp = require('node:fs/promises');
const path = require('node:path');

const target = path.resolve(process.env.COUNT_READS_OF);
let reads = 0;
const hit = (p) => {
  if (typeof p === 'string' && path.resolve(p) === target) {
    reads++;
    if (process.env.COUNT_READS_TRACE) console.error(new Error('read').stack);
  }
};
const wrap = (obj, name) => {
  const orig = obj[name];
  obj[name] = function (p, ...rest) {
    hit(p);
    return orig.call(this, p, ...rest);
  };
};
for (const name of ['open', 'openSync', 'readFile', 'readFileSync', 'createReadStream']) wrap(fs, name);
// node:fs/promises is the same object as fs.promises: wrapped once.
for (const name of ['open', 'readFile']) wrap(fsp, name);
process.on('exit', () => fs.writeFileSync(process.env.COUNT_READS_OUT, JSON.stringify({ reads })));
