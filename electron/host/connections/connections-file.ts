import { existsSync } from 'node:fs';
import { dirname } from 'node:path';
import {
  CONNECTIONS_FORMAT,
  connectionsFileSchema,
  type ConnectionsFile,
} from '../../../shared/connections/connection';
import { DutoError, error, type Diagnostic } from '../../../shared/diagnostics';
import { said } from '../../../shared/messages/diagnostic-messages';
import { readConnectionsFile } from '../../engine/connections/lookup';
import { writeFileAtomic } from '../atomic-write';
import { fsError } from '../fs-errors';
import { describeIssues } from '../dispatch';
import { HostError, hostError } from '../host-error';
import { makeFolder } from '../../engine/files/make-folder';

/**
 * The user's connections file as the manager edits it: the very file the
 * CLI reads (userConnectionsFile()). Changes are read-modify-write, one at a
 * time, validated before they are written atomically; a file the user broke
 * by hand is reported, never overwritten.
 */
export interface ConnectionsFileStore {
  readonly path: string;
  /** The file's content; an empty set of connections when there is no file yet. */
  read(): ConnectionsFile;
  update(change: (file: ConnectionsFile) => ConnectionsFile): Promise<ConnectionsFile>;
}

/**
 * A connections file the user broke by hand: its own problems, each in its
 * template (so they read in the user's language), then what to do.
 */
export class ConnectionsFileError extends HostError {
  readonly diagnostics: Diagnostic[];
  constructor(problems: readonly Diagnostic[], path: string) {
    const fix = error('connections.file-invalid/fix', { file: path }, { file: path });
    const diagnostics = [...problems, fix];
    super({
      code: 'connections.file-invalid',
      message: `${problems.map((d) => d.message).join('; ')} (${fix.message})`,
      diagnostics,
    });
    this.diagnostics = diagnostics;
  }
}

export function emptyConnectionsFile(): ConnectionsFile {
  return { format: CONNECTIONS_FORMAT, version: 1, connections: {} };
}

export function createConnectionsFileStore(path: string): ConnectionsFileStore {
  let queue: Promise<unknown> = Promise.resolve();

  const read = (): ConnectionsFile => {
    if (!existsSync(path)) return emptyConnectionsFile();
    try {
      return readConnectionsFile(path);
    } catch (e) {
      if (e instanceof DutoError) throw new ConnectionsFileError(e.diagnostics, path);
      throw e;
    }
  };

  const update = (change: (file: ConnectionsFile) => ConnectionsFile): Promise<ConnectionsFile> => {
    const next = queue.then(async () => {
      const checked = connectionsFileSchema.safeParse(change(read()));
      if (!checked.success)
        throw hostError(said('connections.invalid/connection', { detail: describeIssues(checked.error) }));
      try {
        await makeFolder(dirname(path));
        await writeFileAtomic(path, JSON.stringify(checked.data, null, 2) + '\n');
      } catch (e) {
        throw fsError(e, path, 'write the connections file');
      }
      return checked.data;
    });
    queue = next.catch(() => undefined);
    return next;
  };

  return { path, read, update };
}
