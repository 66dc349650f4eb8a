/**
 * Client-side validation with the core's own pure validators (main validates again), turned into
 * sentences in the UI language: English uses validate.ts's sentence, Japanese the field's own.
 */
import { isUserError } from '../main/core/errors';
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
    slot.textContent = '';
    return v;
  } catch (e) {
    slot.textContent = validationText(e, key, vars, ownSentence);
    return undefined;
  }
}
