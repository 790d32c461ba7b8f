import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { errorsOf, runOk, tmpDir } from '../../../test/catalog-kit';
import { pipeline } from '../../../test/pipeline-builder';

const spectrum = path.resolve('node_modules/csv-spectrum');
const cases = fs.readdirSync(path.join(spectrum, 'csvs')).map((f) => f.replace(/\.csv$/, ''));

describe('source.csv', () => {
  it.each(cases)('reads csv-spectrum %s with the default RFC 4180 dialect', async (name) => {
    const doc = pipeline()
      .node('src', 'source.csv', { path: path.join(spectrum, 'csvs', `${name}.csv`), allColumnsText: true })
      .build();
    const r = await runOk(doc, spectrum);
    const rows = await r.query('SELECT * FROM "src"');
    r.close();
    let expected: unknown = JSON.parse(fs.readFileSync(path.join(spectrum, 'json', `${name}.json`), 'utf8'));
    if (name === 'location_coordinates') {
      // The fixture's expectation is wrong (csv-spectrum issues #20 and #22): it is an object, not an
      // array, and its phone number is not the one in the CSV. A quote inside an unquoted field is
      // data, and the U+FFFD characters are in the file itself.
      expected = [
        {
          'Contact Phone Number': '2095257564',
          'Location Coordinates': '37\uFFFD36\'37.8"N 121\uFFFD2\'17.9"W',
          Cities: 'Modesto',
          Counties: 'Stanislaus',
        },
      ];
    }
    expect(rows).toEqual(expected);
  });

  it('adds the file name as a column and matches columns of a folder by name', async () => {
    const dir = tmpDir({ 'in/a.csv': 'id,x\n1,a\n', 'in/b.csv': 'y,id\nb,2\n', 'in/notes.txt': 'ignored' });
    const r = await runOk(pipeline().node('src', 'source.csv', { path: 'in', filenameColumn: 'file' }).build(), dir);
    expect(
      (await r.rows('src', 'id')).map((row) => [row['id'], row['x'], row['y'], path.basename(String(row['file']))]),
    ).toEqual([
      [1, 'a', null, 'a.csv'],
      [2, null, 'b', 'b.csv'],
    ]);
    r.close();
  });

  it('applies column types and reports an unsupported one', async () => {
    const dir = tmpDir({ 'a.csv': 'id,amount\n1,2.50\n' });
    const r = await runOk(
      pipeline()
        .node('src', 'source.csv', { path: 'a.csv', columnTypes: [{ column: 'id', type: 'varchar' }] })
        .build(),
      dir,
    );
    expect(await r.rows('src')).toEqual([{ id: '1', amount: 2.5 }]);
    r.close();
    const bad = pipeline()
      .node('src', 'source.csv', { path: 'a.csv', columnTypes: [{ column: 'id', type: 'INT); DROP' }] })
      .build();
    expect(await errorsOf(bad, dir)).toEqual(['src columnTypes[0].type: unsupported type "INT); DROP"']);
  });

  it('validates params, naming the param', async () => {
    const dir = tmpDir({ 'a.csv': 'id\n1\n' });
    expect(
      await errorsOf(pipeline().node('src', 'source.csv', { path: 'a.csv', delimiter: 'ab' }).build(), dir),
    ).toEqual(['src delimiter: expected one character']);
    expect(await errorsOf(pipeline().node('src', 'source.csv', { path: 'nope.csv' }).build(), dir)).toEqual([
      `src path: file not found: ${path.join(dir, 'nope.csv')}`,
    ]);
  });
});
