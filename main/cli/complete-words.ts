/**
 * What a shell's Tab completes, worked out from the command tree itself (so completion never
 * drifts from the commands): subcommands, options, option values with fixed choices, and profile
 * names from the credentials and config files where a command takes a profile. The shell scripts
 * of ./completion-scripts.ts only ask `aws-mfa-tray __complete -- <words...>` and show the answer.
 */
import { readFileSync } from 'node:fs';
import type { Command, Option } from 'commander';
import type { Paths } from '../core/paths';

/** Section names of both files, read leniently: a file that cannot be read offers no names, never an error. */
export function profileNames(paths: Pick<Paths, 'credentialsFile' | 'configFile'>): string[] {
  const names = new Set<string>();
  const read = (file: string): string => {
    try {
      return readFileSync(file, 'utf8');
    } catch {
      return '';
    }
  };
  for (const m of read(paths.credentialsFile).matchAll(/^[ \t]*\[[ \t]*([^\]\s]+)[ \t]*\]/gm)) names.add(m[1]!);
  for (const m of read(paths.configFile).matchAll(/^[ \t]*\[[ \t]*(?:profile[ \t]+([^\]\s]+)|(default))[ \t]*\]/gm)) names.add((m[1] ?? m[2])!);
  return [...names].sort();
}

const takesProfile = (name: string): boolean => /^(profile|target)$/.test(name);
/** Values of arguments and options that the commands check themselves (so commander has no choices for them). */
const VALUES: Record<string, string[]> = {
  partition: ['aws', 'aws-cn', 'aws-us-gov'],
  variant: ['document', 'current'],
  format: ['env', 'fish', 'powershell', 'json', 'ini'],
  shell: ['bash', 'zsh', 'fish', 'powershell'],
};
const valuesOf = (name: string, choices: readonly string[] | undefined, profiles: () => string[]): string[] =>
  choices ? [...choices] : (VALUES[name] ?? (takesProfile(name) ? profiles() : []));
const takesValue = (o: Option): boolean => o.required || o.optional;
const visible = (c: Command): Command[] => c.commands.filter((s) => !s.name().startsWith('_'));

function findOption(cmd: Command, word: string): Option | undefined {
  const flag = word.split('=')[0];
  for (let c: Command | null = cmd; c; c = c.parent) {
    const o = c.options.find((x) => x.long === flag || x.short === flag);
    if (o) return o;
  }
  return undefined;
}

/** Candidates for the last word of `words` (the words after the program name; the last may be ''). */
export function completeWords(program: Command, words: string[], profiles: () => string[]): string[] {
  const cur = words.at(-1) ?? '';
  const match = (list: string[]): string[] => [...new Set(list)].filter((x) => x.startsWith(cur));
  let cmd = program;
  let positional = 0;
  let valueFor: Option | undefined;
  for (const w of words.slice(0, -1)) {
    if (valueFor) {
      valueFor = undefined;
      continue;
    }
    if (w === '--') return []; // the rest belongs to another command (exec): the shell completes files
    if (w.startsWith('-')) {
      const o = findOption(cmd, w);
      if (o && takesValue(o) && !w.includes('=')) valueFor = o;
      continue;
    }
    const sub = positional === 0 ? visible(cmd).find((s) => s.name() === w || s.aliases().includes(w)) : undefined;
    if (sub) cmd = sub;
    else if (cmd === program && w === 'help') return match(visible(program).map((s) => s.name()));
    else positional++;
  }
  if (valueFor) return match(valuesOf(valueFor.attributeName(), valueFor.argChoices, profiles));
  if (cur.startsWith('-')) return match([...cmd.options.filter((o) => !o.hidden && o.long).map((o) => o.long!), '--help']);
  const subs = visible(cmd);
  if (subs.length > 0 && positional === 0) return match([...subs.map((s) => s.name()), ...(cmd === program ? ['help'] : [])]);
  const arg = cmd.registeredArguments[Math.min(positional, cmd.registeredArguments.length - 1)];
  if (!arg || (positional >= cmd.registeredArguments.length && !arg.variadic)) return [];
  return match(valuesOf(arg.name(), arg.argChoices, profiles));
}
