/**
 * What `scutil --proxy` (macOS) and `reg query "HKCU\...\Internet Settings"` (Windows) print, from a
 * plain description of the settings, laid out as the real tools lay it out (keys sorted, two-space
 * indents, a __SCOPED__ copy per interface for scutil; four-space columns, other values and subkey
 * names around ours for reg). The parsers must find ours among the rest.
 */

/** SCDynamicStoreCopyProxies' dictionary: numbers, strings, and ExceptionsList as an array. */
export type ScutilSettings = Record<string, number | string | string[]>;

function scutilBody(settings: ScutilSettings, indent: string): string[] {
  const lines: string[] = [];
  for (const key of Object.keys(settings).sort()) {
    const v = settings[key]!;
    if (Array.isArray(v)) {
      lines.push(`${indent}${key} : <array> {`, ...v.map((e, i) => `${indent}  ${i} : ${e}`), `${indent}}`);
    } else {
      lines.push(`${indent}${key} : ${v}`);
    }
  }
  return lines;
}

/** `scutil --proxy`; the per-interface copy under __SCOPED__ holds other values, which must not count. */
export function scutilOutput(settings: ScutilSettings, scoped: ScutilSettings = { HTTPSEnable: 1, HTTPSPort: 9, HTTPSProxy: 'scoped.invalid', ExceptionsList: ['*'] }): string {
  return [
    '<dictionary> {',
    ...scutilBody({ FTPPassive: 1, ...settings }, '  '),
    '  __SCOPED__ : <dictionary> {',
    '    en0 : <dictionary> {',
    ...scutilBody(scoped, '      '),
    '    }',
    '  }',
    '}',
    '',
  ].join('\n');
}

/** Internet Settings values: numbers are REG_DWORD, strings REG_SZ. */
export type RegistrySettings = Record<string, number | string>;

const KEY = 'HKEY_CURRENT_USER\\Software\\Microsoft\\Windows\\CurrentVersion\\Internet Settings';

/** `reg query` of the Internet Settings key (CRLF line ends, as reg.exe writes them). */
export function regQueryOutput(values: RegistrySettings): string {
  const all: RegistrySettings = { CertificateRevocation: 1, DisableCachingOfSSLPages: 0, 'User Agent': 'Mozilla/4.0 (compatible; MSIE 8.0; Win32)', ...values, EnableNegotiate: 1 };
  const lines = ['', KEY];
  for (const [name, v] of Object.entries(all)) lines.push(typeof v === 'number' ? `    ${name}    REG_DWORD    0x${v.toString(16)}` : `    ${name}    REG_SZ    ${v}`);
  lines.push('    ZonesSecurityUpgrade    REG_BINARY    A6F1C27B9D4EDA01', '', `${KEY}\\5.0`, `${KEY}\\Connections`, `${KEY}\\ZoneMap`, '');
  return lines.join('\r\n');
}
