import {
  autocompletion,
  closeBrackets,
  closeBracketsKeymap,
  completionKeymap,
  type Completion,
} from '@codemirror/autocomplete';
import { bracketMatching, syntaxHighlighting } from '@codemirror/language';
import { sql, StandardSQL, type SQLNamespace } from '@codemirror/lang-sql';
import { Compartment, EditorState } from '@codemirror/state';
import {
  drawSelection,
  EditorView,
  highlightActiveLine,
  keymap,
  lineNumbers,
  placeholder as cmPlaceholder,
} from '@codemirror/view';
import { useEffect, useMemo, useRef } from 'react';
import type { FunctionEntry } from '../../../shared/ipc/function-ops';
import { useT } from '../i18n/i18n';
import { codeHighlight } from './code-highlight';
import {
  columnCompletions,
  expressionCompletionSource,
  functionCompletions,
  type CompletionColumn,
} from './expression-help/completion-source';
import { errorMarks, setErrorMark, type ErrorMark } from './expression-help/error-mark';
import { FunctionBrowser, kindLabelKey } from './expression-help/FunctionBrowser';
import { signatureHelp } from './expression-help/signature-help';
import { byName } from './expression-help/signatures';

export interface CodeEditorProps {
  value: string;
  onChange: (v: string) => void;
  /** A whole query (line numbers, taller) or one expression. */
  mode: 'sql' | 'expression';
  /** For a query: input name → its columns. For an expression: the input's columns (with their types, shown beside them). */
  tables?: Readonly<Record<string, readonly string[]>>;
  columns?: readonly CompletionColumn[];
  /** The engine's functions: completed with their signatures, explained inside a call, listed by the ƒ button. */
  functions?: readonly FunctionEntry[];
  /** Where the engine's parser stopped in this text, underlined with its message on hover. */
  errorMark?: ErrorMark;
  placeholder?: string;
  ariaLabel: string;
  testId: string;
  invalid?: boolean;
}

/**
 * The SQL language with keyword completion, plus completion of our own: for
 * an expression, the input's columns and the engine's functions; for a query,
 * its tables' columns (the language's schema completion) and the functions.
 */
function sqlLanguage(p: Pick<CodeEditorProps, 'mode' | 'tables'>, ours: Completion[]) {
  const schema: SQLNamespace = {};
  if (p.mode === 'sql') for (const [t, cols] of Object.entries(p.tables ?? {})) schema[t] = [...cols];
  const lang =
    p.mode === 'expression'
      ? sql({ dialect: StandardSQL, upperCaseKeywords: true })
      : sql({ dialect: StandardSQL, schema, upperCaseKeywords: true });
  return [lang, lang.language.data.of({ autocomplete: expressionCompletionSource(ours) })];
}

const theme = EditorView.theme({
  '&': {
    fontSize: '13px',
    border: '1px solid var(--border)',
    borderRadius: '4px',
    background: 'var(--input-bg)',
    color: 'var(--fg)',
  },
  '&.cm-focused': { outline: '2px solid var(--accent)', outlineOffset: '-1px' },
  '.cm-content': { fontFamily: 'var(--mono)', caretColor: 'var(--fg)' },
  '.cm-gutters': { background: 'var(--panel-bg)', color: 'var(--muted)', border: 'none' },
  '.cm-activeLine': { background: 'transparent' },
  '.cm-tooltip': { background: 'var(--panel-bg)', color: 'var(--fg)', border: '1px solid var(--border)' },
  '.cm-error-mark': {
    textDecoration: 'underline wavy var(--danger)',
    textDecorationSkipInk: 'none',
    textUnderlineOffset: '3px',
  },
  '.cm-signature-help, .cm-error-tooltip': { padding: '4px 8px', maxWidth: '420px', fontSize: '12px' },
  '.cm-signature': { fontFamily: 'var(--mono)' },
  '.cm-signature-active': { color: 'var(--accent)', textDecoration: 'underline' },
  '.cm-signature-more, .cm-signature-doc': { color: 'var(--muted)', marginTop: '2px' },
});

/** CodeMirror 6 with DuckDB-ish SQL highlighting and completion of the input's column names. */
export function CodeEditor(props: CodeEditorProps) {
  const t = useT();
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const lang = useRef(new Compartment());
  const help = useRef(new Compartment());
  const onChange = useRef(props.onChange);
  onChange.current = props.onChange;
  const functions = props.functions ?? NO_FUNCTIONS;
  const columnsKey = JSON.stringify(props.columns ?? null);
  const ours = useMemo(
    () => [
      ...(props.mode === 'expression' ? columnCompletions(props.columns ?? []) : []),
      ...functionCompletions(functions, (k) => t(kindLabelKey(k))),
    ],
    // By value: a new array of the same columns is no change.
    [props.mode, columnsKey, functions, t],
  );
  const overloads = useMemo(() => byName(functions), [functions]);
  const signatures = useMemo(
    () => signatureHelp(overloads, (n) => t('functions.overloads', { count: n })),
    [overloads, t],
  );

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
          lang.current.of(sqlLanguage(props, ours)),
          help.current.of(signatures),
          errorMarks(),
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

  const key = JSON.stringify(props.tables ?? null);
  useEffect(() => {
    view.current?.dispatch({
      effects: lang.current.reconfigure(
        sqlLanguage({ mode: props.mode, ...(props.tables === undefined ? {} : { tables: props.tables }) }, ours),
      ),
    });
    // Reconfigure only when the completions change (tables by value, not identity).
  }, [key, ours]);

  useEffect(() => {
    view.current?.dispatch({ effects: help.current.reconfigure(signatures) });
  }, [signatures]);

  const markKey = props.errorMark === undefined ? '' : `${String(props.errorMark.offset)}:${props.errorMark.message}`;
  useEffect(() => {
    view.current?.dispatch({ effects: setErrorMark.of(props.errorMark ?? null) });
    // By value: the same mark from a new check is no change.
  }, [markKey]);

  const insert = (text: string): void => {
    const v = view.current;
    if (v === null) return;
    const { from, to } = v.state.selection.main;
    v.dispatch({
      changes: { from, to, insert: text },
      selection: { anchor: from + text.length },
      scrollIntoView: true,
    });
    v.focus();
  };

  return (
    <div className="code-editor-wrap">
      <div
        ref={host}
        className={`code-editor code-${props.mode}${props.invalid === true ? ' is-invalid' : ''}`}
        data-testid={props.testId}
      />
      {functions.length > 0 ? <FunctionBrowser functions={functions} onInsert={insert} testId={props.testId} /> : null}
    </div>
  );
}

const NO_FUNCTIONS: readonly FunctionEntry[] = [];
