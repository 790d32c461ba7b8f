// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ConnectionEntry, SecretStorageStatus } from '../../../shared/ipc/connection-ops';
import type { Request } from '../../../shared/ipc/contract';
import { ApiProvider } from '../api/api-context';
import { I18nProvider, type Locale } from '../i18n/i18n';
import { fakeApi } from '../test/fake-api';
import { ConnectionsDialog } from './ConnectionsDialog';
import { focusableIn } from './use-focus-trap';

afterEach(cleanup);

const KEYCHAIN: SecretStorageStatus = {
  mode: 'keychain',
  backend: 'gnome_libsecret',
  file: '/home/u/.config/Duto/connection-secrets.json',
};
const PLAIN: SecretStorageStatus = {
  mode: 'plain-text',
  backend: 'basic_text',
  file: '/home/u/.config/Duto/connection-secrets.json',
};
const MEMORY: SecretStorageStatus = { mode: 'memory', backend: 'memory', file: null };

/** A host that keeps what is saved, and answers tests with `testAnswer`. */
function setup(
  storage: SecretStorageStatus,
  options: { initial?: ConnectionEntry[]; locale?: Locale; testAnswer?: { ok: boolean; message: string } } = {},
) {
  let connections: ConnectionEntry[] = options.initial ?? [];
  const saves: Array<Request<'connections.save'>> = [];
  const tests: Array<Request<'connections.test'>> = [];
  const { api, calls } = fakeApi({
    'connections.list': () => ({
      ok: true,
      value: { file: '/home/u/.config/duto/connections.json', storage, connections },
    }),
    'connections.save': (req) => {
      saves.push(req);
      if (storage.mode === 'plain-text' && req.password?.action === 'set' && req.allowPlainTextStorage !== true)
        return { ok: true, value: { status: 'needs-plain-text-consent', storage } };
      const before = connections.find((c) => c.name === (req.previousName ?? req.name));
      const action = req.password?.action ?? 'keep';
      const entry: ConnectionEntry = {
        name: req.name,
        definition: req.definition,
        hasPassword: action === 'set' || (action === 'keep' && before?.hasPassword === true),
        environment: [],
      };
      connections = [...connections.filter((c) => c.name !== req.name && c.name !== req.previousName), entry];
      return { ok: true, value: { status: 'saved', connection: entry, storage } };
    },
    'connections.test': (req) => {
      tests.push(req);
      const answer = options.testAnswer ?? { ok: true, message: 'connected' };
      return { ok: true, value: { ...answer, code: answer.ok ? 'connection.ok' : 'connection.failed', elapsedMs: 12 } };
    },
    'connections.delete': (req) => {
      connections = connections.filter((c) => c.name !== req.name);
      return { ok: true, value: { deleted: true } };
    },
    'secrets.list': () => ({ ok: true, value: { storage, secrets: [] } }),
  });
  const onClose = vi.fn();
  render(
    <ApiProvider api={api}>
      <I18nProvider locale={options.locale ?? 'en'}>
        <button type="button">opener</button>
        <ConnectionsDialog onClose={onClose} />
      </I18nProvider>
    </ApiProvider>,
  );
  return { saves, tests, calls, onClose };
}

function fill(label: string, value: string): void {
  fireEvent.change(screen.getByLabelText(label), { target: { value } });
}

async function openNewForm(): Promise<void> {
  fireEvent.click(await screen.findByRole('button', { name: 'New connection' }));
  fill('Name', 'warehouse');
  fireEvent.change(screen.getByLabelText('Database'), { target: { value: 'postgres' } });
  fill('Host', 'db.internal');
  fill('Port', '5432');
  fill('Database name', 'sales');
  fill('User', 'etl');
  fill('Password', 'typed-S3cret');
}

