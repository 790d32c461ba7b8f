import type { NodeProps } from '@xyflow/react';
import { memo, useEffect, useState } from 'react';
import { useT } from '../i18n/i18n';
import type { NoteFlowNode } from '../store/flow-selectors';
import { useActions } from '../store/store-context';

/** A sticky note (document `notes`): drag by its header, edit its text in place. */
function NoteNodeView({ id, data, selected }: NodeProps<NoteFlowNode>) {
  const t = useT();
  const { setNoteText } = useActions();
  const text = Array.isArray(data.note.text) ? data.note.text.join('\n') : data.note.text;
  const [draft, setDraft] = useState(text);
  useEffect(() => setDraft(text), [text]);
  return (
    <div className={`note${selected ? ' is-selected' : ''}`} data-testid={`note-${id}`}>
      <div className="note-head">{t('note.title')}</div>
      <textarea
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
