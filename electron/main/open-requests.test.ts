import { describe, expect, it } from 'vitest';
import { createOpenRequests } from './open-requests';

describe('open requests between the OS and the renderer', () => {
  it('keeps the newest request until a renderer takes it, once', () => {
    const sent: string[] = [];
    const r = createOpenRequests((p) => sent.push(p));
    r.add('/a.duto.json');
    r.add('/b.duto.json');
    expect(sent).toEqual([]);
    expect(r.take()).toEqual(['/b.duto.json']);
    expect(r.take()).toEqual([]);
  });

  it('sends each request at once while a renderer listens, and keeps them again when it is gone', () => {
    const sent: string[] = [];
    const r = createOpenRequests((p) => sent.push(p));
    expect(r.take()).toEqual([]);
    r.add('/a.duto.json');
    r.add('/b.duto.json');
    expect(sent).toEqual(['/a.duto.json', '/b.duto.json']);
    r.stopListening();
    r.add('/c.duto.json');
    expect(sent).toHaveLength(2);
    expect(r.take()).toEqual(['/c.duto.json']);
  });
});
