/*
 * The network guard, loaded into every test process (vitest setup) and every subprocess a test starts
 * (NODE_OPTIONS=--require). It refuses TCP connections and UDP sends to anything but loopback, plus the
 * CIDRs a lab test lists in ACCESS_DOCTOR_LAB_NETS for namespaces it made itself. A forgotten default
 * endpoint then fails loudly instead of reaching the internet or a real LAN.
 */
'use strict';
const net = require('node:net');
const dgram = require('node:dgram');

if (!globalThis.__accessDoctorNetGuard) {
  const violations = [];
  globalThis.__accessDoctorNetGuard = { violations };

  const toInt = (ip) => ip.split('.').reduce((a, p) => a * 256 + Number(p), 0);
  const labNets = (process.env.ACCESS_DOCTOR_LAB_NETS || '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((cidr) => {
      const [base, bits] = cidr.split('/');
      return { base: toInt(base), bits: Number(bits ?? 32) };
    });

  const allowed = (host) => {
    if (host === undefined || host === null || host === '') return true; // Node defaults to localhost
    let h = String(host).toLowerCase();
    if (h.startsWith('[') && h.endsWith(']')) h = h.slice(1, -1);
    if (h === 'localhost' || h === '::1' || h === '0:0:0:0:0:0:0:1') return true;
    if (h.startsWith('::ffff:')) h = h.slice(7);
    if (net.isIPv4(h)) {
      if (h.startsWith('127.')) return true;
      const ip = toInt(h);
      return labNets.some(({ base, bits }) => {
        const mask = bits === 0 ? 0 : 2 ** 32 - 2 ** (32 - bits);
        return (ip & mask) >>> 0 === (base & mask) >>> 0;
      });
    }
    return false;
  };

  const refuse = (kind, host, port) => {
    const message = `blocked by the network guard: ${kind} to ${host}:${port} (tests may only use loopback or their own lab namespaces)`;
    violations.push(message);
    process.stderr.write(`[net-guard] ${message}\n`);
    const error = new Error(message);
    error.code = 'ENETGUARD';
    return error;
  };

  const originalConnect = net.Socket.prototype.connect;
  net.Socket.prototype.connect = function guardedConnect(...args) {
    let options = args[0];
    if (Array.isArray(options)) options = options[0];
    let host;
    let port;
    let path;
    if (options !== null && typeof options === 'object') {
      host = options.host;
      port = options.port;
      path = options.path;
    } else if (typeof options === 'string' && Number.isNaN(Number(options))) {
      path = options;
    } else {
      port = options;
      host = typeof args[1] === 'string' ? args[1] : undefined;
    }
    if (!path && !allowed(host)) {
      const error = refuse('TCP connection', host, port);
      process.nextTick(() => this.destroy(error));
      return this;
    }
    return originalConnect.apply(this, args);
  };

  const originalSend = dgram.Socket.prototype.send;
  dgram.Socket.prototype.send = function guardedSend(...args) {
    // send(msg, [offset, length,] port, address, [callback])
    const addressIndex = args.findIndex((a, i) => i > 0 && typeof a === 'string');
    const address = addressIndex > 0 ? args[addressIndex] : undefined;
    if (address !== undefined && !allowed(address)) {
      const error = refuse('UDP datagram', address, args[addressIndex - 1]);
      const callback = args.find((a) => typeof a === 'function');
      if (callback) process.nextTick(() => callback(error));
      else process.nextTick(() => this.emit('error', error));
      return;
    }
    return originalSend.apply(this, args);
  };
}
