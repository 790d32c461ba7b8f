import type { PipelineNode } from '../../../shared/format/document';
import { useT } from '../i18n/i18n';
import { useActions } from '../store/store-context';
import { DIALECT_PARAMS, dialectWords } from './csv-dialect-words';

/** What a CSV source reads, in words, and a button that detects it again (the engine writes the result into the params). */
export function CsvDialectSummary({ node }: { node: PipelineNode }) {
  const t = useT();
  const { redetect } = useActions();
  const params = node.params ?? {};
  const pending =
    DIALECT_PARAMS.some((k) => params[k] === undefined) && typeof params['path'] === 'string' && params['path'] !== '';
  const words = dialectWords(params, t);
  return (
    <div className="csv-dialect" data-testid="csv-dialect">
      <span className="param-label">{t('dialect.title')}</span>
      <p className="csv-dialect-words" data-testid="csv-dialect-words">
        {words.length > 0 ? words.join(', ') : pending ? t('dialect.detecting') : ''}
      </p>
      <button
        type="button"
        className="small"
        data-testid="csv-redetect"
        title={t('dialect.redetectHelp')}
        onClick={() => redetect(node.id, DIALECT_PARAMS)}
      >
        {t('dialect.redetect')}
      </button>
    </div>
  );
}
