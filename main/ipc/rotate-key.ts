/**
 * The `rotateKey` channel: key rotation for the tray's popup and the settings window. The request
 * is validated here; the reply is a result the renderer can act on (rotated; a code is needed; an
 * inactive second key may be deleted). No key ID crosses unmasked and no secret ever: the key the
 * user agrees to delete is remembered here, and the renderer only says "yes".
 */
import { messageFor, usageError, type Sentence } from '../core/errors';
import type { Keychain } from '../core/keychain';
import type { KeyApi } from '../core/keys/key-gateway';
import { rotate, type RotateOptions, type RotateResult } from '../core/keys/rotate';
import { rotationDeps, type LoginService } from '../core/keys/rotation-session';
import type { Paths } from '../core/paths';
import type { SettingsStore } from '../core/settings';
import { maskAccessKeyId, validateCode, validateProfileName } from '../core/validate';

export interface RotateKeyRequest {
  sourceProfile: string;
  /** The 6-digit code, when the previous reply was `needCode`. */
  code?: string;
  keepOld?: boolean;
  /** The user agreed to delete the inactive second key the previous reply named. */
  confirmDeleteInactive?: boolean;
}

export type RotateKeyReply =
  | {
      outcome: 'rotated';
      sourceProfile: string;
      newKeyMasked: string;
      oldKeyMasked: string;
      oldKey: 'deleted' | 'deactivated';
      /** A rotation a crash had interrupted was finished (no new key made now). */
      resumed: boolean;
      /** What the person should know, in the UI language: what was cleaned up, and about the sessions. */
      notes: string[];
    }
  | { outcome: 'needCode'; sourceProfile: string }
  | { outcome: 'confirmDeleteInactive'; sourceProfile: string; keyMasked: string; message: string };

/** Thrown by the app's session provider when no valid session can be reused and no code was given. */
export class CodeNeeded extends Error {
  constructor() {
    super('an MFA code is needed');
    this.name = 'CodeNeeded';
  }
}

export interface RotateKeyDeps {
  /** rotate() over the app's keychain, service and AWS, with `tell` collecting sentences. */
  rotate(profile: string, opts: RotateOptions, tell: (s: Sentence) => void): Promise<RotateResult>;
  locale(): 'en' | 'ja';
  /** The target of the profile (for the sentence about its session). */
  targetFor(profile: string): string;
  onStateChanged(): void;
}

const sessionsNote = (target: string): Sentence => ({
  en: `Your current session in profile ${target} stays valid until it expires (AWS cannot revoke temporary credentials); the next renewal uses the new key.`,
  ja: `プロファイル ${target} の今のセッションは期限まで有効です（AWS では一時的な認証情報を取り消せません）。次の更新から新しいキーを使います。`,
});

function parse(req: unknown): { sourceProfile: string; code?: string; keepOld: boolean; confirm: boolean } {
  if (!req || typeof req !== 'object' || Array.isArray(req)) throw usageError({ en: 'The request is malformed.', ja: 'リクエストの形式が正しくありません。' });
  const r = req as Record<string, unknown>;
  const flag = (v: unknown): boolean => {
    if (v === undefined) return false;
    if (typeof v !== 'boolean') throw usageError({ en: 'The request is malformed.', ja: 'リクエストの形式が正しくありません。' });
    return v;
  };
  const sourceProfile = validateProfileName(r.sourceProfile, 'source profile name');
  const code = r.code === undefined ? undefined : validateCode(r.code);
  return { sourceProfile, ...(code ? { code } : {}), keepOld: flag(r.keepOld), confirm: flag(r.confirmDeleteInactive) };
}

export function createRotateKeyHandler(deps: RotateKeyDeps): (req: unknown) => Promise<RotateKeyReply> {
  /** The inactive key each profile's last reply asked about: what a "yes" deletes. */
  const asked = new Map<string, string>();
  return async (req) => {
    const { sourceProfile, code, keepOld, confirm } = parse(req);
    const deleteInactiveKeyId = confirm ? asked.get(sourceProfile) : undefined;
    if (confirm && !deleteInactiveKeyId) throw usageError({ en: 'There is no key waiting to be deleted; start the rotation again.', ja: '削除を待っているキーはありません。ローテーションをやり直してください。' });
    const told: Sentence[] = [];
    let r: RotateResult;
    try {
      r = await deps.rotate(sourceProfile, { ...(code ? { code } : {}), keepOld, ...(deleteInactiveKeyId ? { deleteInactiveKeyId } : {}) }, (s) => told.push(s));
    } catch (e) {
      if (e instanceof CodeNeeded) return { outcome: 'needCode', sourceProfile };
      const second = e as { code?: string; keyId?: unknown };
      if (second.code === 'InactiveSecondKey' && typeof second.keyId === 'string') {
        asked.set(sourceProfile, second.keyId);
        return { outcome: 'confirmDeleteInactive', sourceProfile, keyMasked: maskAccessKeyId(second.keyId), message: messageFor(e, deps.locale()) };
      }
      throw e;
    }
    asked.delete(sourceProfile);
    deps.onStateChanged();
    const locale = deps.locale();
    return {
      outcome: 'rotated',
      sourceProfile,
      newKeyMasked: maskAccessKeyId(r.newAccessKeyId),
      oldKeyMasked: maskAccessKeyId(r.oldAccessKeyId),
      oldKey: r.oldKey,
      resumed: r.resumed,
      notes: [...told, sessionsNote(deps.targetFor(sourceProfile))].map((s) => s[locale]),
    };
  };
}

/**
 * The channel's handler as the app builds it: rotation over the app's keychain, service and AWS;
 * with no valid session to reuse and no code in the request, the reply asks for a code (the popup
 * and the settings window are the app's code source).
 */
export function rotateKeyForApp(o: {
  paths: Paths;
  env: NodeJS.ProcessEnv;
  keychain: Keychain;
  settings: SettingsStore;
  service: LoginService & { targetFor(profile: string): string };
  /** A client set per rotation, closed after it (the app lives long; each key makes new clients). */
  api(): KeyApi;
  locale(): 'en' | 'ja';
  onStateChanged(): void;
}): (req: unknown) => Promise<RotateKeyReply> {
  return createRotateKeyHandler({
    rotate: async (profile, opts, tell) => {
      const api = o.api();
      try {
        return await rotate(profile, opts, { ...rotationDeps({ ...o, api, renew: () => Promise.reject(new CodeNeeded()) }), tell });
      } finally {
        api.destroy();
      }
    },
    locale: () => o.locale(),
    targetFor: (p) => o.service.targetFor(p),
    onStateChanged: () => o.onStateChanged(),
  });
}
