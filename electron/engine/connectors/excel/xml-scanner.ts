import { count, XML_LIMITS } from './limits';

/**
 * A streaming scanner for the XML of workbook parts: fed text chunk by
 * chunk, it calls its handler for each element opened and closed and for
 * the text the handler asks for. It keeps no stack and no tree, only the
 * unfinished end of a chunk, so memory does not grow with the part.
 *
 * It reads what Excel and other writers produce and refuses what a hostile
 * part could use against a parser: a DTD (no entity is ever declared, so
 * none can expand: OPC forbids DTDs in packages), an entity other than
 * XML's five and character references, nesting deeper than a sheet needs,
 * a tag or value too long to be real.
 */

export interface XmlHandler {
  /** Whether text now is wanted (inside a value): text elsewhere is skipped without being decoded. */
  readonly wantsText: boolean;
  /** An element opened; `name` without its namespace prefix, `attributes` the raw text after the name. */
  open(name: string, attributes: string, selfClosing: boolean): void;
  close(name: string): void;
  /** Decoded text, possibly in several pieces. */
  text(text: string): void;
}

/** A part that is not XML the reader can accept; the caller adds the file and part. */
export class XmlError extends Error {
  constructor(
    message: string,
    /** A part built to attack a parser (a DTD) rather than one merely damaged. */
    readonly hostile = false,
  ) {
    super(message);
    this.name = 'XmlError';
  }
}

export class XmlScanner {
  private rest = '';
  private depth = 0;
  private seenRoot = false;

  constructor(private readonly handler: XmlHandler) {}

  feed(chunk: string): void {
    const s = this.rest === '' ? chunk : this.rest + chunk;
    this.rest = '';
    let i = 0;
    while (i < s.length) {
      const lt = s.indexOf('<', i);
      if (lt < 0) {
        i = this.textUpToEnd(s, i);
        break;
      }
      if (lt > i) this.emitText(s.slice(i, lt));
      const end = markupEnd(s, lt);
      if (end < 0) {
        if (s.length - lt > XML_LIMITS.maxMarkupChars)
          throw new XmlError(`has a tag longer than ${count(XML_LIMITS.maxMarkupChars)} characters`);
        i = lt;
        break;
      }
      this.markup(s, lt, end);
      i = end;
    }
    if (i < s.length) this.rest = s.slice(i);
  }

  /** The part has ended: it must have had a root element, closed every element and ended outside a tag. */
  end(): void {
    if (this.rest.trim() !== '') throw new XmlError('ends inside a tag: it is cut short');
    if (!this.seenRoot) throw new XmlError('holds no XML element');
    if (this.depth !== 0) throw new XmlError('ends before closing its elements: it is cut short');
  }

  /** Text running to the end of the chunk: a character reference split by the chunk's end waits for the next. */
  private textUpToEnd(s: string, from: number): number {
    const amp = s.lastIndexOf('&');
    const cut = amp >= from && s.indexOf(';', amp) < 0 ? amp : s.length;
    if (s.length - cut > 16) throw new XmlError(`has an unterminated reference "${s.slice(cut, cut + 16)}…"`);
    if (cut > from) this.emitText(s.slice(from, cut));
    return cut;
  }

  private emitText(raw: string): void {
    if (this.handler.wantsText) this.handler.text(decodeReferences(raw));
  }

  private markup(s: string, lt: number, end: number): void {
    const second = s.charCodeAt(lt + 1);
    if (second === SLASH) {
      this.depth--;
      this.handler.close(localName(s.slice(lt + 2, end - 1).trim()));
      return;
    }
    if (second === QUESTION) return;
    if (second === BANG) {
      if (s.startsWith('<![CDATA[', lt)) {
        if (this.handler.wantsText) this.handler.text(s.slice(lt + 9, end - 3));
      }
      // Comments are skipped; markupEnd refused anything else that starts with `<!`.
      return;
    }
    const selfClosing = s.charCodeAt(end - 2) === SLASH;
    const inner = s.slice(lt + 1, selfClosing ? end - 2 : end - 1);
    const split = nameEnd(inner);
    const name = localName(inner.slice(0, split));
    if (name === '') throw new XmlError(`has a tag without a name at "${s.slice(lt, lt + 20)}"`);
    this.seenRoot = true;
    if (++this.depth > XML_LIMITS.maxDepth)
      throw new XmlError(`nests elements more than ${String(XML_LIMITS.maxDepth)} deep`);
    this.handler.open(name, inner.slice(split), selfClosing);
    if (selfClosing) {
      this.depth--;
      this.handler.close(name);
    }
  }
}

