import { useT } from '../i18n/i18n';

/**
 * Shown by the browser shell when the page has no valid key for the running
 * launch (opened without the printed address, or kept from an earlier
 * launch): nothing works until the printed address is opened, so it says so
 * instead of letting every action fail.
 */
export function LaunchAddressNotice() {
  const t = useT();
  return (
    <div className="modal-backdrop">
      <div
        className="modal"
        role="alertdialog"
        aria-labelledby="launch-address-title"
        data-testid="launch-address-notice"
      >
        <h2 id="launch-address-title">{t('launch.title')}</h2>
        <p>{t('launch.body')}</p>
      </div>
    </div>
  );
}
