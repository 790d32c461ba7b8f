import type { InflateBudget } from './inflate-budget';
import { limitError } from './inflate-budget';
import { count, XML_LIMITS, type ExcelLimits } from './limits';
import { scanPart } from './read-part';
import { attribute, decodeEscapes, XmlError } from './xml-scanner';
import type { ZipArchive } from './zip-archive';

/**
 * The shared-strings table: the text of most cells, kept in memory while
 * the workbook is open, so it is capped in strings and characters (a part
 * of tiny strings inflated from a few megabytes could fill the heap).
 * Phonetic runs (`rPh`, Japanese readings) are not part of the text.
 */
export async function readSharedStrings(
  zip: ZipArchive,
  part: string,
  budget: InflateBudget,
  limits: ExcelLimits,
): Promise<string[]> {
  const strings: string[] = [];
  let chars = 0;
  let current: string | undefined;
  let phonetic = 0;
  let inText = false;
  const tooMany = (what: string): Error =>
    limitError(zip.file, `its shared strings (${part}) ${what}, Duto's limit for a workbook`);
  await scanPart(zip, part, 'stream', budget, {
    get wantsText() {
      return inText;
    },
    open(name, attributes) {
      if (name === 'si') current = '';
      else if (name === 'rPh') phonetic++;
      else if (name === 't') inText = current !== undefined && phonetic === 0;
      else if (name === 'sst') {
        // The declared count refuses an honest hostile table before it is read; the counting below, a lying one.
        const declared = Number(attribute(attributes, 'uniqueCount') ?? '0');
        if (declared > limits.maxSharedStrings)
          throw tooMany(`declare ${count(declared)} strings, over ${count(limits.maxSharedStrings)}`);
      }
    },
    close(name) {
      if (name === 't') inText = false;
      else if (name === 'rPh') phonetic--;
      else if (name === 'si' && current !== undefined) {
        if (strings.length >= limits.maxSharedStrings)
          throw tooMany(`hold more than ${count(limits.maxSharedStrings)} strings`);
        strings.push(own(decodeEscapes(current)));
        current = undefined;
      }
    },
    text(text) {
      if (current === undefined) return;
      chars += text.length;
      if (chars > limits.maxSharedStringChars)
        throw tooMany(`hold more than ${count(limits.maxSharedStringChars)} characters`);
      if (current.length + text.length > XML_LIMITS.maxValueChars)
        throw new XmlError(`has a string longer than ${count(XML_LIMITS.maxValueChars)} characters`);
      current += text;
    },
  });
  return strings;
}

/**
 * A copy that holds only its own characters. A string cut from a chunk of
 * the part keeps the whole chunk alive in V8 (measured: 2,000 short strings
 * held 131 MB); concatenating flattens it into a string of its own.
 */
function own(s: string): string {
  return s.length < 13 ? s : (' ' + s).slice(1);
}
