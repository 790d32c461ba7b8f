// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { emptyDocument } from '../../../shared/format/document';
import { translator } from '../i18n/i18n';
import { createAppStore } from '../store/app-store';
import { DIALECT_PARAMS, dialectWords } from './csv-dialect-words';

const BRAZILIAN = {
  delimiter: ';',
  quote: '"',
  escape: '"',
  header: true,
  skipRows: 2,
  encoding: 'latin-1',
  decimal: ',',
  thousands: '.',
  dateFormat: '%d/%m/%Y',
  timestampFormat: '',
  comment: '',
};

describe("a CSV source's format in words", () => {
  it('says what a Brazilian Excel export is, in English and in Portuguese', () => {
    expect(dialectWords(BRAZILIAN, translator('en')).join(', ')).toBe(
      'semicolon-separated, decimal comma, thousands separated by “.”, Latin-1, header on line 3, dates dd/mm/yyyy',
    );
    expect(dialectWords(BRAZILIAN, translator('pt-BR')).join(', ')).toBe(
      'separado por ponto e vírgula, vírgula decimal, milhares separados por “.”, Latin-1, cabeçalho na linha 3, datas dd/mm/aaaa',
    );
  });

  it('says less when there is less to say, and nothing about params still being detected', () => {
    const t = translator('en');
    expect(dialectWords({ delimiter: '\t', header: false, skipRows: 1, quote: '' }, t)).toEqual([
      'tab-separated',
      'no header line',
      'data from line 2',
      'no quoted fields',
    ]);
    expect(dialectWords({}, t)).toEqual([]);
  });
});

describe('detected params written into the document', () => {
  function setup() {
    const store = createAppStore(emptyDocument('test'));
    const a = () => store.getState().actions;
    const doc = () => store.getState().doc.document;
    return { a, doc, store };
  }

  it('are part of the edit that led to them: undo goes back past both, never to a state that detects again', () => {
    const { a, doc, store } = setup();
    const id = a().addNode('source.csv', { x: 0, y: 0 }).id;
    a().setParam(id, 'path', 'vendas.csv');
    const checked = doc();
    const pastBefore = store.getState().doc.past.length;
    a().amendDetected(checked, { [id]: { params: BRAZILIAN } });
    expect(doc().nodes[0]?.params).toEqual({ path: 'vendas.csv', ...BRAZILIAN });
    expect(store.getState().doc.past.length).toBe(pastBefore);
    a().undo();
    expect(doc().nodes[0]?.params).toBeUndefined();
  });

  it('never overwrite what the user set, nor a document edited since the check', () => {
    const { a, doc } = setup();
    const id = a().addNode('source.csv', { x: 0, y: 0 }).id;
    a().setParam(id, 'path', 'vendas.csv');
    a().setParam(id, 'delimiter', '|');
    const checked = doc();
    a().amendDetected(checked, { [id]: { params: { delimiter: ';', header: true } } });
    expect(doc().nodes[0]?.params).toEqual({ path: 'vendas.csv', delimiter: '|', header: true });
    const stale = doc();
    a().setParam(id, 'path', 'outro.csv');
    a().amendDetected(stale, { [id]: { params: { decimal: ',' } } });
    expect(doc().nodes[0]?.params?.['decimal']).toBeUndefined();
  });

  it('"Detect again" clears them as one undo step', () => {
    const { a, doc } = setup();
    const id = a().addNode('source.csv', { x: 0, y: 0 }).id;
    a().setParam(id, 'path', 'vendas.csv');
    a().amendDetected(doc(), { [id]: { params: BRAZILIAN } });
    a().redetect(id, DIALECT_PARAMS);
    expect(doc().nodes[0]?.params).toEqual({ path: 'vendas.csv' });
    a().undo();
    expect(doc().nodes[0]?.params).toEqual({ path: 'vendas.csv', ...BRAZILIAN });
  });
});
