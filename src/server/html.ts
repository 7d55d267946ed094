const entities: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for HTML content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => entities[c]!);
}

/** A single line for a mail header: no line breaks that could start a new header. */
export function headerLine(text: string): string {
  return text.replace(/[\r\n]+/g, ' ').slice(0, 200);
}

/**
 * Characters that can make one value look like several lines or reorder what a reader sees:
 * C0 and C1 controls (CR, LF, tab …), DEL, Unicode line and paragraph separators, bidi controls.
 */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
export const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

/** A value as part of one line of a plain-text mail: control characters and line breaks become single spaces. */
export function mailLine(text: string): string {
  return text
    .replace(new RegExp(`${CONTROL_CHARACTERS.source}+`, 'g'), ' ')
    .replace(/ {2,}/g, ' ')
    .trim();
}
