/**
 * Text from outside (the tray endpoint's error sentences, an mfa_process command from the config
 * file) made safe to print on a terminal: control characters (ESC starts colour, title, clipboard
 * and hyperlink sequences), C1 controls, and bidi overrides and zero-width marks (which make a
 * line read other than it is) are removed; line breaks and tabs become spaces (one sentence).
 */
// eslint-disable-next-line no-control-regex
const INVISIBLE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;
const BREAKS = /[\t\n\r]+/g;

export const plainText = (s: string): string => s.replace(INVISIBLE, '').replace(BREAKS, ' ');
