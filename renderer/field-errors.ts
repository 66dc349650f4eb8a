/**
 * Client-side validation with the core's own pure validators (main validates again), turned into
 * sentences in the UI language: English uses validate.ts's sentence, Japanese the field's own.
 * A field's error slot is named in its aria-describedby; writing the slot sets the field's
 * aria-invalid to match.
 */
import { isUserError } from '../main/core/errors';
import { announce } from './dom';
import { errorText, locale, t, type MessageKey } from './i18n';

/**
 * `ownSentence`: use the field's sentence in English too, where the core's sentence speaks of
 * something the field does not show (seconds for a field in hours and minutes).
 */
export function validationText(e: unknown, key: MessageKey, vars: Record<string, string> = {}, ownSentence = false): string {
  if (!isUserError(e)) return String(e);
  if ((locale() === 'en' && !ownSentence) || e.code !== 'BadInput') return errorText(e);
  return t(key, vars);
}

/** The fields that name `slot` in their description (a duration's hours and minutes share one). */
function fieldsOf(slot: HTMLElement): HTMLElement[] {
  return [...document.querySelectorAll<HTMLElement>('[aria-describedby]')].filter((f) => f.getAttribute('aria-describedby')!.split(/\s+/).includes(slot.id));
}

/** Writes (or, with '', clears) a field's error, and its fields' aria-invalid with it. */
export function setFieldError(slot: HTMLElement, text: string): void {
  slot.textContent = text;
  for (const field of fieldsOf(slot)) {
    if (text) field.setAttribute('aria-invalid', 'true');
    else field.removeAttribute('aria-invalid');
  }
}

/**
 * Focuses the field of the first error. Moving focus there makes the screen reader read the
 * field with its error; when focus is already there (Enter in that field) nothing would be
 * said, so the sentence goes to the announcer instead.
 */
export function focusFieldWithError(slot: HTMLElement, fallback: HTMLElement): void {
  const field = fieldsOf(slot).find((f) => f instanceof HTMLInputElement) ?? fallback;
  if (document.activeElement === field) announce(slot.textContent ?? '');
  else field.focus();
}

/** Runs one validator; on failure writes the sentence into the field's error slot and returns undefined. */
export function check<T>(
  slot: HTMLElement,
  run: () => T,
  key: MessageKey,
  vars: Record<string, string> = {},
  ownSentence = false,
): T | undefined {
  try {
    const v = run();
    setFieldError(slot, '');
    return v;
  } catch (e) {
    setFieldError(slot, validationText(e, key, vars, ownSentence));
    return undefined;
  }
}
