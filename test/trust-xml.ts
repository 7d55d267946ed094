import { XMLParser } from 'fast-xml-parser';
import { SyntaxValidator } from 'fast-xml-validator';

/** Parses XML after checking it is well-formed; the validator throws with the line and reason when it is not. */
export function parseXml(text: string): any {
  SyntaxValidator.validate(text);
  return new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@',
    isArray: (name) => ['entry', 'url', 'link', 'category'].includes(name),
    parseTagValue: false,
  }).parse(text);
}
