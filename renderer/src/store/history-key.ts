/** A fresh key for an unsaved pipeline's run history (the contract's history key: 6 to 40 of a-z0-9). */
export function newHistoryKey(): string {
  return `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 10)}`;
}
