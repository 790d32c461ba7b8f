import { useEffect, useState } from 'react';
import type { Response } from '../../../shared/ipc/contract';
import { useApi } from '../api/api-context';
import { useT } from '../i18n/i18n';
import { FileIcon } from './FileIcon';
import { joinPath } from '../../../shared/paths';

export interface BrowseRequest {
  mode: 'open' | 'save' | 'dir';
  title: string;
  dir: string;
  suggestedName?: string;
  extensions?: readonly string[];
}

/** An in-app file browser over `file.list`, for the browser shell where there is no native dialog. */
export function FileBrowser({ request, onDone }: { request: BrowseRequest; onDone: (path: string | null) => void }) {
  const t = useT();
  const api = useApi();
  const [dir, setDir] = useState(request.dir);
  const [listing, setListing] = useState<Response<'file.list'> | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [name, setName] = useState(request.suggestedName ?? '');

  useEffect(() => {
    let live = true;
    void api['file.list']({ dir }).then((r) => {
      if (!live) return;
      if (r.ok) {
        setListing(r.value);
        setError(null);
      } else setError(r.error.message);
    });
    return () => {
      live = false;
    };
  }, [api, dir]);

  const exts = request.extensions ?? [];
  const visible = (listing?.entries ?? []).filter(
    (e) =>
      e.kind === 'dir' ||
      request.mode === 'save' ||
      exts.length === 0 ||
      exts.some((x) => e.name.toLowerCase().endsWith(`.${x.toLowerCase()}`)),
  );
  return (
    <div className="modal-backdrop" onKeyDown={(e) => e.key === 'Escape' && onDone(null)}>
      <div className="modal file-browser" role="dialog" aria-label={request.title} data-testid="file-browser">
        <h2>{request.title}</h2>
        <div className="fb-path">
          <button
            type="button"
            disabled={listing?.parent == null}
            onClick={() => listing?.parent != null && setDir(listing.parent)}
            aria-label={t('files.up')}
          >
            ↑
          </button>
          <input
            value={dir}
            onChange={(e) => setDir(e.target.value)}
            aria-label={t('files.folder')}
            data-testid="file-browser-dir"
          />
        </div>
        {error !== null ? <p className="error-text">{error}</p> : null}
        <ul className="fb-list">
          {visible.map((e) => (
            <li key={e.name}>
              <button
                type="button"
                data-testid={`file-browser-entry-${e.name}`}
                onClick={() => {
                  const full = joinPath(listing?.dir ?? dir, e.name);
                  if (e.kind === 'dir') setDir(full);
                  else if (request.mode === 'save') setName(e.name);
                  else if (request.mode === 'open') onDone(full);
                }}
              >
                <FileIcon kind={e.kind} /> {e.name}
              </button>
            </li>
          ))}
        </ul>
        <div className="modal-actions">
          {request.mode === 'save' ? (
            <input
              value={name}
              onChange={(e) => setName(e.target.value)}
              aria-label={t('files.fileName')}
              data-testid="file-browser-name"
            />
          ) : null}
          <button type="button" onClick={() => onDone(null)}>
            {t('common.cancel')}
          </button>
          {request.mode === 'save' ? (
            <button
              type="button"
              className="primary"
              disabled={name.trim() === ''}
              onClick={() => onDone(joinPath(listing?.dir ?? dir, name.trim()))}
              data-testid="file-browser-ok"
            >
              {t('files.save')}
            </button>
          ) : null}
          {request.mode === 'dir' ? (
            <button
              type="button"
              className="primary"
              onClick={() => onDone(listing?.dir ?? dir)}
              data-testid="file-browser-ok"
            >
              {t('files.chooseFolder')}
            </button>
          ) : null}
        </div>
      </div>
    </div>
  );
}
