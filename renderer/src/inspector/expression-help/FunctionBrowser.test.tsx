// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { I18nProvider } from '../../i18n/i18n';
import { browserRows, FunctionBrowser } from './FunctionBrowser';
import { TEST_FUNCTIONS } from './test-functions';

afterEach(cleanup);

describe('the function browser', () => {
  it('filters by name, description and kind, names starting with the search first', () => {
    expect(browserRows(TEST_FUNCTIONS, '', '').map((r) => r.name)).toEqual([
      'upper',
      'substr',
      'concat',
      'sum',
      'row_number',
    ]);
    expect(browserRows(TEST_FUNCTIONS, 'su', '').map((r) => r.name)).toEqual(['substr', 'sum']);
    expect(browserRows(TEST_FUNCTIONS, 'tuples', '').map((r) => r.name)).toEqual(['sum']);
    expect(browserRows(TEST_FUNCTIONS, '', 'window').map((r) => r.name)).toEqual(['row_number']);
    expect(browserRows(TEST_FUNCTIONS, 'str', '').find((r) => r.name === 'substr')?.overloads).toBe(2);
  });

  it('opens from the ƒ button, searches, inserts the chosen call, and closes with Escape (in Portuguese)', () => {
    const inserted: string[] = [];
    render(
      <I18nProvider locale="pt-BR">
        <FunctionBrowser functions={TEST_FUNCTIONS} onInsert={(t) => inserted.push(t)} testId="p-condition" />
      </I18nProvider>,
    );
    const toggle = screen.getByRole('button', { name: 'Procurar funções' });
    fireEvent.click(toggle);
    const search = screen.getByRole('searchbox', { name: 'Pesquisar funções' });
    expect(document.activeElement).toBe(search);
    fireEvent.change(search, { target: { value: 'upp' } });
    expect(screen.getByText('1 funções')).toBeTruthy();
    fireEvent.click(screen.getByTestId('function-upper'));
    expect(inserted).toEqual(['upper(']);
    expect(screen.queryByRole('dialog')).toBeNull();

    fireEvent.click(toggle);
    fireEvent.change(screen.getByRole('combobox', { name: 'Tipo de função' }), { target: { value: 'aggregate' } });
    expect(screen.getByTestId('function-sum')).toBeTruthy();
    expect(screen.queryByTestId('function-upper')).toBeNull();
    fireEvent.keyDown(screen.getByRole('searchbox'), { key: 'Enter' });
    expect(inserted).toEqual(['upper(', 'sum(']);

    fireEvent.click(toggle);
    fireEvent.keyDown(screen.getByRole('dialog'), { key: 'Escape' });
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(toggle);
  });
});
