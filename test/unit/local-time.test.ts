/**
 * Local times with the zone (main/cli/local-time.ts): a zone name known from the cache file
 * (main/cli/zone-names.ts) gives exactly the text Intl gives, without Intl, in every zone and
 * language tried, across DST and half-hour offsets; a name that is not a zone name is not shown.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, test } from 'node:test';
import { keepZoneNamesIn, localTime } from '../../main/cli/local-time';
import { ZoneNames } from '../../main/cli/zone-names';

const ZONES = ['Asia/Tokyo', 'America/New_York', 'America/Los_Angeles', 'Europe/London', 'Europe/Berlin', 'Asia/Kolkata', 'Australia/Lord_Howe', 'Pacific/Chatham', 'UTC'];
const TIMES = ['2026-01-15T03:04:05Z', '2026-07-15T23:59:00Z', '2026-03-08T07:30:00Z'];
const tz = process.env.TZ;
const RealDTF = Intl.DateTimeFormat;

afterEach(() => {
  if (tz === undefined) delete process.env.TZ;
  else process.env.TZ = tz;
  Intl.DateTimeFormat = RealDTF;
  keepZoneNamesIn(null);
});

const cacheFile = (): string => path.join(mkdtempSync(path.join(os.tmpdir(), 'mfa-zones-')), 'aws-mfa-tray', 'zone-names.json');

/** Intl.DateTimeFormat that fails the test if anything constructs it. */
function noIntl(): void {
  Intl.DateTimeFormat = function () {
    throw new Error('Intl.DateTimeFormat was used');
  } as unknown as typeof Intl.DateTimeFormat;
}

test('a known zone gives the same text as Intl, without Intl, in every zone, season and language', () => {
  const file = cacheFile();
  let compared = 0;
  const zoneNames = new Set<string>();
  for (const zone of ZONES) {
    process.env.TZ = zone; // Node re-reads the zone on assignment
    for (const iso of TIMES) {
      for (const locale of ['en', 'ja'] as const) {
        keepZoneNamesIn(null);
        const intl = localTime(iso, locale);
        zoneNames.add(intl.split(' ')[2]!);
        keepZoneNamesIn(file);
        assert.equal(localTime(iso, locale), intl, 'first time: asked Intl, remembered');
        keepZoneNamesIn(file); // the next run: read back from the file
        noIntl();
        assert.equal(localTime(iso, locale), intl, `${zone} ${iso} ${locale}`);
        Intl.DateTimeFormat = RealDTF;
        compared++;
      }
    }
  }
  assert.equal(compared, ZONES.length * TIMES.length * 2);
  assert.ok(zoneNames.size >= 10, `the zones really changed: ${[...zoneNames].join(' ')}`);
  process.env.TZ = 'Asia/Tokyo';
  keepZoneNamesIn(file);
  noIntl();
  assert.equal(localTime('2026-12-07T12:46:00Z', 'ja'), '2026-12-07 21:46 JST');
  assert.equal(localTime('2026-12-07T12:46:00Z', 'en'), '2026-12-07 21:46 GMT+9');
  if (process.platform !== 'win32') assert.equal(statSync(file).mode & 0o777, 0o600);
});

test('an explicit zone (tests, --json aside) always asks Intl; so does a process that keeps no names', () => {
  const file = cacheFile();
  process.env.TZ = 'UTC';
  keepZoneNamesIn(file);
  assert.equal(localTime('2026-12-07T12:46:00Z', 'en', 'Asia/Tokyo'), '2026-12-07 21:46 GMT+9');
  assert.throws(() => readFileSync(file), { code: 'ENOENT' }, 'nothing remembered for another zone');
  keepZoneNamesIn(null);
  noIntl();
  assert.throws(() => localTime('2026-12-07T12:46:00Z', 'en'), /Intl.DateTimeFormat was used/);
});

test('a cached value that is not a zone name is not shown: Intl is asked again and the file mended', () => {
  const file = cacheFile();
  process.env.TZ = 'Asia/Tokyo';
  const d = new Date('2026-12-07T12:46:00Z');
  keepZoneNamesIn(file);
  localTime(d.toISOString(), 'ja');
  const key = ZoneNames.keyOf(d, 'ja');
  writeFileSync(file, JSON.stringify({ [key]: '\u001b[31mJST' }));
  keepZoneNamesIn(file);
  assert.equal(localTime(d.toISOString(), 'ja'), '2026-12-07 21:46 JST');
  assert.equal((JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>)[key], 'JST');
  writeFileSync(file, '[not json');
  keepZoneNamesIn(file);
  assert.equal(localTime(d.toISOString(), 'ja'), '2026-12-07 21:46 JST');
});
