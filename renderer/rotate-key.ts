/**
 * The "Rotate access key" panel, shared by the settings window (a Rotate button per profile) and
 * the popup (the tray's "Rotate access key…" and the age reminder open it). One IPC channel,
 * rotateKey: the first press tries with the session at hand; when main needs a code the panel asks
 * for one; when an inactive second key is in the way it asks whether that key may go. Texts live
 * here in both languages so the panel is self-contained. No key ID arrives unmasked, no secret ever.
 */
import type { IpcResult } from '../main/ipc/contract';
import type { RotateKeyReply, RotateKeyRequest } from '../main/ipc/rotate-key';
import { el, isButtonBusy, setButtonBusy } from './dom';

type Locale = 'en' | 'ja';

const TEXT = {
  en: {
    heading: (p: string) => `Rotate the access key of ${p}`,
    explain: 'A new access key is made with your MFA session and checked with AWS before it replaces the old one in the keychain; then the old key is deleted.',
    keepOld: 'Keep the old key, deactivated, instead of deleting it',
    code: 'MFA code',
    codeHint: 'There is no valid session to reuse: type the 6-digit code your MFA device shows.',
    codeInvalid: 'The MFA code is 6 digits (0-9).',
    rotate: 'Rotate now',
    deleteAndRotate: 'Delete it and rotate',
    cancel: 'Close',
    working: 'Rotating… (AWS can take a few seconds to accept a new key)',
    rotated: (n: string, o: string, kept: boolean) => `Done: ${n} is in the keychain and works; the old key ${o} was ${kept ? 'deactivated' : 'deleted'}.`,
    resumed: (n: string) => `Finished an interrupted rotation: ${n} is in the keychain and works.`,
  },
  ja: {
    heading: (p: string) => `${p} のアクセスキーをローテーション`,
    explain: 'MFA セッションで新しいアクセスキーを作成し、AWS で使えることを確認してからキーチェーンの古いキーと置き換え、古いキーを削除します。',
    keepOld: '古いキーを削除せずに無効化して残す',
    code: 'MFA コード',
    codeHint: '再利用できる有効なセッションがありません。MFA デバイスに表示される 6 桁のコードを入力してください。',
    codeInvalid: 'MFA コードは 6 桁の数字です。',
    rotate: 'ローテーション',
    deleteAndRotate: '削除してローテーション',
    cancel: '閉じる',
    working: 'ローテーション中…（AWS が新しいキーを受け付けるまで数秒かかることがあります）',
    rotated: (n: string, o: string, kept: boolean) => `完了: ${n} がキーチェーンにあり使えます。古いキー ${o} は${kept ? '無効化' : '削除'}しました。`,
    resumed: (n: string) => `中断していたローテーションを完了しました: ${n} がキーチェーンにあり使えます。`,
  },
};

/** The settings list's button for a profile: its accessible name is its text plus the profile (as Edit's). */
export function rotateButton(sourceProfile: string, locale: Locale): { text: string; label: string } {
  const text = locale === 'ja' ? 'キーをローテーション' : 'Rotate key';
  return { text, label: `${text} ${sourceProfile}` };
}

/** Empties and hides the panel's host (a popup shown for something else). */
export function closeRotatePanel(host: HTMLElement): void {
  host.replaceChildren();
  host.hidden = true;
}

export interface RotatePanelOptions {
  sourceProfile: string;
  locale: Locale;
  rotateKey(req: RotateKeyRequest): Promise<IpcResult<RotateKeyReply>>;
  /** Called when the panel closes (the caller puts focus back where the person came from). */
  onClose(): void;
}

/** Builds the panel into `host` (replacing what was there) and focuses its first control. */
export function openRotatePanel(host: HTMLElement, o: RotatePanelOptions): void {
  const t = TEXT[o.locale];
  const id = (s: string): string => `rotate-${s}`;
  const status = el('p', { id: id('status'), role: 'status', class: 'muted' });
  const error = el('p', { id: id('error'), role: 'alert', class: 'error' });
  const keepOld = el('input', { type: 'checkbox', id: id('keep-old') });
  const code = el('input', {
    type: 'text',
    id: id('code'),
    inputmode: 'numeric',
    autocomplete: 'one-time-code',
    maxlength: '6',
    'aria-describedby': id('code-hint'),
  });
  const codeRow = el('div', { class: 'field', id: id('code-row'), hidden: true }, el('label', { for: id('code') }, t.code), code, el('p', { id: id('code-hint'), class: 'muted' }, t.codeHint));
  const go = el('button', { type: 'submit', class: 'primary', id: id('go') }, t.rotate);
  const close = el('button', { type: 'button', id: id('close') }, t.cancel);
  const form = el(
    'form',
    { class: 'form', novalidate: true },
    el('p', {}, t.explain),
    el('div', { class: 'check' }, keepOld, el('label', { for: id('keep-old') }, t.keepOld)),
    codeRow,
    status,
    error,
    el('div', { class: 'actions' }, go, close),
  );
  const section = el('section', { id: id('panel'), class: 'card', 'aria-labelledby': id('heading') }, el('h2', { id: id('heading') }, t.heading(o.sourceProfile)), form);
  host.replaceChildren(section);
  host.hidden = false;

  let confirmDelete = false;
  close.addEventListener('click', () => {
    closeRotatePanel(host);
    o.onClose();
  });
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    if (isButtonBusy(go)) return;
    void (async () => {
      error.textContent = '';
      const typed = code.value.replace(/[\s-]/g, '');
      if (!codeRow.hidden && !/^[0-9]{6}$/.test(typed)) {
        error.textContent = t.codeInvalid;
        code.setAttribute('aria-invalid', 'true');
        code.focus();
        return;
      }
      code.removeAttribute('aria-invalid');
      setButtonBusy(go, true);
      status.textContent = t.working;
      const res = await o.rotateKey({
        sourceProfile: o.sourceProfile,
        keepOld: keepOld.checked,
        ...(codeRow.hidden ? {} : { code: typed }),
        ...(confirmDelete ? { confirmDeleteInactive: true } : {}),
      });
      setButtonBusy(go, false);
      status.textContent = '';
      if (!res.ok) {
        error.textContent = res.error.message;
        return;
      }
      const r = res.value;
      if (r.outcome === 'needCode') {
        codeRow.hidden = false;
        code.value = '';
        code.focus();
        return;
      }
      if (r.outcome === 'confirmDeleteInactive') {
        confirmDelete = true;
        error.textContent = r.message;
        go.textContent = t.deleteAndRotate;
        go.focus();
        return;
      }
      confirmDelete = false;
      codeRow.hidden = true;
      go.textContent = t.rotate;
      status.textContent = [r.resumed ? t.resumed(r.newKeyMasked) : t.rotated(r.newKeyMasked, r.oldKeyMasked, r.oldKey === 'deactivated'), ...r.notes].join(' ');
      close.focus();
    })();
  });
  go.focus();
}