const SLASH = 47;
const QUESTION = 63;
const BANG = 33;
const GT = 62;
const DQUOTE = 34;
const SQUOTE = 39;

/** Where the markup starting at `lt` ends (just past it), or -1 when the chunk ends first. */
function markupEnd(s: string, lt: number): number {
  const second = s.charCodeAt(lt + 1);
  if (Number.isNaN(second)) return -1;
  if (second === QUESTION) return after(s, '?>', lt + 2);
  if (second === BANG) {
    if (s.startsWith('<!--', lt)) return after(s, '-->', lt + 4);
    if (s.startsWith('<![CDATA[', lt)) return after(s, ']]>', lt + 9);
    const head = s.slice(lt, lt + 9);
    // Not yet enough of it to tell which it is.
    if (head.length < 9 && ('<!--'.startsWith(head) || '<![CDATA['.startsWith(head))) return -1;
    if (/^<!DOCTYPE/i.test(head) || /^<!ENTITY/i.test(head))
      throw new XmlError(
        'declares a DTD (<!DOCTYPE …>), which a workbook never has and whose entities could expand without bound',
        true,
      );
    throw new XmlError(`has unexpected markup "${head}"`);
  }
  // A tag: the first `>` outside quoted attribute values.
  for (let j = lt + 1; j < s.length; j++) {
    const c = s.charCodeAt(j);
    if (c === GT) return j + 1;
    if (c === DQUOTE || c === SQUOTE) {
      const q = s.indexOf(c === DQUOTE ? '"' : "'", j + 1);
      if (q < 0) return -1;
      j = q;
    }
  }
  return -1;
}

function after(s: string, terminator: string, from: number): number {
  const at = s.indexOf(terminator, from);
  return at < 0 ? -1 : at + terminator.length;
}

function nameEnd(inner: string): number {
  for (let j = 0; j < inner.length; j++) {
    const c = inner.charCodeAt(j);
    if (c === 32 || c === 9 || c === 10 || c === 13) return j;
  }
  return inner.length;
}

/** `x:c` → `c`: parts are read by local name, so prefixed writers (`x:`) and strict OOXML read alike. */
export function localName(qualified: string): string {
  const colon = qualified.indexOf(':');
  return colon < 0 ? qualified : qualified.slice(colon + 1);
}

const ATTRIBUTE = /([^\s=]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

/**
 * The value of an attribute by local name (`id` finds `r:id`), decoded;
 * undefined when absent. Attributes of a tag are few: a scan is cheap.
 */
export function attribute(attributes: string, name: string): string | undefined {
  if (attributes === '') return undefined;
  ATTRIBUTE.lastIndex = 0;
  for (let m = ATTRIBUTE.exec(attributes); m !== null; m = ATTRIBUTE.exec(attributes)) {
    if (localName(m[1] ?? '') === name) return decodeReferences(m[2] ?? m[3] ?? '');
  }
  return undefined;
}

const REFERENCE = /&(#x[0-9a-fA-F]+|#[0-9]+|[^;&\s]*);?/g;
const NAMED: Readonly<Record<string, string>> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** XML's five entities and character references; any other name is refused (nothing declares one). */
export function decodeReferences(raw: string): string {
  if (!raw.includes('&')) return raw;
  return raw.replace(REFERENCE, (whole: string, ref: string) => {
    if (!whole.endsWith(';')) throw new XmlError(`has an unterminated reference "${whole.slice(0, 16)}"`);
    const named = NAMED[ref];
    if (named !== undefined) return named;
    if (ref.startsWith('#')) {
      const code = ref.startsWith('#x') ? Number.parseInt(ref.slice(2), 16) : Number.parseInt(ref.slice(1), 10);
      if (code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff)) return String.fromCodePoint(code);
      throw new XmlError(`has an invalid character reference "&${ref};"`);
    }
    throw new XmlError(`uses an undeclared entity "&${ref.slice(0, 32)};" (a workbook uses only XML's own five)`, true);
  });
}

const ESCAPED = /_x([0-9A-Fa-f]{4})_/g;

/**
 * OOXML escapes characters XML cannot hold in text as `_xHHHH_` (a carriage
 * return is `_x000D_`; a literal `_x` is written `_x005F_x`).
 */
export function decodeEscapes(text: string): string {
  if (!text.includes('_x')) return text;
  return text.replace(ESCAPED, (_whole: string, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
}
