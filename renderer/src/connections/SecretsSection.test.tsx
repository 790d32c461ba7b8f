// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { secretEnvName } from '../../../shared/connections/secret-names';
import type { SecretStorageStatus } from '../../../shared/ipc/connection-ops';
import type { Reply, Request } from '../../../shared/ipc/contract';
import type { SecretEntry } from '../../../shared/ipc/secret-ops';
import { ApiProvider } from '../api/api-context';
import { I18nProvider } from '../i18n/i18n';
import { fakeApi } from '../test/fake-api';
import { ConnectionsDialog } from './ConnectionsDialog';

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
const UNAVAILABLE: SecretStorageStatus = { mode: 'unavailable', backend: 'none', file: null };
const VALUE = 'typed-V4lue-never-shown';

const ORIGIN = 'https://api.example.com';

/**
 * A host that keeps which secrets are stored (never their values) with
 * their origins (none for one stored before origins existed), beside the
 * variables set in `env`.
 */
function setup(
  storage: SecretStorageStatus,
  options: { stored?: string[]; env?: string[]; origins?: Record<string, string[]> } = {},
) {
  const stored = new Set(options.stored ?? []);
  const env = new Set(options.env ?? []);
  const origins = new Map(Object.entries(options.origins ?? {}));
  const saves: Array<Request<'secrets.save'>> = [];
  const entry = (name: string): SecretEntry => ({
    name,
    stored: stored.has(name),
    environment: env.has(name) ? secretEnvName(name) : null,
    origins: stored.has(name) ? (origins.get(name) ?? []) : null,
  });
  const { api, calls } = fakeApi({
    'connections.list': () => ({
      ok: true,
      value: { file: '/home/u/.config/duto/connections.json', storage, connections: [] },
    }),
    'secrets.list': () => ({
      ok: true,
      value: { storage, secrets: [...new Set([...stored, ...env])].sort().map(entry) },
    }),
    'secrets.save': (req): Reply<'secrets.save'> => {
      saves.push(req);
      if (storage.mode === 'unavailable')
        return {
          ok: false,
          error: { code: 'secrets.unavailable', message: 'Secrets cannot be stored on this system.' },
        };
      if (storage.mode === 'plain-text' && req.allowPlainTextStorage !== true)
        return { ok: true, value: { status: 'needs-plain-text-consent', storage } };
      const name = req.name.toUpperCase();
      if (req.value === undefined && !stored.has(name))
        return { ok: false, error: { code: 'secrets.not-found', message: `no value is stored for ${name}` } };
      stored.add(name);
      origins.set(name, req.origins);
      return { ok: true, value: { status: 'saved', secret: entry(name), storage } };
    },
    'secrets.delete': (req) => ({ ok: true, value: { deleted: stored.delete(req.name) } }),
  });
  const onClose = vi.fn();
  render(
    <ApiProvider api={api}>
      <I18nProvider locale="en">
        <ConnectionsDialog onClose={onClose} />
      </I18nProvider>
    </ApiProvider>,
  );
  const ops = (): string[] => calls.map((c) => c.op).filter((op) => op.startsWith('secrets.'));
  return { saves, ops, onClose };
}

async function openAddForm(name: string, value: string, origins = ORIGIN): Promise<void> {
  fireEvent.click(await screen.findByRole('button', { name: 'Add secret' }));
  expect(document.activeElement).toBe(screen.getByLabelText('Secret name'));
  fireEvent.change(screen.getByLabelText('Secret name'), { target: { value: name } });
  fireEvent.change(screen.getByLabelText('Value'), { target: { value } });
  fireEvent.change(screen.getByLabelText('Sent only to'), { target: { value: origins } });
}

function typedValues(): string[] {
  return [...document.querySelectorAll('input')].map((i) => i.value);
}

