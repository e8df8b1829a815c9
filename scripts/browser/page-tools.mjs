// Helpers shared by the browser tests (browser-test.mjs: classic Notebook,
// lab-test.mjs: the kit's JupyterLab): page calls that cannot hang, polling,
// a loopback-only Chromium, and kernel shutdown through the server's REST API.
import { chromium } from 'playwright-core';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const KERNEL_NAME = 'siamese-java';
export const KERNEL_DISPLAY_NAME = 'Java (Siamese kit)';

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const t0 = Date.now();
export const log = (msg) => process.stderr.write(`[browser ${((Date.now() - t0) / 1000).toFixed(0)} s] ${msg}\n`);

// The options both drivers take; `extra` maps further --options to value parsers.
export function parseArgs(argv, extra = {}) {
  const opts = { notebooks: [], chromium: '/usr/bin/chromium', timeoutS: 1800, startupS: 180 };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const next = () => {
      if (i + 1 >= argv.length) throw new Error(`${a} needs a value`);
      return argv[++i];
    };
    if (a === '--url') opts.url = next();
    else if (a === '--token') opts.token = next();
    else if (a === '--shots') opts.shots = next();
    else if (a === '--chromium') opts.chromium = next();
    else if (a === '--timeout') opts.timeoutS = Number(next());
    else if (a === '--startup-timeout') opts.startupS = Number(next());
    else if (a in extra) extra[a](opts, next());
    else if (a.startsWith('--')) throw new Error(`unknown option ${a}`);
    else opts.notebooks.push(a);
  }
  for (const k of ['url', 'token', 'shots']) if (!opts[k]) throw new Error(`--${k} is required`);
  if (opts.notebooks.length === 0) throw new Error('no notebooks given');
  return opts;
}

// page.evaluate that cannot hang the test: a frozen page becomes an error.
export async function evaluate(page, fn, arg, limitS = 120) {
  let timer;
  const limit = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`the page did not answer within ${limitS} s`)), limitS * 1000);
  });
  try {
    return await Promise.race([page.evaluate(fn, arg), limit]);
  } finally {
    clearTimeout(timer);
  }
}

// Polls fn (run in the page) until it returns a truthy value or the time is up.
export async function waitInPage(page, fn, arg, timeoutS, what) {
  const deadline = Date.now() + timeoutS * 1000;
  for (;;) {
    const v = await evaluate(page, fn, arg);
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutS} s waiting for ${what}`);
    await sleep(500);
  }
}

// Shuts every kernel down through the server's REST API and waits until none is
// left, so that two kernels never hold memory at the same time (Binder-sized
// machines have 2 GB). Returns how many are still listed (0: all gone).
export async function shutDownKernels(opts, timeoutS) {
  const api = (p) => `${opts.url}/api/${p}?token=${opts.token}`;
  const deadline = Date.now() + timeoutS * 1000;
  let left = -1;
  while (Date.now() < deadline) {
    try {
      const kernels = await (await fetch(api('kernels'))).json();
      left = kernels.length;
      if (left === 0) return 0;
      for (const k of kernels) await fetch(api(`kernels/${k.id}`), { method: 'DELETE' });
    } catch (e) {
      left = -1;
    }
    await sleep(1000);
  }
  return left;
}

// Runs each notebook through runNotebook(context, opts, nb) -> {name, problems,
// notes} in a fresh headless Chromium that may only reach the server, prints
// 'ok NAME (...)' or 'FAIL NAME: ...' per notebook and 'N passed, N failed'.
// Returns the exit status: 0 only when all passed.
export async function runAll(opts, runNotebook) {
  fs.mkdirSync(opts.shots, { recursive: true });
  // A fresh profile for every run: nothing cached, no extensions, no sign-in.
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'siamese-kit-chromium-'));
  const allowed = new URL(opts.url);
  let context;
  let passed = 0;
  let failed = 0;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: opts.chromium,
      headless: true,
      viewport: { width: 1280, height: 900 },
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
        '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
    });
    for (const p of context.pages()) await p.close();
    // Loopback only: the page may talk to the notebook server and nothing else.
    const blocked = new Set();
    await context.route('**/*', (route) => {
      const u = new URL(route.request().url());
      if (u.protocol === 'data:' || u.protocol === 'blob:'
          || (u.hostname === allowed.hostname && u.port === allowed.port)) return route.continue();
      blocked.add(u.origin);
      return route.abort();
    });
    for (const nb of opts.notebooks) {
      const r = await runNotebook(context, opts, nb);
      if (r.problems.length === 0) {
        passed++;
        console.log(`ok   ${r.name} (${r.notes.join('; ')})`);
      } else {
        failed++;
        console.log(`FAIL ${r.name}: ${r.problems.join('; ')}${r.notes.length ? ` (${r.notes.join('; ')})` : ''}`);
      }
    }
    if (blocked.size) console.log(`blocked requests off the loopback server: ${[...blocked].join(', ')}`);
  } finally {
    if (context) await context.close().catch(() => {});
    fs.rmSync(profile, { recursive: true, force: true });
  }
  console.log(`${passed} passed, ${failed} failed`);
  return failed === 0 && passed > 0 ? 0 : 1;
}

// Markdown cells whose every line is a '# ' comment: a notebook made from a
// percent-format source that kept the comment prefix, so each line renders as
// a heading. Takes [{index, type, source}], returns the indexes.
export function commentedMarkdown(cells) {
  return cells.filter((c) => {
    if (c.type !== 'markdown') return false;
    const lines = c.source.split('\n').filter((l) => l.trim() !== '');
    return lines.length >= 2 && lines.every((l) => l.startsWith('# ') || l === '#');
  }).map((c) => c.index);
}
