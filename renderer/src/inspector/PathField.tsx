import type { ParamMeta } from '../../../shared/catalog/params';
import { useFiles } from '../files/files-context';
import { relativeTo } from '../../../shared/paths';
import { useT } from '../i18n/i18n';

type PathMeta = Extract<ParamMeta, { kind: 'path' }>;

/**
 * A path typed or browsed; inside the pipeline's folder it is stored relative, so the pipeline stays portable.
 * `onSettled`: once a file is picked by browsing (typing goes key by key, and a rename then would move the focus).
 */
export function PathField(p: {
  id: string;
  meta: PathMeta;
  value: string;
  onChange: (v: string) => void;
  onSettled?: (v: string) => void;
  baseDir: string;
  invalid: boolean;
}) {
  const t = useT();
  const files = useFiles();
  const browse = async (): Promise<void> => {
    const mode = p.meta.accepts === 'dir' ? 'dir' : p.meta.access === 'write' ? 'save' : 'open';
    const picked = await files.pickPath({
      mode,
      title: p.meta.label,
      extensions: p.meta.extensions,
      ...(mode === 'save' ? { suggestedName: p.value.split('/').pop() ?? '' } : {}),
    });
    if (picked === null) return;
    p.onChange(relativeTo(p.baseDir, picked));
    p.onSettled?.(picked);
  };
  return (
    <div className="path-field">
      <input
        id={p.id}
        data-testid={p.id}
        type="text"
        value={p.value}
        placeholder={p.meta.placeholder ?? t('param.pathPlaceholder')}
        aria-invalid={p.invalid}
        onChange={(e) => p.onChange(e.target.value)}
      />
      <button type="button" onClick={() => void browse()} data-testid={`${p.id}-browse`}>
        {t('param.browse')}
      </button>
    </div>
  );
}
