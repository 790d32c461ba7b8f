import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';

/**
 * Another local server on 127.0.0.1, as any program of the user's could run:
 * it records every request it gets (headers and body), answers as
 * permissively as a hostile listener would (CORS with credentials for any
 * origin), and serves one page that calls back to it with credentials.
 */
export interface RecordedRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface RecordingListener {
  origin: string;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

// A page on the listener's own origin: whatever the browser attaches to requests for 127.0.0.1, it attaches here.
const PAGE = `<!doctype html><title>listener</title>
<img src="/from-listener-page.gif">
<script>
fetch('/from-listener-page-fetch', { credentials: 'include', method: 'POST', body: 'x' }).then(() => { document.title = 'fetched'; });
</script>`;

const GIF = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');

export async function startRecordingListener(): Promise<RecordingListener> {
  const requests: RecordedRequest[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('latin1')));
    req.on('end', () => {
      requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
      const cors = {
        'Access-Control-Allow-Origin': req.headers.origin ?? '*',
        'Access-Control-Allow-Credentials': 'true',
        'Access-Control-Allow-Headers': req.headers['access-control-request-headers'] ?? '*',
        'Access-Control-Allow-Methods': 'GET, POST, OPTIONS',
      };
      if ((req.url ?? '').startsWith('/page')) {
        res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', ...cors });
        res.end(PAGE);
      } else if ((req.url ?? '').endsWith('.gif')) {
        res.writeHead(200, { 'Content-Type': 'image/gif', ...cors });
        res.end(GIF);
      } else {
        res.writeHead(200, { 'Content-Type': 'text/plain', ...cors });
        res.end('recorded');
      }
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  return {
    origin: `http://127.0.0.1:${port}`,
    requests,
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
