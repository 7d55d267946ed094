/** What the server knows of the person making a request: for NDA records and download logs. */
export function clientContext(request: Request, clientAddress: string) {
  return { ip: clientAddress, userAgent: (request.headers.get('user-agent') ?? '').slice(0, 300) };
}

/**
 * A cross-site POST carries another site's Origin (or none, from some old clients, with a
 * foreign Referer). Same-origin forms always send ours.
 */
export function isSameOrigin(request: Request): boolean {
  const expected = new URL(request.url).origin;
  const origin = request.headers.get('origin');
  if (origin) return origin === expected;
  const referer = request.headers.get('referer');
  return referer !== null && URL.canParse(referer) && new URL(referer).origin === expected;
}

/** The fields a request carries: the query of a visit, the form of a POST. */
export interface RequestFields {
  post: boolean;
  /** A field as text, cut to `max` characters; empty when absent. */
  get(name: string, max?: number): string;
  /** Every value of a repeated field, such as checkboxes. */
  all(name: string): string[];
  /** Every field, each cut to `max` characters; a repeated field gives its last value. */
  record(max?: number): Record<string, string>;
}

/** Reads a request's fields once; a body that is not a form reads as no fields. */
export async function requestFields(request: Request): Promise<RequestFields> {
  const post = request.method === 'POST';
  const fields: URLSearchParams | FormData = post ? await request.formData().catch(() => new FormData()) : new URL(request.url).searchParams;
  return {
    post,
    get: (name, max = 4000) => String(fields.get(name) ?? '').slice(0, max),
    all: (name) => fields.getAll(name).map(String),
    record: (max = 4000) => Object.fromEntries([...fields.entries()].map(([k, v]) => [k, String(v).slice(0, max)])),
  };
}

/** The signed token a link or its confirmation form carries. */
export const linkToken = (fields: RequestFields) => fields.get('token', 2000);
