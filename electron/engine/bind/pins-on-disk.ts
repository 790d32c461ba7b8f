import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { PinnedSource } from '../../../shared/catalog/node-type';
import { writeFileAtomicSync } from '../files/atomic-file';

/**
 * Pinned CSV descriptions kept across processes (issue #12: a re-run does
 * not sniff unchanged files again — two sample scans, ~0.2 s per file).
 * One small JSON file per key (the sniff query, the typing and the identity
 * of every file read), in the node cache's folder, so the same rules guard
 * it (no sink may write there) and `duto cache clear` empties it. A file
 * that does not parse is ignored.
 */

const pinnedSchema = z.strictObject({
  columns: z.array(z.strictObject({ name: z.string(), type: z.string() })),
  dateFormat: z.string().nullable(),
  timestampFormat: z.string().nullable(),
  headerNames: z.array(z.string()).optional(),
  keep: z.boolean().optional(),
});

const MAX_AGE_MS = 30 * 86_400_000;

export class PinsOnDisk {
  constructor(private readonly dir: string) {}

  private path(key: string): string {
    return join(this.dir, `${createHash('sha256').update(key).digest('hex').slice(0, 40)}.json`);
  }

  read(key: string): PinnedSource | undefined {
    try {
      const parsed = pinnedSchema.safeParse(JSON.parse(readFileSync(this.path(key), 'utf8')));
      if (!parsed.success) return undefined;
      const { headerNames, keep, ...rest } = parsed.data;
      return {
        ...rest,
        ...(headerNames === undefined ? {} : { headerNames }),
        ...(keep === undefined ? {} : { keep }),
      };
    } catch {
      return undefined;
    }
  }

  write(key: string, pinned: PinnedSource): void {
    try {
      writeFileAtomicSync(this.path(key), JSON.stringify(pinned));
    } catch {
      // Only a saving: the next process sniffs again.
    }
  }

  /** Drops descriptions unused for a month (their files changed or went away). */
  sweep(now = Date.now()): void {
    let names: string[];
    try {
      names = readdirSync(this.dir);
    } catch {
      return;
    }
    for (const name of names) {
      try {
        if (now - statSync(join(this.dir, name)).mtimeMs > MAX_AGE_MS) rmSync(join(this.dir, name), { force: true });
      } catch {
        // Gone already.
      }
    }
  }
}
