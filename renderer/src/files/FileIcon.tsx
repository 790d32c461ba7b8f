/**
 * A folder or file glyph drawn inline: emoji depend on the fonts a machine
 * has (many Linux ones show empty boxes), these do not.
 */
export function FileIcon({ kind }: { kind: 'dir' | 'file' }) {
  return (
    <svg className={`fb-icon fb-icon-${kind}`} width="14" height="14" viewBox="0 0 16 16" aria-hidden="true">
      {kind === 'dir' ? (
        <path
          d="M1.5 3.5h4.3l1.4 1.6h7.3v8.4H1.5z"
          fill="currentColor"
          fillOpacity="0.25"
          stroke="currentColor"
          strokeWidth="1.2"
          strokeLinejoin="round"
        />
      ) : (
        <path
          d="M3.5 1.5h6l3 3v10h-9zM9.5 1.5v3h3"
          fill="none"
          stroke="currentColor"
          strokeWidth="1.2"
          strokeLinejoin="round"
        />
      )}
    </svg>
  );
}