describe('Secrets in the connections dialog', () => {
  it('lists secrets with where each value comes from, a stored one winning over the environment', async () => {
    setup(KEYCHAIN, {
      stored: ['API_TOKEN', 'BOTH'],
      env: ['BOTH', 'FROM_ENV'],
      origins: { API_TOKEN: [ORIGIN, 'https://eu.example.com'] },
    });
    const section = await screen.findByRole('region', { name: 'Secrets' });
    expect(section.textContent).toContain('${secret:NAME}');
    expect(section.textContent).toContain('DUTO_SECRET_<NAME>');
    expect(within(await screen.findByTestId('secret-API_TOKEN')).getByText('Stored')).toBeTruthy();
    expect(
      within(screen.getByTestId('secret-BOTH')).getByText('Stored (used instead of DUTO_SECRET_BOTH)'),
    ).toBeTruthy();
    const envOnly = screen.getByTestId('secret-FROM_ENV');
    expect(within(envOnly).getByText('From DUTO_SECRET_FROM_ENV')).toBeTruthy();
    // Nothing is stored for it: it can be given a value, not deleted.
    expect(within(envOnly).getByRole('button', { name: 'Store a value for FROM_ENV' })).toBeTruthy();
    expect(within(envOnly).queryByRole('button', { name: 'Delete secret FROM_ENV' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Replace the value of API_TOKEN' })).toBeTruthy();
    // Beside each, where it may be sent.
    expect(screen.getByTestId('secret-origins-API_TOKEN').textContent).toBe(
      `Sent only to ${ORIGIN}, https://eu.example.com`,
    );
    expect(screen.getByTestId('secret-origins-BOTH').textContent).toBe(
      'Sent nowhere yet: it was stored before secrets had origins. Edit its origins to use it.',
    );
    expect(screen.getByTestId('secret-origins-FROM_ENV').textContent).toBe(
      'Sent to any server (DUTO_SECRET_FROM_ENV_ORIGINS is not set)',
    );
    expect(within(envOnly).queryByRole('button', { name: 'Edit where FROM_ENV may be sent' })).toBeNull();
  });

  it('adds a secret: sends the name upper-cased with the value once, reloads, and keeps the value nowhere', async () => {
    const { saves, ops } = setup(KEYCHAIN);
    expect(await screen.findByText('No secrets yet.')).toBeTruthy();
    await openAddForm('api_token', VALUE, ` HTTPS://Api.Example.com:443/ `);
    expect((screen.getByLabelText('Value') as HTMLInputElement).type).toBe('password');
    expect(screen.getByLabelText('Value').getAttribute('autocomplete')).toBe('off');
    expect(
      screen.getByText(/Pipelines write \$\{secret:API_TOKEN\}; the CLI reads DUTO_SECRET_API_TOKEN\./),
    ).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    const row = await screen.findByTestId('secret-API_TOKEN');
    expect(saves).toEqual([{ name: 'API_TOKEN', value: VALUE, origins: [ORIGIN], allowPlainTextStorage: false }]);
    expect(ops()).toEqual(['secrets.list', 'secrets.save', 'secrets.list']);
    expect(within(row).getByText(`Sent only to ${ORIGIN}`)).toBeTruthy();
    expect(within(row).getByText('Stored')).toBeTruthy();
    expect(screen.getByTestId('connections-notice').textContent).toBe('Secret API_TOKEN saved.');
    expect(screen.queryByTestId('secret-form')).toBeNull();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Add secret' }));
    expect(document.body.innerHTML).not.toContain(VALUE);
    expect(typedValues()).not.toContain(VALUE);
  });

  it('refuses a bad or missing name, or an empty value, inline and without asking the host', async () => {
    const { ops } = setup(KEYCHAIN);
    await openAddForm('1st token', VALUE);
    const name = screen.getByLabelText('Secret name');
    // Said as soon as it is typed, tied to the field.
    expect(screen.getByText('Use letters, digits and _, not starting with a digit.')).toBeTruthy();
    expect(name.getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById(name.getAttribute('aria-describedby') ?? '')?.textContent).toBe(
      'Use letters, digits and _, not starting with a digit.',
    );
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));

    fireEvent.change(name, { target: { value: '' } });
    fireEvent.change(screen.getByLabelText('Value'), { target: { value: '' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(screen.getByText('Enter a name.')).toBeTruthy();
    expect(screen.getByText(/Enter a value\./)).toBeTruthy();
    expect(ops()).toEqual(['secrets.list']);
  });

  it('without a keyring, stores the value only after the user agrees', async () => {
    const { saves } = setup(PLAIN);
    await openAddForm('API_TOKEN', VALUE);
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));

    const ask = await screen.findByRole('alertdialog');
    expect(ask.textContent).toContain('Store the secret as plain text?');
    expect(ask.textContent).toContain('DUTO_SECRET_API_TOKEN');
    expect(ask.textContent).toContain(PLAIN.file);
    expect(document.activeElement).toBe(within(ask).getByRole('button', { name: 'Cancel' }));
    // No: back to the form with what was typed, nothing stored.
    fireEvent.click(within(ask).getByRole('button', { name: 'Cancel' }));
    expect((screen.getByLabelText('Value') as HTMLInputElement).value).toBe(VALUE);
    expect(screen.queryByTestId('secret-API_TOKEN')).toBeNull();

    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    fireEvent.click(
      within(await screen.findByRole('alertdialog')).getByRole('button', { name: 'Store as plain text' }),
    );
    await screen.findByTestId('secret-API_TOKEN');
    expect(saves.map((s) => s.allowPlainTextStorage)).toEqual([false, false, true]);
    expect(saves[2]).toEqual({ name: 'API_TOKEN', value: VALUE, origins: [ORIGIN], allowPlainTextStorage: true });
    expect(document.body.innerHTML).not.toContain(VALUE);
  });

  it("where nothing can be stored, shows the host's refusal and points to the environment variable", async () => {
    setup(UNAVAILABLE);
    await openAddForm('API_TOKEN', VALUE);
    expect(screen.getByText(/Values cannot be stored on this system\./)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Secrets cannot be stored on this system.');
    expect(alert.textContent).toContain("Or set DUTO_SECRET_API_TOKEN in Duto's environment.");
    expect(screen.getByTestId('secret-form')).toBeTruthy();
  });

  it('replaces a stored value, and focus returns to the row', async () => {
    const { saves } = setup(KEYCHAIN, { stored: ['TOKEN'], origins: { TOKEN: [ORIGIN] } });
    fireEvent.click(await screen.findByRole('button', { name: 'Replace the value of TOKEN' }));
    const value = screen.getByLabelText('New value for TOKEN');
    expect(document.activeElement).toBe(value);
    expect(screen.queryByLabelText('Secret name')).toBeNull();
    // Its origins come along as they are.
    expect((screen.getByLabelText('Sent only to') as HTMLInputElement).value).toBe(ORIGIN);
    fireEvent.change(value, { target: { value: VALUE } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('Secret TOKEN saved.')).toBeTruthy();
    expect(saves).toEqual([{ name: 'TOKEN', value: VALUE, origins: [ORIGIN], allowPlainTextStorage: false }]);
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Replace the value of TOKEN' }));
    expect(document.body.innerHTML).not.toContain(VALUE);
  });

  it('asks where a secret may be sent: required, checked as it is typed, and not sent to the host until right', async () => {
    const { ops } = setup(KEYCHAIN);
    await openAddForm('API_TOKEN', VALUE, 'https://api.example.com/v1');
    const field = screen.getByLabelText('Sent only to');
    const hint = (): string => document.getElementById(field.getAttribute('aria-describedby') ?? '')?.textContent ?? '';
    expect(field.getAttribute('aria-invalid')).toBe('true');
    expect(hint()).toBe(
      'https://api.example.com/v1 has a path, query or fragment: give only the scheme, host and port, e.g. https://api.example.com.',
    );
    fireEvent.change(field, { target: { value: `${ORIGIN}, api.example.org` } });
    expect(hint()).toBe('api.example.org is not a URL such as https://api.example.com.');
    fireEvent.change(field, { target: { value: '' } });
    expect(field.getAttribute('aria-invalid')).toBe('false');
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(hint()).toBe('Say where it may be sent, e.g. https://api.example.com.');
    expect(ops()).toEqual(['secrets.list']);
  });

  it('edits where a stored secret may be sent without its value being typed again', async () => {
    const { saves } = setup(KEYCHAIN, { stored: ['OLD'] });
    const row = await screen.findByTestId('secret-OLD');
    expect(within(row).getByTestId('secret-origins-OLD').className).toContain('error-text');
    fireEvent.click(within(row).getByRole('button', { name: 'Edit where OLD may be sent' }));
    const field = screen.getByLabelText('Sent only to');
    expect(document.activeElement).toBe(field);
    expect(screen.queryByLabelText(/value/i)).toBeNull();
    fireEvent.change(field, { target: { value: `${ORIGIN}, https://eu.example.com:443` } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('Secret OLD saved.')).toBeTruthy();
    expect(saves).toEqual([{ name: 'OLD', origins: [ORIGIN, 'https://eu.example.com'], allowPlainTextStorage: false }]);
    expect(screen.getByTestId('secret-origins-OLD').textContent).toBe(`Sent only to ${ORIGIN}, https://eu.example.com`);
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Edit where OLD may be sent' }));
  });

  it('deletes only after confirmation', async () => {
    const { ops } = setup(KEYCHAIN, { stored: ['TOKEN'] });
    const row = await screen.findByTestId('secret-TOKEN');
    fireEvent.click(within(row).getByRole('button', { name: 'Delete secret TOKEN' }));
    const confirm = within(row).getByRole('alertdialog');
    expect(confirm.textContent).toContain('Delete secret TOKEN?');
    expect(confirm.textContent).toContain('DUTO_SECRET_TOKEN');
    fireEvent.click(within(confirm).getByRole('button', { name: 'Cancel' }));
    expect(ops()).not.toContain('secrets.delete');
    expect(document.activeElement).toBe(within(row).getByRole('button', { name: 'Delete secret TOKEN' }));

    fireEvent.click(within(row).getByRole('button', { name: 'Delete secret TOKEN' }));
    fireEvent.click(screen.getByTestId('secrets-confirm-delete-yes'));
    expect(await screen.findByText('Secret TOKEN deleted.')).toBeTruthy();
    expect(screen.queryByTestId('secret-TOKEN')).toBeNull();
    expect(ops()).toEqual(['secrets.list', 'secrets.delete', 'secrets.list']);
  });

  it('Escape (or a click beside the dialog) leaves the secret form, not the dialog', async () => {
    const { onClose, ops } = setup(PLAIN, { stored: ['TOKEN'] });
    await openAddForm('API_TOKEN', VALUE);
    fireEvent.click(document.querySelector('.modal-backdrop') ?? document.body);
    expect(screen.getByTestId('secret-form')).toBeTruthy();

    // Escape in the plain-text question goes back to the form…
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    fireEvent.keyDown(within(await screen.findByRole('alertdialog')).getByRole('button', { name: 'Cancel' }), {
      key: 'Escape',
    });
    expect(screen.getByTestId('secret-form')).toBeTruthy();
    // …then out of the form, its value gone…
    fireEvent.keyDown(screen.getByLabelText('Value'), { key: 'Escape' });
    expect(screen.queryByTestId('secret-form')).toBeNull();
    expect(typedValues()).not.toContain(VALUE);
    expect(onClose).not.toHaveBeenCalled();
    // …and a delete question likewise.
    fireEvent.click(screen.getByRole('button', { name: 'Delete secret TOKEN' }));
    fireEvent.keyDown(screen.getByTestId('secrets-confirm-cancel'), { key: 'Escape' });
    expect(screen.queryByTestId('secrets-confirm-delete')).toBeNull();
    expect(onClose).not.toHaveBeenCalled();

    fireEvent.keyDown(screen.getByRole('dialog'), { key: 'Escape' });
    expect(onClose).toHaveBeenCalledTimes(1);
    expect(ops()).toEqual(['secrets.list', 'secrets.save']);
  });
});
