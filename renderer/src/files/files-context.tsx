import { createContext, useContext, useMemo, useRef, useState, type ReactNode } from 'react';
import { emptyDocument, type PipelineDocument } from '../../../shared/format/document';
import { parseDocumentText } from '../../../shared/format/parse';
import { findSecrets } from '../../../shared/format/secrets';
import { serializeDocument } from '../../../shared/format/serialize';
import type { DutoApi } from '../../../shared/ipc/contract';
import { useApi } from '../api/api-context';
import { useLocale, useT, type Locale, type Translate } from '../i18n/i18n';
import { selectDirty, type AppStore } from '../store/app-store';
import { useStoreApi } from '../store/store-context';
import { FileBrowser, type BrowseRequest } from './FileBrowser';
import {
  basenameOf,
  baseDirOf,
  dirnameOf,
  isAbsolutePath,
  joinPath,
  relativeTo,
  suggestedFileName,
} from '../../../shared/paths';
import { catalog } from '../../../shared/catalog/index';
import { rebasePaths } from '../../../shared/format/portable-paths';
import { pipelineRequest } from './pipeline-request';
import { ipcErrorText } from '../i18n/diagnostic-text';
import { diagnosticText } from '../../../shared/diagnostics';
import { UnsavedPrompt, type UnsavedAnswer } from './UnsavedPrompt';

export interface FileActions {
  newDocument(): Promise<void>;
  open(): Promise<void>;
  openPath(path: string): Promise<boolean>;
  openExample(name: string): Promise<void>;
  save(): Promise<boolean>;
  saveAs(): Promise<boolean>;
  /** File › Import…: a pipeline from elsewhere, picked with the app's own dialog, opened restricted and unsaved. */
  importFile(): Promise<boolean>;
  exportDocument(): Promise<void>;
  /** The pipeline's documentation as Markdown (what `duto docs` writes), saved or downloaded. */
  exportDocs(): Promise<void>;
  /** A path from the native dialog, or the in-app browser where there is none. */
  pickPath(req: Omit<BrowseRequest, 'dir'> & { dir?: string }): Promise<string | null>;
}

const FilesContext = createContext<FileActions | null>(null);

export function useFiles(): FileActions {
  const f = useContext(FilesContext);
  if (f === null) throw new Error('Duto #003: useFiles() outside <FilesProvider>');
  return f;
}

/**
 * Writes the document exactly as serializeDocument gives it (the bytes the CLI reads), then records it as saved.
 * Its paths are written from the folder it is saved in: relative inside it, absolute outside (portable-paths.ts).
 */
export async function saveTo(
  api: DutoApi,
  store: AppStore,
  path: string,
): Promise<{ ok: true } | { ok: false; message: string }> {
  const s = store.getState();
  const current = s.doc.document;
  const from = baseDirOf(s.doc.path, s.session.appInfo?.workDir);
  const doc =
    isAbsolutePath(from) && isAbsolutePath(path) ? rebasePaths(current, catalog, from, dirnameOf(path)) : current;
  const text = serializeDocument(doc);
  const r = await api['file.write']({ path, text });
  if (!r.ok) return { ok: false, message: r.error.message };
  // Saving a trusted pipeline trusts the file as written (a change made elsewhere later restricts it again).
  const trusted = store.getState().check.trust?.mode !== 'restricted' && !store.getState().doc.imported;
  store.getState().actions.markSaved(r.value.path, doc, current);
  // Its runs while unsaved move to the file's history now (whatever is opened next).
  if (s.doc.path === null) await api['pipeline.history']({ file: r.value.path, historyKey: s.doc.historyKey });
  if (trusted) await api['trust.grant']({ file: r.value.path, scope: 'file' });
  const recent = await api['recent.add']({ path: r.value.path });
  if (recent.ok) store.getState().actions.setRecent(recent.value.paths);
  return { ok: true };
}

/** Whether `path` is inside the bundled examples, which are never written (an example opens as a copy). */
function inExamples(store: AppStore, path: string): boolean {
  const dir = store.getState().session.appInfo?.examplesDir;
  return dir != null && relativeTo(dir, path) !== path;
}

