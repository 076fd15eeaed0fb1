// The quick start's "shop" API on Node.js, standard library only. Node links OpenSSL statically into its own
// executable, so its HTTPS port shows the sensor's uprobes on the node binary; its HTTP port shows syscall capture.
//
//   node shop.js --data ../data.json --http-port 18081 --https-port 18441 --tls-dir DIR
//
// It is deliberately careless with personal data and authorization, so that the edge has something to find:
// any signed-in user may read any other user (BOLA), search answers a SQL error to a quote, sign-up takes a role.
'use strict';

const fs = require('node:fs');
const http = require('node:http');
const https = require('node:https');
const path = require('node:path');
const crypto = require('node:crypto');
const { execFileSync } = require('node:child_process');

function option(name, fallback) {
  const at = process.argv.indexOf(name);
  return at > 0 && at + 1 < process.argv.length ? process.argv[at + 1] : fallback;
}

const data = JSON.parse(fs.readFileSync(option('--data', path.join(__dirname, '..', 'data.json')), 'utf8'));
const users = new Map(data.users.map((u) => [u.id, u]));
const orders = new Map(data.orders.map((o) => [o.id, o]));
const sessions = new Map(); // token -> user id
const SECURITY_HEADERS = { 'x-content-type-options': 'nosniff', 'cache-control': 'no-store' };

function send(res, status, body, headers = {}) {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text),
    ...SECURITY_HEADERS, ...headers });
  res.end(text);
}

function readJson(req) {
  return new Promise((resolve) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      try { resolve(JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}')); } catch { resolve(null); }
    });
  });
}

function caller(req) {
  const auth = req.headers.authorization || '';
  return auth.startsWith('Bearer ') ? sessions.get(auth.slice(7)) : undefined;
}

async function handle(req, res) {
  const url = new URL(req.url, 'http://shop.local');
  const parts = url.pathname.split('/').filter(Boolean); // ['api', 'users', '7']
  if (parts[0] !== 'api') return send(res, 404, { error: 'not found' });
  const route = parts.slice(1);

  if (req.method === 'GET' && route[0] === 'health') return send(res, 200, { status: 'ok', runtime: 'node ' + process.version });

  if (req.method === 'POST' && route[0] === 'login') {
    const body = await readJson(req);
    const user = body && [...users.values()].find((u) => u.email === body.email);
    if (!user || body.password !== 'correct-horse-battery-staple') return send(res, 401, { error: 'invalid credentials' });
    const token = crypto.randomBytes(24).toString('base64url');
    sessions.set(token, user.id);
    return send(res, 200, { token, user: { id: user.id, email: user.email } });
  }

  if (req.method === 'POST' && route[0] === 'users' && route.length === 1) {
    const body = await readJson(req);
    if (!body || !body.email) return send(res, 400, { error: 'email required' });
    const id = users.size + 1;
    const user = { id, first_name: body.first_name, last_name: body.last_name, email: body.email, phone: body.phone,
      role: body.role || 'customer' };
    users.set(id, user);
    return send(res, 201, user);
  }

  if (req.method === 'GET' && route[0] === 'search') {
    const q = url.searchParams.get('q') || '';
    if (q.includes("'")) {
      return send(res, 500, { error: `SQLITE_ERROR: near "${q.slice(q.indexOf("'"), q.indexOf("'") + 8)}": syntax error` });
    }
    const hits = [...users.values()].filter((u) => u.last_name.toLowerCase().startsWith(q.toLowerCase())).slice(0, 5)
      .map((u) => ({ id: u.id, first_name: u.first_name, last_name: u.last_name, email: u.email }));
    return send(res, 200, { query_length: q.length, results: hits });
  }

  const me = caller(req);
  if (me === undefined) return send(res, 401, { error: 'sign in first' });

  if (req.method === 'GET' && route[0] === 'users' && route.length >= 2) {
    // No check that route[1] is the caller: any signed-in user reads any user (broken object level authorization).
    const user = users.get(Number(route[1]));
    if (!user) return send(res, 404, { error: 'no such user' });
    if (route[2] === 'orders') return send(res, 200, { orders: data.orders.filter((o) => o.user_id === user.id) });
    return send(res, 200, user);
  }
  if (req.method === 'GET' && route[0] === 'orders' && route.length === 2) {
    const order = orders.get(Number(route[1]));
    return order ? send(res, 200, order) : send(res, 404, { error: 'no such order' });
  }
  return send(res, 404, { error: 'not found' });
}

function certificate(dir) {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const key = path.join(dir, 'key.pem');
  const cert = path.join(dir, 'cert.pem');
  if (!fs.existsSync(key) || !fs.existsSync(cert)) {
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '365', '-subj', '/CN=localhost',
      '-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1', '-keyout', key, '-out', cert], { stdio: 'ignore' });
  }
  return { key: fs.readFileSync(key), cert: fs.readFileSync(cert) };
}

const listener = (req, res) => handle(req, res).catch(() => send(res, 500, { error: 'internal error' }));
const httpPort = Number(option('--http-port', '18081'));
const httpsPort = Number(option('--https-port', '18441'));
http.createServer(listener).listen(httpPort, '127.0.0.1');
https.createServer(certificate(option('--tls-dir', path.join(__dirname, '.tls'))), listener).listen(httpsPort, '127.0.0.1',
  () => console.log(`shop (node ${process.version}) on http://127.0.0.1:${httpPort} and https://127.0.0.1:${httpsPort}`));
