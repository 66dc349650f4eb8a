/**
 * What a profile name may be: the one rule, with no imports, so the credential-process fast path
 * (main/cli/fast-path.ts) can check a target without loading anything else. Profile names end up
 * inside "[...]" in an INI file: a strict allow-list prevents INI injection.
 */
export const PROFILE_RE = /^[A-Za-z0-9_.@+-]{1,64}$/;

export const isProfileName = (input: unknown): input is string => typeof input === 'string' && PROFILE_RE.test(input);
