#!/usr/bin/env node
// How long a static page takes to open in headless Chromium, measured over the DevTools protocol
// (no npm packages: node's own WebSocket, `node --experimental-websocket` on node 20, global on 22).
//   node --experimental-websocket bench/open-page.js PAGE.html [REPS]
// Per rep, a fresh tab navigates to the file and the script waits for the load event and then two
// animation frames (layout and first paint of what is on screen done). Prints one JSON line per
// rep: wall ms from Page.navigate to painted, the page's own navigation timing (domContentLoaded,
// load), its element count and size. Chromium: CHROMIUM=path (default /usr/bin/chromium).
const { spawn } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const http = require('http');

const page = path.resolve(process.argv[2]);
const reps = +(process.argv[3] || 3);
const binary = process.env.CHROMIUM || '/usr/bin/chromium';
const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'open-page-'));

function getJson(url) {
  return new Promise((resolve, reject) => {
    http.get(url, res => {
      let body = '';
      res.on('data', d => (body += d));
      res.on('end', () => resolve(JSON.parse(body)));
    }).on('error', reject);
  });
}

async function main() {
  const chrome = spawn(binary, ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync',
    '--user-data-dir=' + profile, '--remote-debugging-port=0', '--window-size=1400,1000', 'about:blank'],
    { stdio: 'ignore' });
  const portFile = path.join(profile, 'DevToolsActivePort');
  for (let i = 0; !fs.existsSync(portFile) || !fs.readFileSync(portFile, 'utf8').trim(); i++) {
    if (i > 600) throw new Error('chromium did not start');
    await new Promise(r => setTimeout(r, 50));
  }
  const port = fs.readFileSync(portFile, 'utf8').split('\n')[0].trim();
  const results = [];
  try {
    for (let rep = 0; rep < reps; rep++) {
      const target = await new Promise((resolve, reject) => {
        const req = http.request({ host: '127.0.0.1', port, path: '/json/new?about:blank', method: 'PUT' }, res => {
          let body = '';
          res.on('data', d => (body += d));
          res.on('end', () => resolve(JSON.parse(body)));
        });
        req.on('error', reject);
        req.end();
      });
      const ws = new WebSocket(target.webSocketDebuggerUrl);
      await new Promise((resolve, reject) => { ws.onopen = resolve; ws.onerror = reject; });
      let id = 0;
      const pending = new Map();
      const events = [];
      ws.onmessage = m => {
        const msg = JSON.parse(m.data);
        if (msg.id && pending.has(msg.id)) { pending.get(msg.id)(msg); pending.delete(msg.id); }
        else if (msg.method) events.push(msg);
      };
      const call = (method, params = {}) => new Promise(resolve => {
        const n = ++id;
        pending.set(n, resolve);
        ws.send(JSON.stringify({ id: n, method, params }));
      });
      const errors = [];
      await call('Page.enable');
      await call('Runtime.enable');
      const loaded = new Promise(resolve => {
        const prev = ws.onmessage;
        ws.onmessage = m => {
          prev(m);
          const msg = JSON.parse(m.data);
          if (msg.method === 'Page.loadEventFired') resolve();
          if (msg.method === 'Runtime.exceptionThrown') errors.push(msg.params.exceptionDetails.text);
        };
      });
      const t0 = process.hrtime.bigint();
      await call('Page.navigate', { url: 'file://' + page });
      await loaded;
      await call('Runtime.evaluate', { expression:
        'new Promise(r => requestAnimationFrame(() => requestAnimationFrame(() => r(1))))', awaitPromise: true });
      const wallMs = Number(process.hrtime.bigint() - t0) / 1e6;
      const timing = await call('Runtime.evaluate', { returnByValue: true, expression:
        'JSON.stringify({dcl: Math.round(performance.getEntriesByType("navigation")[0].domContentLoadedEventEnd),' +
        ' load: Math.round(performance.getEntriesByType("navigation")[0].loadEventEnd),' +
        ' elements: document.getElementsByTagName("*").length})' });
      const t = JSON.parse(timing.result.result.value);
      results.push({ rep, wallMs: Math.round(wallMs), domContentLoadedMs: t.dcl, loadMs: t.load,
        elements: t.elements, bytes: fs.statSync(page).size, errors });
      console.log(JSON.stringify(results[results.length - 1]));
      ws.close();
      await new Promise(r => http.get(`http://127.0.0.1:${port}/json/close/${target.id}`, r));
    }
  } finally {
    chrome.kill();
    await new Promise(r => chrome.on('exit', r));
    // Chromium's helpers may still write into the profile for a moment after it exits
    fs.rmSync(profile, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
  }
}

main().catch(e => { console.error('open-page: ' + e.message); process.exit(1); });
