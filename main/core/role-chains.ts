/**
 * Role profiles chained off a target: profiles in the AWS config file with `role_arn` and a
 * `source_profile` that is the target (or, transitively, another such role profile). The AWS CLI
 * and SDKs assume the role with the target's session, so they work exactly as long as it does.
 * Read with the SDK's own loader, so we list what the SDK would use.
 */
import { loadSharedConfigFiles } from '@smithy/core/config';
import type { ChainedRole } from './types';

type Profiles = Record<string, Record<string, string | undefined> | undefined>;

/** Role profiles reachable from each of `targets` through source_profile, nearest first. */
export function chainsFrom(config: Profiles, credentials: Profiles, targets: string[]): Map<string, ChainedRole[]> {
  // The SDK merges both files per profile; role settings normally live in the config file.
  const children = new Map<string, ChainedRole[]>();
  for (const name of new Set([...Object.keys(config), ...Object.keys(credentials)])) {
    if (name.includes('.')) continue; // "sso-session.x", "services.x": sub-sections, not profiles
    const values = { ...credentials[name], ...config[name] };
    const roleArn = values.role_arn;
    const source = values.source_profile;
    if (!roleArn || !source || source === name) continue;
    const list = children.get(source) ?? [];
    list.push({ profile: name, roleArn, sourceProfile: source });
    children.set(source, list);
  }
  const out = new Map<string, ChainedRole[]>();
  for (const target of targets) {
    const found: ChainedRole[] = [];
    const seen = new Set([target]);
    const queue = [target];
    while (queue.length > 0) {
      for (const role of (children.get(queue.shift()!) ?? []).sort((a, b) => a.profile.localeCompare(b.profile))) {
        if (seen.has(role.profile)) continue; // a loop in the config file: list each profile once
        seen.add(role.profile);
        found.push(role);
        queue.push(role.profile);
      }
    }
    out.set(target, found);
  }
  return out;
}

/** Reads both files (missing or unreadable ones count as empty, as for the SDK). */
export async function readRoleChains(configFile: string, credentialsFile: string, targets: string[]): Promise<Map<string, ChainedRole[]>> {
  if (targets.length === 0) return new Map();
  const files = await loadSharedConfigFiles({ filepath: credentialsFile, configFilepath: configFile, ignoreCache: true }).catch(() => ({
    configFile: {},
    credentialsFile: {},
  }));
  return chainsFrom(files.configFile, files.credentialsFile, targets);
}
