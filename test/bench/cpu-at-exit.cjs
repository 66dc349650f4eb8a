// Preloaded into a benchmarked CLI process (node --require): appends the CPU time the process used
// (user + system, since it started) to the file CPU_AT_EXIT names. Wall time on a shared machine
// moves with its load; CPU time much less.
'use strict';
process.on('exit', () => {
  const u = process.cpuUsage();
  require('node:fs').appendFileSync(process.env.CPU_AT_EXIT, `${(u.user + u.system) / 1000}\n`);
});
