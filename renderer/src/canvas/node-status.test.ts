import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../store/app-store';
import { nodeDiagnostic } from './node-status';

describe('node status', () => {
  it("shows a node's first error, else its first warning", () => {
    const diagnostics: Diagnostic[] = [
      { severity: 'warning', code: 'x', nodeId: 'a', message: 'w1' },
      { severity: 'error', code: 'x', nodeId: 'a', message: 'e1' },
      { severity: 'error', code: 'x', nodeId: 'a', message: 'e2' },
      { severity: 'warning', code: 'x', nodeId: 'b', message: 'w2' },
      { severity: 'error', code: 'x', message: 'no node' },
    ];
    expect(nodeDiagnostic(diagnostics, 'a')?.message).toBe('e1');
    expect(nodeDiagnostic(diagnostics, 'b')?.message).toBe('w2');
    expect(nodeDiagnostic(diagnostics, 'c')).toBeUndefined();
  });
});
