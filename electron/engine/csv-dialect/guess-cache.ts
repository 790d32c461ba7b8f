import type { CsvDialectGuess } from '../../../shared/catalog/node-type';

/** A small LRU of detected dialects, keyed by path and file identity (file-identity.ts): a keystroke does not re-read a file. */
export class GuessCache {
  private readonly entries = new Map<string, CsvDialectGuess>();
  constructor(private readonly capacity: number) {}

  get(key: string): CsvDialectGuess | undefined {
    const v = this.entries.get(key);
    if (v !== undefined) {
      // Map keeps insertion order: re-inserting makes it the newest.
      this.entries.delete(key);
      this.entries.set(key, v);
    }
    return v;
  }

  set(key: string, value: CsvDialectGuess): void {
    this.entries.delete(key);
    this.entries.set(key, value);
    while (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next();
      if (oldest.done === true) break;
      this.entries.delete(oldest.value);
    }
  }
}
