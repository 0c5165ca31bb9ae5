// A minimal LSP client over stdio for the benchmarks: Content-Length framing, requests with
// promises, notification listeners, and answers to the few requests servers send us.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';

export class LspClient {
  /**
   * @param {string[]} argv  node arguments (script and flags)
   * @param {{ configuration?: (item: any) => unknown, env?: Record<string, string> }} opts
   */
  constructor(argv, opts = {}) {
    this.proc = spawn(process.execPath, argv, {
      stdio: ['pipe', 'pipe', 'pipe'],
      env: opts.env ? { ...process.env, ...opts.env } : process.env,
    });
    this.nextId = 1;
    this.pending = new Map();
    this.listeners = new Set();
    this.configuration = opts.configuration ?? (() => null);
    this.buf = Buffer.alloc(0);
    this.stderr = '';
    this.exited = new Promise((resolve) => this.proc.on('exit', (code) => resolve(code)));
    this.proc.stderr.on('data', (d) => {
      if (this.stderr.length < 20000) this.stderr += d;
    });
    this.proc.stdout.on('data', (d) => this.onData(d));
  }

  get pid() {
    return this.proc.pid;
  }

  onData(d) {
    this.buf = this.buf.length ? Buffer.concat([this.buf, d]) : d;
    for (;;) {
      const sep = this.buf.indexOf('\r\n\r\n');
      if (sep < 0) return;
      const header = this.buf.subarray(0, sep).toString('ascii');
      const m = /Content-Length: *(\d+)/i.exec(header);
      if (!m) throw new Error(`bad LSP header: ${header}`);
      const len = Number(m[1]);
      if (this.buf.length < sep + 4 + len) return;
      const body = this.buf.subarray(sep + 4, sep + 4 + len).toString('utf8');
      this.buf = this.buf.subarray(sep + 4 + len);
      this.onMessage(JSON.parse(body), performance.now());
    }
  }

  onMessage(msg, at) {
    if (msg.id !== undefined && msg.method === undefined) {
      const p = this.pending.get(msg.id);
      if (!p) return;
      this.pending.delete(msg.id);
      if (msg.error) p.reject(new Error(`${p.method}: ${msg.error.message}`));
      else p.resolve({ result: msg.result, at });
      return;
    }
    if (msg.id !== undefined) {
      // a request from the server
      let result = null;
      if (msg.method === 'workspace/configuration') result = msg.params.items.map((item) => this.configuration(item));
      this.send({ jsonrpc: '2.0', id: msg.id, result });
      return;
    }
    for (const l of [...this.listeners]) l(msg, at);
  }

  send(msg) {
    const body = Buffer.from(JSON.stringify(msg), 'utf8');
    this.proc.stdin.write(`Content-Length: ${body.length}\r\n\r\n`);
    this.proc.stdin.write(body);
  }

  /** Resolves with `{ result, at }` (`at`: performance.now() when the response was read). */
  request(method, params) {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject, method });
      this.send({ jsonrpc: '2.0', id, method, params });
    });
  }

  notify(method, params) {
    this.send({ jsonrpc: '2.0', method, params });
  }

  /** Resolves with `{ params, at }` for the first notification `method` that `pred` accepts. */
  waitFor(method, pred = () => true, timeoutMs = 120000) {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.listeners.delete(l);
        reject(new Error(`timed out waiting for ${method}${this.stderr ? `; server stderr: ${this.stderr.slice(-2000)}` : ''}`));
      }, timeoutMs);
      const l = (msg, at) => {
        if (msg.method !== method || !pred(msg.params)) return;
        clearTimeout(timer);
        this.listeners.delete(l);
        resolve({ params: msg.params, at });
      };
      this.listeners.add(l);
    });
  }

  async initialize(capabilities, initializationOptions) {
    const r = await this.request('initialize', {
      processId: process.pid,
      rootUri: null,
      capabilities,
      initializationOptions,
      workspaceFolders: null,
    });
    this.notify('initialized', {});
    return r.result;
  }

  /** VmRSS of the server process, in bytes. */
  rss() {
    const status = readFileSync(`/proc/${this.pid}/status`, 'utf8');
    return Number(/VmRSS:\s+(\d+) kB/.exec(status)[1]) * 1024;
  }

  /**
   * CPU time of the server process in ms (user + system, all its threads: worker threads included,
   * those that ended too), from /proc/<pid>/stat in clock ticks (`clkTck` per second).
   */
  cpuMs(clkTck = 100) {
    const stat = readFileSync(`/proc/${this.pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(f[11]) + Number(f[12])) * 1000) / clkTck;
  }

  async close() {
    try {
      await Promise.race([this.request('shutdown', null), new Promise((r) => setTimeout(r, 3000))]);
      this.notify('exit', null);
    } catch {
      // already gone
    }
    const timer = setTimeout(() => this.proc.kill('SIGKILL'), 3000);
    await this.exited;
    clearTimeout(timer);
  }
}
