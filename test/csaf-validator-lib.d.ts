// The BSI validator ships JavaScript with JSDoc but no declarations; these are the parts the tests use.
declare module '@secvisogram/csaf-validator-lib/validateStrict.js' {
  type Finding = { message: string; instancePath: string };
  export type DocumentTest = (doc: unknown) => unknown;
  export default function validateStrict(
    tests: DocumentTest[],
    document: unknown,
  ): Promise<{ isValid: boolean; tests: { name: string; isValid: boolean; errors: Finding[]; warnings: Finding[]; infos: Finding[] }[] }>;
}
declare module '@secvisogram/csaf-validator-lib/mandatoryTests.js' {
  const tests: Record<string, import('@secvisogram/csaf-validator-lib/validateStrict.js').DocumentTest>;
  export = tests;
}
declare module '@secvisogram/csaf-validator-lib/schemaTests.js' {
  export const csaf_2_0_strict: import('@secvisogram/csaf-validator-lib/validateStrict.js').DocumentTest;
}
declare module '@secvisogram/csaf-validator-lib/lib/schemaTests/csaf_2_0/schema.js' {
  const schema: { properties: { document: { properties: { publisher: object } } } };
  export default schema;
}
