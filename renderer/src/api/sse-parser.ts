/**
 * An incremental reader of `text/event-stream` (the WHATWG rules for lines,
 * comments and `data:` fields): text goes in as it arrives, in any pieces,
 * and each complete event's data comes out. Event names, ids and `retry` are
 * not used by the browser shell, so they are skipped.
 */
export function sseParser(onData: (data: string) => void): (text: string) => void {
  let buffer = '';
  let data: string[] = [];
  const line = (text: string): void => {
    if (text === '') {
      if (data.length > 0) onData(data.join('\n'));
      data = [];
      return;
    }
    if (text.startsWith(':')) return;
    const colon = text.indexOf(':');
    const field = colon < 0 ? text : text.slice(0, colon);
    const value = colon < 0 ? '' : text.slice(colon + 1);
    if (field === 'data') data.push(value.startsWith(' ') ? value.slice(1) : value);
  };
  return (text) => {
    buffer += text;
    let start = 0;
    for (let i = 0; i < buffer.length; i++) {
      const c = buffer[i];
      if (c !== '\n' && c !== '\r') continue;
      // A '\r' at the very end may be the first half of '\r\n': wait for the next piece.
      if (c === '\r' && i === buffer.length - 1) break;
      line(buffer.slice(start, i));
      if (c === '\r' && buffer[i + 1] === '\n') i++;
      start = i + 1;
    }
    buffer = buffer.slice(start);
  };
}
