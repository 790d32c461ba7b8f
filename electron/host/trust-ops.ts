import { readFile } from 'node:fs/promises';
import { dirname, isAbsolute } from 'node:path';
import type { Handlers } from './dispatch';
import { hostError } from './host-error';
import { trustFile, trustFolder, trustOfFile } from '../engine/trust/trust-store';
import type { TrustMode } from '../engine/trust/trust-report';
import { realPath, tooWide } from '../engine/walls/file-boundary';
import type { ParsedRequest } from '../../shared/ipc/contract';
import { said } from '../../shared/messages/diagnostic-messages';

/**
 * Trust in the app (ARCHITECTURE.md, wall 5), decided here, never by the document: a
 * saved pipeline is trusted when the user's trust store (shared with the
 * CLI) covers its folder or holds the file as it is on disk; the app's own
 * examples are trusted. An unsaved document is the user's own unless the
 * renderer says it came from elsewhere (`imported`).
 */

export interface TrustOptions {
  /** The user's trust store file (trustStoreFile()). */
  storeFile: string;
  /** Folders trusted without asking: the examples shipped with the app. */
  builtIn: readonly string[];
}

export function trustOfRequest(
  req: Pick<ParsedRequest<'pipeline.check'>, 'file' | 'imported'>,
  o: TrustOptions,
): TrustMode {
  if (req.file !== undefined) return trustOfFile(o.storeFile, req.file, o.builtIn);
  return req.imported === true ? 'restricted' : 'trusted';
}

export function createTrustOps(o: TrustOptions): Pick<Handlers, 'trust.grant'> {
  return {
    'trust.grant': async ({ file, scope }) => {
      if (!isAbsolute(file)) throw hostError(said('file.path', { file }));
      if (scope === 'folder') {
        const folder = dirname(realPath(file));
        if (tooWide(folder)) throw hostError(said('trust.too-wide', { folder }));
        trustFolder(o.storeFile, folder);
        return { trusted: folder };
      }
      let content: Buffer;
      try {
        content = await readFile(file);
      } catch (e) {
        throw hostError(said('file.read', { file, detail: e instanceof Error ? e.message : String(e) }));
      }
      trustFile(o.storeFile, file, content);
      return { trusted: realPath(file) };
    },
  };
}