function makeActions(
  api: DutoApi,
  store: AppStore,
  t: Translate,
  locale: Locale,
  browse: (r: BrowseRequest) => Promise<string | null>,
  ask: (name: string) => Promise<UnsavedAnswer>,
): FileActions {
  const st = () => store.getState();
  /** Unsaved changes: Save (then go on only once saved), Don't save, or Cancel. */
  const guard = async (): Promise<boolean> => {
    if (!selectDirty(st())) return true;
    const s = st();
    const answer = await ask(
      s.doc.document.name ?? (s.doc.path === null ? t('toolbar.untitled') : basenameOf(s.doc.path)),
    );
    if (answer === 'cancel') return false;
    if (answer === 'discard') return true;
    return save();
  };
  const workDir = (): string => st().session.appInfo?.workDir ?? '.';
  const load = (doc: PipelineDocument, path: string | null, dirty = false): void =>
    st().actions.load(doc, path, { dirty });

  const pickPath: FileActions['pickPath'] = async (req) => {
    const shell = st().session.appInfo?.shell;
    if (req.mode === 'save') {
      const r = await api['file.saveDialog']({ suggestedName: req.suggestedName ?? 'pipeline.duto.json' });
      if (r.ok && r.value.path !== null) return r.value.path;
    } else if (req.mode === 'open') {
      const r = await api['file.openDialog']({ title: req.title });
      if (r.ok && r.value.path !== null) return r.value.path;
    }
    if (shell === 'electron' && req.mode !== 'dir') return null;
    return browse({ ...req, dir: req.dir ?? baseDirOf(st().doc.path, workDir()) });
  };

  const openPath = async (path: string): Promise<boolean> => {
    const read = await readDocument(path);
    if (read === null) return false;
    load(read.doc, read.path);
    const recent = await api['recent.add']({ path: read.path });
    if (recent.ok) st().actions.setRecent(recent.value.paths);
    return true;
  };

  const writeTo = async (path: string): Promise<boolean> => {
    if (inExamples(store, path)) {
      st().actions.toast('files.exampleReadOnly', { path }, 'error');
      return false;
    }
    const r = await saveTo(api, store, path);
    if (!r.ok) st().actions.toast('files.writeFailed', { path, message: r.message }, 'error');
    else st().actions.toast('files.saved', { path });
    return r.ok;
  };

  const saveAs = async (): Promise<boolean> => {
    const path = await pickPath({
      mode: 'save',
      title: t('files.saveAs'),
      suggestedName: suggestedFileName(st().doc.document.name),
      extensions: ['json'],
    });
    return path === null ? false : writeTo(path);
  };

  const save = async (): Promise<boolean> => {
    const path = st().doc.path;
    // An example's own file is never overwritten: its copy goes where the user says.
    if (path === null || inExamples(store, path)) return saveAs();
    return writeTo(path);
  };

  /** A pipeline file read and parsed, or null (the reason toasted). */
  const readDocument = async (path: string): Promise<{ doc: PipelineDocument; path: string } | null> => {
    const r = await api['file.read']({ path });
    if (!r.ok) {
      st().actions.toast('files.readFailed', { path, message: ipcErrorText(r.error, locale) }, 'error');
      return null;
    }
    const parsed = parseDocumentText(r.value.text, path);
    if (!parsed.ok) {
      st().actions.toast(
        'files.invalid',
        { path, message: parsed.diagnostics.map((d) => diagnosticText(d, locale)).join('; ') },
        'error',
      );
      return null;
    }
    return { doc: parsed.document, path: r.value.path };
  };

  return {
    async newDocument() {
      if (await guard()) load(emptyDocument(), null);
    },
    async open() {
      if (!(await guard())) return;
      const path = await pickPath({ mode: 'open', title: t('files.open'), extensions: ['json'] });
      if (path !== null) await openPath(path);
    },
    openPath: async (path) => ((await guard()) ? openPath(path) : false),
    async openExample(name) {
      const dir = st().session.appInfo?.examplesDir;
      if (dir == null || !(await guard())) return;
      const folder = joinPath(dir, name);
      const read = await readDocument(joinPath(folder, `${name}.duto.json`));
      if (read === null) return;
      // A copy, unsaved: it reads the bundled data where it is and writes its outputs beside the copy.
      load(rebasePaths(read.doc, catalog, folder, workDir(), 'read'), null);
      st().actions.toast('files.exampleCopy', { name });
    },
    save,
    saveAs,
    async importFile() {
      if (!(await guard())) return false;
      const path = await pickPath({ mode: 'open', title: t('toolbar.import'), extensions: ['json'] });
      if (path === null) return false;
      const r = await api['file.read']({ path });
      if (!r.ok) {
        st().actions.toast('files.readFailed', { path, message: ipcErrorText(r.error, locale) }, 'error');
        return false;
      }
      const parsed = parseDocumentText(r.value.text, path);
      if (!parsed.ok) {
        st().actions.toast(
          'files.invalid',
          { path, message: parsed.diagnostics.map((d) => diagnosticText(d, locale)).join('; ') },
          'error',
        );
        return false;
      }
      // From elsewhere: restricted until the user trusts it, and unsaved (Save asks where it goes).
      st().actions.load(parsed.document, null, { dirty: true, imported: true });
      return true;
    },
    async exportDocument() {
      const doc = st().doc.document;
      const secrets = findSecrets(doc);
      const first = secrets[0];
      if (first !== undefined) {
        st().actions.toast('files.exportSecret', { path: first.path, reason: first.reason }, 'error');
        return;
      }
      const text = serializeDocument(doc);
      const name = suggestedFileName(doc.name);
      if (st().session.appInfo?.shell === 'electron') {
        const target = await pickPath({ mode: 'save', title: t('files.export'), suggestedName: name });
        if (target === null) return;
        const r = await api['file.write']({ path: target, text });
        if (!r.ok) st().actions.toast('files.writeFailed', { path: target, message: r.error.message }, 'error');
        else st().actions.toast('files.exported', { path: target });
        return;
      }
      download(text, 'application/json', name);
      st().actions.toast('files.exported', { path: name });
    },
    async exportDocs() {
      const s = st();
      const r = await api['pipeline.docs'](pipelineRequest(s));
      if (!r.ok) {
        st().actions.toast('files.docsFailed', { message: r.error.message }, 'error');
        return;
      }
      const name = suggestedFileName(s.doc.document.name, '.md');
      if (st().session.appInfo?.shell === 'electron') {
        const target = await pickPath({ mode: 'save', title: t('files.exportDocs'), suggestedName: name });
        if (target === null) return;
        const w = await api['file.write']({ path: target, text: r.value.markdown });
        if (!w.ok) st().actions.toast('files.writeFailed', { path: target, message: w.error.message }, 'error');
        else st().actions.toast('files.exported', { path: target });
        return;
      }
      download(r.value.markdown, 'text/markdown', name);
      st().actions.toast('files.exported', { path: name });
    },
    pickPath,
  };
}

