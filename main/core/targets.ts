/**
 * Which profile a source profile's session goes to, and back: which source profile renews a
 * target. Pure functions (the renderer uses them too for its placeholders).
 *
 * Target of a login: --target, else the settings entry, else `mfa` (the settings' defaultTarget)
 * for source profile `default`, else `<profile>-mfa`. So two source profiles never share a target
 * by accident, and the seed's convention (`default` -> `mfa`) still holds.
 */
import type { ProfileEntry, Settings } from './types';

export const DEFAULT_SOURCE_PROFILE = 'default';
const TARGET_SUFFIX = '-mfa';

/** The naming rule alone: `default` -> defaultTarget (mfa), any other `p` -> `p-mfa`. */
export function defaultTargetFor(sourceProfile: string, defaultTarget = 'mfa'): string {
  return sourceProfile === DEFAULT_SOURCE_PROFILE ? defaultTarget : `${sourceProfile}${TARGET_SUFFIX}`;
}

/** The settings entry of a source profile, if it has one: the one place that looks it up. */
export function settingsEntry(settings: Pick<Settings, 'profiles'>, sourceProfile: string): ProfileEntry | undefined {
  return settings.profiles.find((p) => p.sourceProfile === sourceProfile);
}

/** The settings entry that writes to `target`, if any (`except`: a source profile to leave out). */
export function entryWritingTo(settings: Pick<Settings, 'profiles'>, target: string, except?: string): ProfileEntry | undefined {
  return settings.profiles.find((p) => p.target === target && p.sourceProfile !== except);
}

/** Target of a login: explicit, else the profile's settings entry, else the naming rule. */
export function targetFor(sourceProfile: string, settings: Pick<Settings, 'profiles' | 'defaultTarget'>, explicit?: string): string {
  if (explicit !== undefined) return explicit;
  return settingsEntry(settings, sourceProfile)?.target ?? defaultTargetFor(sourceProfile, settings.defaultTarget);
}

export type SourceFoundBy = 'settings' | 'sessions' | 'naming rule';

/**
 * The source profile whose keys renew `target`: the settings, else the tool's session records, else
 * the naming rule read backwards (`mfa` -> `default`, `p-mfa` -> `p`). Null when nothing says.
 */
export function sourceForTarget(
  target: string,
  settings: Pick<Settings, 'profiles' | 'defaultTarget'>,
  sessions: Record<string, { profile: string }>,
): { profile: string; foundBy: SourceFoundBy } | null {
  const entry = entryWritingTo(settings, target);
  if (entry) return { profile: entry.sourceProfile, foundBy: 'settings' };
  const record = Object.prototype.hasOwnProperty.call(sessions, target) ? sessions[target] : undefined;
  if (record) return { profile: record.profile, foundBy: 'sessions' };
  if (target === settings.defaultTarget) return { profile: DEFAULT_SOURCE_PROFILE, foundBy: 'naming rule' };
  if (target.endsWith(TARGET_SUFFIX) && target.length > TARGET_SUFFIX.length) {
    return { profile: target.slice(0, -TARGET_SUFFIX.length), foundBy: 'naming rule' };
  }
  return null;
}
