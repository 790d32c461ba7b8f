import { useEffect, useState } from 'react';
import type { PipelineNode } from '../../../shared/format/document';
import type { DeltaVersionsData } from '../../../shared/ipc/results';
import { useApi } from '../api/api-context';
import { pipelineRequest } from '../files/pipeline-request';
import { useLocale, useT } from '../i18n/i18n';
import { useActions, useAppStore, useStoreApi } from '../store/store-context';

type Versions = DeltaVersionsData['versions'];

/**
 * A Delta source's table versions (its log's history, asked of the engine
 * with `pipeline.deltaVersions`), newest first, to pick the one the node
 * reads: picking sets the Version param (and clears As of time, which
 * cannot be given with it); Latest clears both.
 */
export function DeltaVersions({ node }: { node: PipelineNode }) {
  const t = useT();
  const locale = useLocale();
  const api = useApi();
  const store = useStoreApi();
  const { setParam } = useActions();
  const checked = useAppStore((s) => s.check.checked);
  const path = node.params?.['path'];
  const [versions, setVersions] = useState<Versions | undefined>(undefined);

  useEffect(() => {
    let live = true;
    setVersions(undefined);
    void api['pipeline.deltaVersions']({ ...pipelineRequest(store.getState()), nodeId: node.id }).then((r) => {
      if (live) setVersions(r.ok ? r.value.versions : []);
    });
    return () => {
      live = false;
    };
  }, [api, store, node.id, path, checked]);

  const current = node.params?.['version'];
  const timeOf = (ms: number) =>
    new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'medium' }).format(new Date(ms));
  const label = (v: Versions[number]) => {
    const option = t('deltaVersions.option', { version: v.version, time: timeOf(v.timestamp), operation: v.operation });
    return v.rowsAdded === null
      ? option
      : t('deltaVersions.rows', { option, rows: new Intl.NumberFormat(locale).format(v.rowsAdded) });
  };
  const pick = (value: string) => {
    if (value === '') setParam(node.id, 'version', undefined);
    else {
      setParam(node.id, 'version', Number(value));
      if (typeof node.params?.['timestamp'] === 'string' && node.params['timestamp'] !== '')
        setParam(node.id, 'timestamp', undefined);
    }
  };
  return (
    <div className="delta-versions" data-testid="delta-versions">
      <label className="param-label" htmlFor="delta-version-pick">
        {t('deltaVersions.title')}
      </label>
      {versions === undefined ? (
        <p className="muted">{t('deltaVersions.loading')}</p>
      ) : versions.length === 0 ? (
        <p className="muted" data-testid="delta-versions-none">
          {t('deltaVersions.none')}
        </p>
      ) : (
        <select
          id="delta-version-pick"
          data-testid="delta-version-pick"
          value={typeof current === 'number' ? String(current) : ''}
          onChange={(e) => pick(e.target.value)}
        >
          <option value="">{t('deltaVersions.latest', { version: versions[0]?.version ?? 0 })}</option>
          {versions.map((v) => (
            <option key={v.version} value={String(v.version)}>
              {label(v)}
            </option>
          ))}
        </select>
      )}
    </div>
  );
}
