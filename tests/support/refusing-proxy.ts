/**
 * A loopback forward proxy whose exit address the world's site refuses: every absolute-form request
 * for 127.0.0.1 is answered with the simulated Cloudflare 1020 page (the answer a user behind such a
 * proxy gets); anything else is refused with 403. It records every request line it sees.
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { Socket } from 'node:net';
import { join } from 'node:path';
import { FIXTURES } from './paths';

export interface RefusingProxy {
  url: string;
  host: string;
  port: number;
  /** `GET http://127.0.0.1:…/site/`, in order. */
  seen: string[];
  close(): Promise<void>;
}

export async function startRefusingProxy(): Promise<RefusingProxy> {
  const seen: string[] = [];
  const sockets = new Set<Socket>();
  const page = readFileSync(join(FIXTURES, 'cloudflare', '1020.html'), 'utf8');
  const proxy = createServer((req, res) => {
    const url = req.url ?? '';
    seen.push(`${req.method} ${url}`);
    if (!url.startsWith('http://127.0.0.1:')) {
      res.writeHead(403).end('this test proxy only forwards to 127.0.0.1');
      return;
    }
    const body = page
      .replaceAll('{{HOST}}', '127.0.0.1')
      .replaceAll('{{RAY}}', '8f1a2b3c4d5e6f70')
      .replaceAll('{{IP}}', '203.0.113.9');
    res.writeHead(403, {
      'content-type': 'text/html; charset=UTF-8',
      server: 'cloudflare',
      'cf-ray': '8f1a2b3c4d5e6f70-AMS',
    });
    res.end(body);
  });
  proxy.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  const address = proxy.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    host: '127.0.0.1',
    port,
    seen,
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise((resolve) => proxy.close(resolve));
    },
  };
}
