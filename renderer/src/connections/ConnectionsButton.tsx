import { useState } from 'react';
import { useT } from '../i18n/i18n';
import { ConnectionsDialog } from './ConnectionsDialog';

/** The toolbar's way into the connection manager. */
export function ConnectionsButton() {
  const t = useT();
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" aria-haspopup="dialog" onClick={() => setOpen(true)} data-testid="open-connections">
        {t('toolbar.connections')}
      </button>
      {open ? <ConnectionsDialog onClose={() => setOpen(false)} /> : null}
    </>
  );
}
