import type { NodeProps } from '@xyflow/react';
import { memo, useEffect, useRef, useState } from 'react';
import { useT } from '../i18n/i18n';
import type { NoteFlowNode } from '../store/flow-selectors';
import { useActions, useAppStore } from '../store/store-context';

/** A sticky note (document `notes`): drag by its header, edit its text in place. */
function NoteNodeView({ id, data, selected }: NodeProps<NoteFlowNode>) {
  const t = useT();
  const { setNoteText, noteEditing } = useActions();
  const text = Array.isArray(data.note.text) ? data.note.text.join('\n') : data.note.text;
  const [draft, setDraft] = useState(text);
  useEffect(() => setDraft(text), [text]);
  const field = useRef<HTMLTextAreaElement>(null);
  // A note just added starts in edit mode: what is typed next is its text (after the canvas settles its own focus).
  const toEdit = useAppStore((s) => s.session.noteToEdit === id);
  useEffect(() => {
    if (!toEdit) return;
    // The canvas shows a node only once measured (hidden until then, and a hidden field takes no focus): try each frame, a few.
    let frame = 0;
    let tries = 0;
    const attempt = (): void => {
      field.current?.focus();
      if (document.activeElement === field.current || ++tries > 30) noteEditing();
      else frame = requestAnimationFrame(attempt);
    };
    frame = requestAnimationFrame(attempt);
    return () => cancelAnimationFrame(frame);
  }, [toEdit, noteEditing]);
  return (
    <div className={`note${selected ? ' is-selected' : ''}`} data-testid={`note-${id}`}>
      <div className="note-head">{t('note.title')}</div>
      <textarea
        ref={field}
        className="note-text nodrag nowheel"
        value={draft}
        placeholder={t('note.placeholder')}
        aria-label={t('note.title')}
        onChange={(e) => {
          setDraft(e.target.value);
          setNoteText(id, e.target.value);
        }}
      />
    </div>
  );
}

export const NoteNode = memo(NoteNodeView);