/** The browser shell saves through the browser's own download. */
function download(text: string, type: string, name: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export function FilesProvider({ children }: { children: ReactNode }) {
  const api = useApi();
  const store = useStoreApi();
  const t = useT();
  const locale = useLocale();
  const [request, setRequest] = useState<BrowseRequest | null>(null);
  const resolver = useRef<((p: string | null) => void) | null>(null);
  const [question, setQuestion] = useState<string | null>(null);
  const answerer = useRef<((a: UnsavedAnswer) => void) | null>(null);
  const actions = useMemo(
    () =>
      makeActions(
        api,
        store,
        t,
        locale,
        (r) => {
          resolver.current?.(null);
          setRequest(r);
          return new Promise<string | null>((resolve) => {
            resolver.current = resolve;
          });
        },
        (name) => {
          answerer.current?.('cancel');
          setQuestion(name);
          return new Promise<UnsavedAnswer>((resolve) => {
            answerer.current = resolve;
          });
        },
      ),
    [api, store, t, locale],
  );
  return (
    <FilesContext.Provider value={actions}>
      {children}
      {question !== null ? (
        <UnsavedPrompt
          name={question}
          onAnswer={(a) => {
            setQuestion(null);
            const r = answerer.current;
            answerer.current = null;
            r?.(a);
          }}
        />
      ) : null}
      {request !== null ? (
        <FileBrowser
          request={request}
          onDone={(p) => {
            setRequest(null);
            const r = resolver.current;
            resolver.current = null;
            r?.(p);
          }}
        />
      ) : null}
    </FilesContext.Provider>
  );
}
