// Small servers that run inside the lab's network namespaces (started with `ip netns exec <ns> node …`).
//   internet <ip>            IP echo (Cloudflare trace lines with the caller's address) on :80, a site on
//                            /site/, a STUN (RFC 5389 Binding) responder on UDP 3478, a counting server on :8081
//   hostile <ssdpIp> <countIp> <location…>
//                            answers every M-SEARCH from <ssdpIp> with each LOCATION, and counts HTTP hits on
//                            <countIp>:8081
// Every request to a counting server prints `HIT <ip> <method> <url>`; `READY` once everything listens.
import { createSocket } from 'node:dgram';
import { createServer } from 'node:http';

const [mode, ...args] = process.argv.slice(2);
const out = (line) => process.stdout.write(`${line}\n`);
let pending = 0;
const ready = () => {
  pending -= 1;
  if (pending === 0) out('READY');
};

function counting(ip) {
  pending += 1;
  const server = createServer((req, res) => {
    out(`HIT ${ip} ${req.method} ${req.url}`);
    res.writeHead(200, { 'content-type': 'text/xml', connection: 'close' });
    res.end('<?xml version="1.0"?><root xmlns="urn:schemas-upnp-org:device-1-0"><device/></root>');
  });
  server.listen(8081, ip, ready);
}

if (mode === 'internet') {
  const ip = args[0];
  pending += 1;
  const echo = createServer((req, res) => {
    const caller = (req.socket.remoteAddress ?? '').replace(/^::ffff:/, '');
    const path = new URL(req.url ?? '/', 'http://lab').pathname;
    // One connection per request: after a WAN address change the next request shows the new address.
    const headers = { connection: 'close', server: 'cloudflare', 'cf-ray': '0123456789abcdef-LAB' };
    if (path === '/cdn-cgi/trace') {
      out(`ECHO ${caller}`);
      res.writeHead(200, { ...headers, 'content-type': 'text/plain' });
      return res.end(
        `fl=1lab\nh=${ip}\nip=${caller}\nts=${(Date.now() / 1000).toFixed(3)}\nvisit_scheme=http\nuag=lab\ncolo=LAB\nsliver=none\nhttp=http/1.1\nloc=NL\ntls=off\nsni=off\nwarp=off\ngateway=off\n`,
      );
    }
    if (path === '/site/') {
      res.writeHead(200, { ...headers, 'content-type': 'text/html' });
      return res.end('<!doctype html><title>Lab site</title><h1>ok</h1>');
    }
    res.writeHead(404, headers);
    res.end('not found');
  });
  echo.listen(80, ip, ready);

  pending += 1;
  const stun = createSocket('udp4');
  stun.on('message', (msg, rinfo) => {
    // Binding request: type 0x0001, magic cookie 0x2112A442, 12-byte transaction id.
    if (msg.length < 20 || msg.readUInt16BE(0) !== 0x0001 || msg.readUInt32BE(4) !== 0x2112a442) return;
    const tid = msg.subarray(8, 20);
    const parts = rinfo.address.split('.').map(Number);
    const ipInt = ((parts[0] << 24) | (parts[1] << 16) | (parts[2] << 8) | parts[3]) >>> 0;
    const attr = (type, xor) => {
      const a = Buffer.alloc(12);
      a.writeUInt16BE(type, 0);
      a.writeUInt16BE(8, 2);
      a.writeUInt8(0, 4);
      a.writeUInt8(1, 5);
      a.writeUInt16BE(xor ? rinfo.port ^ 0x2112 : rinfo.port, 6);
      a.writeUInt32BE(xor ? (ipInt ^ 0x2112a442) >>> 0 : ipInt, 8);
      return a;
    };
    const body = Buffer.concat([attr(0x0001, false), attr(0x0020, true)]);
    const head = Buffer.alloc(20);
    head.writeUInt16BE(0x0101, 0);
    head.writeUInt16BE(body.length, 2);
    head.writeUInt32BE(0x2112a442, 4);
    tid.copy(head, 8);
    out(`STUN ${rinfo.address}:${rinfo.port}`);
    stun.send(Buffer.concat([head, body]), rinfo.port, rinfo.address);
  });
  stun.bind(3478, ip, ready);
  counting(ip);
} else if (mode === 'hostile') {
  const [ssdpIp, countIp, ...locations] = args;
  pending += 1;
  const ssdp = createSocket({ type: 'udp4', reuseAddr: true });
  ssdp.on('message', (msg, rinfo) => {
    const text = msg.toString('latin1');
    if (!text.startsWith('M-SEARCH')) return;
    const st = /^ST:\s*(.+?)\s*$/im.exec(text)?.[1] ?? 'upnp:rootdevice';
    out(`SEARCH ${rinfo.address} ${st}`);
    const reply = createSocket('udp4');
    reply.bind(0, ssdpIp, () => {
      let left = locations.length;
      for (const location of locations) {
        const answer = `HTTP/1.1 200 OK\r\nCACHE-CONTROL: max-age=120\r\nST: ${st}\r\nUSN: uuid:bad0bad0-0000-4000-8000-000000000001::${st}\r\nEXT:\r\nSERVER: Hostile/1.0 UPnP/1.1 Evil/1.0\r\nLOCATION: ${location}\r\n\r\n`;
        reply.send(Buffer.from(answer, 'latin1'), rinfo.port, rinfo.address, () => {
          left -= 1;
          if (left === 0) reply.close();
        });
      }
    });
  });
  ssdp.bind(1900, () => {
    ssdp.addMembership('239.255.255.250', ssdpIp);
    ready();
  });
  counting(countIp);
} else {
  process.stderr.write(`unknown mode ${mode}\n`);
  process.exit(64);
}
process.on('SIGTERM', () => process.exit(0));
