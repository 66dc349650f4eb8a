// node:test reporter for the Windows lane, run by Windows' Node under wine: one JSON line per finished
// test (and per line a test printed), written to --test-reporter-destination (a file: under wine,
// Windows' Node cannot write to a Unix pipe). test/windows/lane.test.ts reads it back.
const text = (e) => (e === undefined ? undefined : String(e?.cause?.stack ?? e?.stack ?? e?.message ?? e));

export default async function* jsonlReporter(source) {
  for await (const ev of source) {
    const d = ev.data ?? {};
    if (ev.type === 'test:pass' || ev.type === 'test:fail') {
      yield `${JSON.stringify({
        type: ev.type,
        name: d.name,
        nesting: d.nesting,
        file: d.file,
        kind: d.details?.type,
        skip: d.skip,
        todo: d.todo,
        ms: d.details?.duration_ms,
        error: ev.type === 'test:fail' ? text(d.details?.error) : undefined,
      })}\n`;
    } else if (ev.type === 'test:stdout' || ev.type === 'test:stderr') {
      yield `${JSON.stringify({ type: ev.type, file: d.file, message: d.message })}\n`;
    }
  }
}
