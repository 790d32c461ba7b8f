import { autocompletion, closeBrackets, closeBracketsKeymap, completionKeymap } from '@codemirror/autocomplete';
import { bracketMatching, syntaxHighlighting } from '@codemirror/language';
import { sql, StandardSQL, type SQLNamespace } from '@codemirror/lang-sql';
import { Compartment, EditorState } from '@codemirror/state';
import { drawSelection, EditorView, highlightActiveLine, keymap, lineNumbers, placeholder as cmPlaceholder } from '@codemirror/view';
import { useEffect, useRef } from 'react';
import { codeHighlight } from './code-highlight';

/** The table name under which an expression's input columns complete unqualified. */
const INPUT_TABLE = 'input';

export interface CodeEditorProps {
  value: string;
  onChange: (v: string) => void;
  /** A whole query (line numbers, taller) or one expression. */
  mode: 'sql' | 'expression';
  /** For a query: input name → its columns. For an expression: the input's columns. */
  tables?: Readonly<Record<string, readonly string[]>>;
  columns?: readonly string[];
  placeholder?: string;
  ariaLabel: string;
  testId: string;
  invalid?: boolean;
}

function sqlLanguage(p: Pick<CodeEditorProps, 'mode' | 'tables' | 'columns'>) {
  if (p.mode === 'expression') {
    const schema: SQLNamespace = { [INPUT_TABLE]: [...(p.columns ?? [])] };
    return sql({ dialect: StandardSQL, schema, defaultTable: INPUT_TABLE, upperCaseKeywords: true });
  }
  const schema: SQLNamespace = {};
  for (const [t, cols] of Object.entries(p.tables ?? {})) schema[t] = [...cols];
  return sql({ dialect: StandardSQL, schema, upperCaseKeywords: true });
}

const theme = EditorView.theme({
  '&': { fontSize: '13px', border: '1px solid var(--border)', borderRadius: '4px', background: 'var(--input-bg)', color: 'var(--fg)' },
  '&.cm-focused': { outline: '2px solid var(--accent)', outlineOffset: '-1px' },
  '.cm-content': { fontFamily: 'var(--mono)', caretColor: 'var(--fg)' },
  '.cm-gutters': { background: 'var(--panel-bg)', color: 'var(--muted)', border: 'none' },
  '.cm-activeLine': { background: 'transparent' },
  '.cm-tooltip': { background: 'var(--panel-bg)', color: 'var(--fg)', border: '1px solid var(--border)' },
});

/** CodeMirror 6 with DuckDB-ish SQL highlighting and completion of the input's column names. */
export function CodeEditor(props: CodeEditorProps) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const lang = useRef(new Compartment());
  const onChange = useRef(props.onChange);
  onChange.current = props.onChange;

  useEffect(() => {
    if (host.current === null) return;
    const v = new EditorView({
      parent: host.current,
      state: EditorState.create({
        doc: props.value,
        extensions: [
          props.mode === 'sql' ? lineNumbers() : [],
          props.mode === 'sql' ? highlightActiveLine() : [],
          drawSelection(),
          bracketMatching(),
          closeBrackets(),
          autocompletion(),
          keymap.of([...closeBracketsKeymap, ...completionKeymap]),
          syntaxHighlighting(codeHighlight),
          lang.current.of(sqlLanguage(props)),
          EditorView.lineWrapping,
          cmPlaceholder(props.placeholder ?? ''),
          EditorView.contentAttributes.of({ 'aria-label': props.ariaLabel }),
          theme,
          EditorView.updateListener.of((u) => {
            if (u.docChanged) onChange.current(u.state.doc.toString());
          }),
        ],
      }),
    });
    view.current = v;
    return () => {
      v.destroy();
      view.current = null;
    };
    // The editor is created once; value and completions are synced below.
  }, []);

  // Outside changes (undo, another node selected) replace the text.
  useEffect(() => {
    const v = view.current;
    if (v === null) return;
    const current = v.state.doc.toString();
    if (current !== props.value) v.dispatch({ changes: { from: 0, to: current.length, insert: props.value } });
  }, [props.value]);

  const key = JSON.stringify([props.tables ?? null, props.columns ?? null]);
  useEffect(() => {
    view.current?.dispatch({ effects: lang.current.reconfigure(sqlLanguage({ mode: props.mode, ...(props.tables === undefined ? {} : { tables: props.tables }), ...(props.columns === undefined ? {} : { columns: props.columns }) })) });
    // Reconfigure only when the completions change (by value, not identity).
  }, [key]);

  return <div ref={host} className={`code-editor code-${props.mode}${props.invalid === true ? ' is-invalid' : ''}`} data-testid={props.testId} />;
}
