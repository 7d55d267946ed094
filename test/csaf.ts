import validateStrict from '@secvisogram/csaf-validator-lib/validateStrict.js';
import * as mandatory from '@secvisogram/csaf-validator-lib/mandatoryTests.js';
import { csaf_2_0_strict } from '@secvisogram/csaf-validator-lib/schemaTests.js';

/** The BSI validator's verdict: the CSAF 2.0 JSON schema (strict) and every mandatory test of section 6.1, as "test path: message" lines. */
export async function csafErrors(document: unknown): Promise<string[]> {
  const result = await validateStrict([csaf_2_0_strict, ...Object.values(mandatory)], document);
  return result.tests.flatMap((t) => t.errors.map((e) => `${t.name} ${e.instancePath}: ${e.message}`));
}
