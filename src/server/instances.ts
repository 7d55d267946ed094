import { openPortalRuntime, openTrustRuntime, type PortalRuntime, type TrustRuntime } from './runtime.ts';

// One runtime per server process, opened on first use: the content root is the working folder
// unless CHARTER_ROOT says otherwise.
const root = () => process.env.CHARTER_ROOT ?? process.cwd();

let portal: Promise<PortalRuntime> | undefined;
let trust: Promise<TrustRuntime> | undefined;

// Servers deliver queued mail in the background, each instance claiming its own rows.
export const portalRuntime = () => (portal ??= openPortalRuntime(root(), process.env, undefined, { delivery: 'background' }));
export const trustRuntime = () => (trust ??= openTrustRuntime(root(), process.env, undefined, { delivery: 'background' }));
