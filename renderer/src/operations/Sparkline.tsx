/**
 * A small line of values, oldest to newest, in plain SVG; its label says
 * what it shows (the picture itself is decorative for screen readers).
 */
export function Sparkline({ values, label, testId }: { values: readonly number[]; label: string; testId: string }) {
  const width = 80;
  const height = 18;
  const max = Math.max(...values, 0);
  const min = Math.min(...values, max);
  const span = max - min || 1;
  const step = values.length > 1 ? width / (values.length - 1) : 0;
  const points = values
    .map((v, i) => `${(i * step).toFixed(1)},${(height - 2 - ((v - min) / span) * (height - 4)).toFixed(1)}`)
    .join(' ');
  return (
    <svg
      className="sparkline"
      width={width}
      height={height}
      viewBox={`0 0 ${String(width)} ${String(height)}`}
      role="img"
      aria-label={label}
      data-testid={testId}
      data-points={values.length}
    >
      {values.length > 1 ? (
        <polyline points={points} fill="none" stroke="currentColor" strokeWidth="1.5" />
      ) : (
        <circle cx={width / 2} cy={height / 2} r="2" fill="currentColor" />
      )}
    </svg>
  );
}
