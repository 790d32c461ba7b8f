import { useState } from 'react';
import { useT } from '../i18n/i18n';
import { useStoreApi } from '../store/store-context';
import { ConnectionsDialog } from './ConnectionsDialog';

/** The toolbar's way into the connection manager. */
export function ConnectionsButton() {
  const t = useT();
  const [open, setOpen] = useState(false);
  const store = useStoreApi();
  // Whatever was saved or deleted, the open pipeline is checked again with it.
  const close = (): void => {
    setOpen(false);
    store.getState().actions.credentialsChanged();
  };
  return (
    <>
      <button type="button" aria-haspopup="dialog" onClick={() => setOpen(true)} data-testid="open-connections">
        {t('toolbar.connections')}
      </button>
      {open ? <ConnectionsDialog onClose={close} /> : null}
    </>
  );
}