describe('Connections dialog', () => {
  it('creates a connection: Test shows the result, Save sends the password once and lists the connection without it', async () => {
    const { saves, tests } = setup(KEYCHAIN);
    expect(await screen.findByText('Passwords are encrypted with the system keychain (gnome_libsecret).')).toBeTruthy();
    expect(screen.getByText('No connections yet.')).toBeTruthy();
    await openNewForm();

    fireEvent.click(screen.getByRole('button', { name: 'Test' }));
    const result = await screen.findByText('Connected: SELECT 1 answered in 12 ms.');
    expect(result.getAttribute('role')).toBe('status');
    expect(tests).toEqual([
      {
        name: 'warehouse',
        definition: { kind: 'postgres', host: 'db.internal', port: 5432, database: 'sales', user: 'etl' },
        password: { action: 'set', value: 'typed-S3cret' },
      },
    ]);

    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    const row = await screen.findByTestId('connection-warehouse');
    expect(saves).toEqual([
      {
        name: 'warehouse',
        definition: { kind: 'postgres', host: 'db.internal', port: 5432, database: 'sales', user: 'etl' },
        password: { action: 'set', value: 'typed-S3cret' },
        allowPlainTextStorage: false,
      },
    ]);
    expect(within(row).getByText('PostgreSQL · db.internal:5432 · sales · etl')).toBeTruthy();
    expect(within(row).getByText('Password stored')).toBeTruthy();
    expect(screen.getByRole('status').textContent).toBe('Connection warehouse saved.');
    expect(document.body.textContent).not.toContain('typed-S3cret');
  });

  it("shows a failed test as an alert with the host's message", async () => {
    const message =
      'cannot connect to connection "warehouse" (postgres at db.internal:5432): the server refused the connection';
    setup(KEYCHAIN, { testAnswer: { ok: false, message } });
    await openNewForm();
    fireEvent.click(screen.getByRole('button', { name: 'Test' }));
    expect((await screen.findByRole('alert')).textContent).toBe(message);
  });

  it('without a keyring, says so and stores the password only after the user agrees', async () => {
    const { saves } = setup(PLAIN);
    expect((await screen.findByTestId('connections-storage')).textContent).toContain(
      'No keyring was found on this system (basic_text)',
    );
    await openNewForm();
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));

    const ask = await screen.findByRole('alertdialog');
    expect(ask.textContent).toContain('Store the password as plain text?');
    expect(ask.textContent).toContain('DUTO_CONN_WAREHOUSE_PASSWORD');
    expect(document.activeElement).toBe(within(ask).getByRole('button', { name: 'Cancel' }));
    // No: back to the form, values kept, nothing stored.
    fireEvent.click(within(ask).getByRole('button', { name: 'Cancel' }));
    expect((screen.getByLabelText('Name') as HTMLInputElement).value).toBe('warehouse');
    expect(saves.map((s) => s.allowPlainTextStorage)).toEqual([false]);

    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    fireEvent.click(
      within(await screen.findByRole('alertdialog')).getByRole('button', { name: 'Store as plain text' }),
    );
    await screen.findByTestId('connection-warehouse');
    expect(saves.map((s) => s.allowPlainTextStorage)).toEqual([false, false, true]);
    expect(saves[2]?.password).toEqual({ action: 'set', value: 'typed-S3cret' });
  });

  it('in the browser shell, says passwords are kept in memory for this launch (in Portuguese too)', async () => {
    setup(MEMORY, { locale: 'pt-BR' });
    const note = await screen.findByTestId('connections-storage');
    expect(note.textContent).toContain('ficam na memória até o Duto parar');
    expect(note.textContent).toContain('DUTO_CONN_<NAME>_PASSWORD');
  });

  it('edits without resending the password unless one is typed, and can remove it', async () => {
    const entry: ConnectionEntry = {
      name: 'shop',
      definition: { kind: 'mysql', host: 'db', user: 'etl' },
      hasPassword: true,
      environment: [],
    };
    const { saves } = setup(KEYCHAIN, { initial: [entry] });
    fireEvent.click(await screen.findByRole('button', { name: 'Edit shop' }));
    expect((screen.getByLabelText('Password') as HTMLInputElement).placeholder).toBe('Stored: leave empty to keep it');
    fill('Host', 'db2');
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await screen.findByTestId('connection-shop');
    expect(saves[0]).toMatchObject({
      name: 'shop',
      previousName: 'shop',
      password: { action: 'keep' },
      definition: { host: 'db2' },
    });

    fireEvent.click(screen.getByRole('button', { name: 'Edit shop' }));
    fireEvent.click(screen.getByLabelText('Remove the stored password'));
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await screen.findByTestId('connection-shop');
    expect(saves[1]?.password).toEqual({ action: 'clear' });
  });

  it('refuses a bad name or port in the form, before asking the host', async () => {
    const { calls } = setup(KEYCHAIN);
    fireEvent.click(await screen.findByRole('button', { name: 'New connection' }));
    fill('Name', 'Ware House');
    fill('Port', '99999');
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(screen.getByText('Use lowercase letters, digits and _, starting with a letter.')).toBeTruthy();
    expect(screen.getByText('A port is a whole number from 1 to 65535.')).toBeTruthy();
    expect(screen.getByLabelText('Name').getAttribute('aria-invalid')).toBe('true');
    expect(calls.map((c) => c.op).sort()).toEqual(['connections.list', 'secrets.list']);
  });

  it('deletes only after confirmation, and tests a saved connection from the list', async () => {
    const entry: ConnectionEntry = {
      name: 'shop',
      definition: { kind: 'mysql' },
      hasPassword: false,
      environment: ['DUTO_CONN_SHOP_PASSWORD'],
    };
    const { calls, tests } = setup(KEYCHAIN, { initial: [entry] });
    const row = await screen.findByTestId('connection-shop');
    expect(within(row).getByText('Password from DUTO_CONN_SHOP_PASSWORD')).toBeTruthy();

    fireEvent.click(within(row).getByRole('button', { name: 'Test shop' }));
    expect(await within(row).findByText('Connected: SELECT 1 answered in 12 ms.')).toBeTruthy();
    expect(tests).toEqual([{ name: 'shop' }]);

    fireEvent.click(within(row).getByRole('button', { name: 'Delete shop' }));
    const confirm = within(row).getByRole('alertdialog');
    expect(confirm.textContent).toContain('Delete shop?');
    fireEvent.click(within(confirm).getByRole('button', { name: 'Cancel' }));
    expect(calls.some((c) => c.op === 'connections.delete')).toBe(false);

    fireEvent.click(within(row).getByRole('button', { name: 'Delete shop' }));
    fireEvent.click(within(screen.getByRole('alertdialog')).getByRole('button', { name: 'Delete' }));
    expect(await screen.findByText('Connection shop deleted.')).toBeTruthy();
    expect(screen.queryByTestId('connection-shop')).toBeNull();
  });

  it('is a modal dialog that keeps focus inside and closes on Escape', async () => {
    const { onClose } = setup(KEYCHAIN);
    const dialog = await screen.findByRole('dialog', { name: 'Database connections' });
    expect(dialog.getAttribute('aria-modal')).toBe('true');
    await screen.findByRole('button', { name: 'New connection' });
    const focusable = focusableIn(dialog);
    expect(dialog.contains(document.activeElement)).toBe(true);
    focusable[focusable.length - 1]?.focus();
    fireEvent.keyDown(document.activeElement ?? dialog, { key: 'Tab' });
    expect(document.activeElement).toBe(focusable[0]);
    fireEvent.keyDown(document.activeElement ?? dialog, { key: 'Tab', shiftKey: true });
    expect(document.activeElement).toBe(focusable[focusable.length - 1]);
    act(() => screen.getByRole('button', { name: 'opener' }).focus());
    expect(dialog.contains(document.activeElement)).toBe(true);

    // Escape leaves a form for the list first, then closes.
    fireEvent.click(screen.getByRole('button', { name: 'New connection' }));
    fireEvent.keyDown(screen.getByLabelText('Name'), { key: 'Escape' });
    expect(screen.queryByTestId('connections-form')).toBeNull();
    expect(onClose).not.toHaveBeenCalled();
    fireEvent.keyDown(dialog, { key: 'Escape' });
    expect(onClose).toHaveBeenCalledTimes(1);
  });
});
