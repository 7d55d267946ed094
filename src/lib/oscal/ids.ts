/**
 * OSCAL ids are tokens: a letter or underscore first, then letters, digits, '.', '-' or '_'.
 * Framework ids mostly are already ("CC6.1", "A.5.15", "PR.AA-01"); a space becomes a hyphen
 * ("SR 1.1" → "SR-1.1") and a leading digit gets a prefix ("4.1" → "clause-4.1"). The id as the
 * framework writes it goes in a `label` property beside it.
 */
export function oscalToken(code: string): string {
  const joined = code.trim().replace(/\s+/g, '-');
  return /^[\p{L}_]/u.test(joined) ? joined : `clause-${joined}`;
}

/** The namespace of Charter's own OSCAL properties. */
export const CHARTER_NS = 'urn:x-charter:oscal';
