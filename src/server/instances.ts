import { openPortalRuntime, openTrustRuntime, type PortalRuntime, type TrustRuntime } from './runtime.ts';

// One runtime per server process, opened on first use: the content root is the working folder
// unless CHARTER_ROOT says otherwise.
const root = () => process.env.CHARTER_ROOT ?? process.cwd();

let portal: Promise<PortalRuntime> | undefined;
let trust: Promise<TrustRuntime> | undefined;

export const portalRuntime = () => (portal ??= openPortalRuntime(root()));
export const trustRuntime = () => (trust ??= openTrustRuntime(root()));

/** The client's address as the adapter reports it. */
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
