import type { IpcError } from '../../../shared/ipc/contract';
import { useDiagnosticText } from '../i18n/diagnostic-text';

/**
 * Why a view of a node (preview, profile, chart) has nothing to show: the
 * engine's diagnostics in the user's language, another node's (the one above
 * that failed) saying whose it is; the bare message only when there are none.
 */
export function FailureText({
  error,
  nodeId,
  testId,
  className = 'error-text preview-error',
  inline = false,
}: {
  error: Pick<IpcError, 'message' | 'diagnostics'>;
  nodeId: string | undefined;
  testId: string;
  className?: string;
  /** In a line of other controls (the chart's bar): a span, not a paragraph. */
  inline?: boolean;
}) {
  const text = useDiagnosticText();
  const diagnostics = error.diagnostics ?? [];
  const Tag = inline ? 'span' : 'p';
  return (
    <Tag className={className} data-testid={testId}>
      {diagnostics.length === 0
        ? error.message
        : diagnostics.map((d, i) => (
            <span key={i} className="preview-error-line">
              {d.nodeId !== undefined && d.nodeId !== nodeId ? `[${d.nodeId}] ` : ''}
              {text(d)}
            </span>
          ))}
    </Tag>
  );
}
