/**
 * Finds where JSON text first goes wrong. JSON.parse's messages do not
 * always carry a position (V8 omits it for many errors), and a person
 * fixing a pipeline file by hand needs the line.
 */
export interface JsonSyntaxError {
  offset: number;
  message: string;
}

export function findJsonError(text: string): JsonSyntaxError | undefined {
  let i = 0;
  const ws = (): void => {
    while (i < text.length && ' \t\n\r'.includes(text.charAt(i))) i++;
  };
  const fail = (message: string): never => {
    throw { offset: i, message } satisfies JsonSyntaxError;
  };
  const expect = (ch: string): void => {
    if (text.charAt(i) !== ch)
      fail(i >= text.length ? `expected "${ch}" but the file ended` : `expected "${ch}" but found "${text.charAt(i)}"`);
    i++;
  };
  const str = (): void => {
    expect('"');
    while (i < text.length && text.charAt(i) !== '"') {
      const c = text.charCodeAt(i);
      if (c < 0x20) fail('control character inside a string (write it as \\n, \\t, …)');
      if (text.charAt(i) === '\\') {
        i++;
        const e = text.charAt(i);
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 1, i + 5))) fail('bad \\u escape');
          i += 4;
        } else if (!'"\\/bfnrt'.includes(e) || e === '') fail(`bad escape "\\${e}"`);
      }
      i++;
    }
    if (i >= text.length) fail('unterminated string');
    i++;
  };
  const value = (): void => {
    ws();
    const c = text.charAt(i);
    if (c === '{') {
      i++;
      ws();
      if (text.charAt(i) === '}') {
        i++;
        return;
      }
      for (;;) {
        ws();
        if (text.charAt(i) !== '"')
          fail(text.charAt(i) === '}' ? 'trailing comma before "}"' : 'expected a key in double quotes');
        str();
        ws();
        expect(':');
        value();
        ws();
        if (text.charAt(i) === ',') {
          i++;
          continue;
        }
        expect('}');
        return;
      }
    }
    if (c === '[') {
      i++;
      ws();
      if (text.charAt(i) === ']') {
        i++;
        return;
      }
      for (;;) {
        ws();
        if (text.charAt(i) === ']' || text.charAt(i) === ',')
          fail(text.charAt(i) === ']' ? 'trailing comma before "]"' : 'missing value before ","');
        value();
        ws();
        if (text.charAt(i) === ',') {
          i++;
          continue;
        }
        expect(']');
        return;
      }
    }
    if (c === '"') return str();
    const lit = /^(true|false|null|-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?)/.exec(text.slice(i, i + 400));
    if (lit === null) fail(i >= text.length ? 'the file ended where a value was expected' : `unexpected "${c}"`);
    else i += lit[0].length;
  };
  try {
    value();
    ws();
    if (i < text.length) fail('unexpected text after the end of the document');
    return undefined;
  } catch (e) {
    if (
      typeof e === 'object' &&
      e !== null &&
      'offset' in e &&
      'message' in e &&
      typeof e.offset === 'number' &&
      typeof e.message === 'string'
    ) {
      return { offset: e.offset, message: e.message };
    }
    throw e;
  }
}
