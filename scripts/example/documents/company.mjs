// Who the example documents come from: the fictional Kestrel Systems.

export const COMPANY = 'Kestrel Systems';
export const LEGAL_NAME = 'Kestrel Systems GmbH';
/** The PDF Creator and XLSX Application: names this script, so a reader of the file can find its source. */
export const CREATOR = 'Kestrel Systems document generator (scripts/example/make-documents.mjs)';
