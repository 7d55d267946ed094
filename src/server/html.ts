const entities: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for HTML content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => entities[c]!);
}

/** A single line for a mail header: no line breaks that could start a new header. */
export function headerLine(text: string): string {
  return text.replace(/[\r\n]+/g, ' ').slice(0, 200);
}
