import type { TrustReport } from '../../../shared/ipc/results';
import { useT } from '../i18n/i18n';
import type { MessageKey } from '../i18n/messages.en';

/** What trusting the pipeline lets it do, grouped: outputs, files outside its folder, connections, addresses, secrets. */
export function TrustSummary({ report }: { report: TrustReport }) {
  const t = useT();
  const groups: Array<{ key: MessageKey; items: string[] }> = [
    { key: 'trust.writes', items: report.writes.map((w) => w.target) },
    { key: 'trust.outside', items: report.outside.map((o) => o.path) },
    { key: 'trust.connections', items: report.connections.map((c) => c.name) },
    { key: 'trust.hosts', items: report.hosts.map((h) => h.url) },
    { key: 'trust.secrets', items: report.secrets.map((s) => s.name) },
  ];
  const shown = groups.map((g) => ({ ...g, items: [...new Set(g.items)] })).filter((g) => g.items.length > 0);
  if (shown.length === 0) return <p className="muted">{t('trust.nothing')}</p>;
  return (
    <dl className="trust-summary" data-testid="trust-summary">
      {shown.map((g) => (
        <div key={g.key}>
          <dt>{t(g.key, { count: String(g.items.length) })}</dt>
          {g.items.map((item) => (
            <dd key={item}>
              <code>{item}</code>
            </dd>
          ))}
        </div>
      ))}
    </dl>
  );
}
