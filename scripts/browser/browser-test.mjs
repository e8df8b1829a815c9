// Runs notebooks in headless Chromium through a running classic Jupyter
// Notebook server, the way a learner does on Binder: open the page, let the
// notebook's own kernel ("Java (Siamese kit)") start, run all cells from the page,
// then check what the browser shows. Started by run-browser-test.sh, which owns
// the server; this file only drives the browser.
//
//   node browser-test.mjs --url http://127.0.0.1:PORT --token T --shots DIR nb.ipynb ...
//
// Per notebook it prints 'ok NAME' or 'FAIL NAME: problems', then
// 'N passed, N failed'; the exit status is 0 only when all passed.
import { chromium } from 'playwright-core';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const KERNEL_NAME = 'siamese-java';
const KERNEL_DISPLAY_NAME = 'Java (Siamese kit)';

function parseArgs(argv) {
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
    else if (a.startsWith('--')) throw new Error(`unknown option ${a}`);
    else opts.notebooks.push(a);
  }
  for (const k of ['url', 'token', 'shots']) if (!opts[k]) throw new Error(`--${k} is required`);
  if (opts.notebooks.length === 0) throw new Error('no notebooks given');
  return opts;
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const t0 = Date.now();
const log = (msg) => process.stderr.write(`[browser ${((Date.now() - t0) / 1000).toFixed(0)} s] ${msg}\n`);

// page.evaluate that cannot hang the test: a frozen page becomes an error.
async function evaluate(page, fn, arg, limitS = 120) {
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
async function waitInPage(page, fn, arg, timeoutS, what) {
  const deadline = Date.now() + timeoutS * 1000;
  for (;;) {
    const v = await evaluate(page, fn, arg);
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutS} s waiting for ${what}`);
    await sleep(500);
  }
}

// What the page shows once the run is over: prompts, outputs, images.
function pageState() {
  const nb = Jupyter.notebook;
  const cells = nb.get_cells().map((c, i) => ({
    index: i,
    type: c.cell_type,
    source: c.get_text(),
    prompt: c.cell_type === 'code' ? c.input_prompt_number : undefined,
    errors: c.cell_type === 'code'
      ? c.output_area.outputs.filter((o) => o.output_type === 'error').map((o) => `${o.ename}: ${o.evalue}`)
      : [],
    stderr: c.cell_type === 'code'
      ? c.output_area.outputs.filter((o) => o.output_type === 'stream' && o.name === 'stderr').map((o) => o.text).join('')
      : '',
  }));
  const imgs = [...document.querySelectorAll('.output_area img')];
  const pngs = imgs.filter((img) => img.src.startsWith('data:image/png'));
  return {
    cells,
    pngCount: pngs.length,
    // A decoded PNG has a size; a broken data URL shows as a 0x0 image.
    brokenPngs: pngs.filter((img) => !(img.complete && img.naturalWidth > 0 && img.naturalHeight > 0)).length,
    otherImgs: imgs.length - pngs.length,
    errorAreas: document.querySelectorAll('.output_area .output_error').length,
    kernelName: nb.kernel ? nb.kernel.name : null,
    kernelIndicator: (document.querySelector('#kernel_indicator .kernel_indicator_name') || {}).textContent || '',
    metadataKernel: (nb.metadata.kernelspec || {}).name || null,
  };
}

async function runNotebook(context, opts, nbPath) {
  const name = path.basename(nbPath, '.ipynb');
  const problems = [];
  const notes = [];
  const page = await context.newPage();
  const pageErrors = [];
  page.on('pageerror', (e) => pageErrors.push(String(e.message || e)));
  page.on('dialog', (d) => { notes.push(`dialog: ${d.message()}`); d.dismiss().catch(() => {}); });
  const started = Date.now();
  try {
    const url = `${opts.url}/notebooks/${encodeURIComponent(path.basename(nbPath))}?token=${opts.token}`;
    log(`${name}: opening ${path.basename(nbPath)}`);
    await page.goto(url, { waitUntil: 'load', timeout: 120000 });
    await page.bringToFront();
    // The notebook's metadata names its kernel; the page starts that kernel.
    await waitInPage(page, () => !!(window.Jupyter && Jupyter.notebook && Jupyter.notebook._fully_loaded),
      null, 60, 'the notebook to load');
    // Record kernel deaths and restarts (e.g. killed for memory) as the page sees them.
    await evaluate(page, () => {
      window.__kitKernelEvents = [];
      Jupyter.notebook.events.on('kernel_dead.Kernel kernel_restarting.Kernel kernel_autorestarting.Kernel kernel_disconnected.Kernel',
        (e) => window.__kitKernelEvents.push(e.type + '.' + e.namespace));
    });
    const meta = await evaluate(page, () => (Jupyter.notebook.metadata.kernelspec || {}).name || null);
    if (meta !== KERNEL_NAME) {
      problems.push(`notebook metadata kernelspec is '${meta}', not '${KERNEL_NAME}'; selecting ${KERNEL_DISPLAY_NAME} from the page`);
      await evaluate(page, (k) => Jupyter.notebook.kernel_selector.set_kernel(k), KERNEL_NAME);
    }
    await waitInPage(page, (k) => {
      const kernel = Jupyter.notebook.kernel;
      return !!(kernel && kernel.name === k && kernel.is_connected() && kernel.info_reply
        && kernel.info_reply.implementation);
    }, KERNEL_NAME, opts.startupS, `kernel ${KERNEL_NAME} to start and answer kernel_info`);

    log(`${name}: kernel ${KERNEL_NAME} ready; running all cells`);
    // Run all cells from the page (Cell > Run All).
    await evaluate(page, () => Jupyter.notebook.execute_all_cells());
    // Done when no cell is queued or running ('*') and the kernel indicator is idle,
    // seen twice in a row: outputs arrive on iopub before the kernel reports idle.
    let idleSeen = 0;
    let lastLog = Date.now();
    const deadline = Date.now() + opts.timeoutS * 1000;
    for (;;) {
      const p = await evaluate(page, () => {
        const code = Jupyter.notebook.get_cells().filter((c) => c.cell_type === 'code');
        const icon = document.querySelector('#kernel_indicator_icon');
        return {
          busy: code.some((c) => c.input_prompt_number === '*'),
          done: code.filter((c) => typeof c.input_prompt_number === 'number').length,
          total: code.length,
          idle: !!icon && icon.classList.contains('kernel_idle_icon'),
          events: window.__kitKernelEvents,
        };
      });
      const dead = p.events.filter((e) => !e.startsWith('kernel_disconnected'));
      if (dead.length) {
        problems.push(`the kernel died or restarted during the run (${dead.join(', ')}; out of memory?)`);
        break;
      }
      idleSeen = !p.busy && p.idle ? idleSeen + 1 : 0;
      if (idleSeen >= 2) break;
      if (Date.now() > deadline) {
        problems.push(`still running after ${opts.timeoutS} s (${p.done} of ${p.total} code cells done)`);
        break;
      }
      if (Date.now() - lastLog > 30000) {
        log(`${name}: ${p.done} of ${p.total} code cells done${p.events.length ? `; page saw ${p.events.join(', ')}` : ''}`);
        lastLog = Date.now();
      }
      await sleep(1000);
    }
    const st = await evaluate(page, pageState);
    if (st.kernelName !== KERNEL_NAME) problems.push(`ran in kernel '${st.kernelName}', not '${KERNEL_NAME}'`);
    if (st.kernelIndicator.trim() !== KERNEL_DISPLAY_NAME) {
      problems.push(`kernel indicator shows '${st.kernelIndicator.trim()}', not '${KERNEL_DISPLAY_NAME}'`);
    }
    const notRun = [];
    const commented = [];
    for (const c of st.cells) {
      if (c.type === 'markdown') {
        // Every line a '# ' comment: a notebook made from a percent-format source
        // that kept the comment prefix, so each line renders as a heading.
        const lines = c.source.split('\n').filter((l) => l.trim() !== '');
        if (lines.length >= 2 && lines.every((l) => l.startsWith('# ') || l === '#')) commented.push(c.index);
      }
      if (c.type !== 'code' || c.source.trim() === '') continue;
      if (typeof c.prompt !== 'number') notRun.push(`${c.index}${c.prompt === '*' ? '*' : ''}`);
      for (const e of c.errors) problems.push(`cell ${c.index} error output ${e.split('\n')[0]}`);
      if (c.stderr.trim()) notes.push(`cell ${c.index} wrote to stderr: ${c.stderr.trim().split('\n')[0]}`);
    }
    if (notRun.length) problems.push(`cells without an execution count (* = queued or running): ${notRun.join(', ')}`);
    if (commented.length) {
      problems.push(`markdown cells with '# ' before every line, each line showing as a heading (a source's comment prefix left in?): ${commented.join(', ')}`);
    }
    if (st.errorAreas > 0 && !st.cells.some((c) => c.errors.length)) problems.push(`${st.errorAreas} error output areas on the page`);
    if (st.pngCount === 0) problems.push('no <img> with a data:image/png source in the output area (charts did not render)');
    if (st.brokenPngs > 0) problems.push(`${st.brokenPngs} of ${st.pngCount} PNG images did not decode in the browser`);
    for (const e of pageErrors) problems.push(`JavaScript error on the page: ${e}`);
    notes.push(`${st.pngCount} PNG images, ${((Date.now() - started) / 1000).toFixed(1)} s`);

    // Keep the executed copy (a build artefact) and a full-page screenshot. The
    // classic notebook scrolls inside #site; let the page grow so the whole
    // notebook is in the shot.
    await evaluate(page, () => Jupyter.notebook.save_notebook(), null, 30).catch((e) => notes.push(`save failed: ${e}`));
    await page.addStyleTag({ content:
      'html, body { height: auto !important; overflow: visible !important; }'
      + ' #site { height: auto !important; overflow: visible !important; position: static !important; }'
      + ' #header { position: static !important; }' });
    await sleep(300);
    const shot = path.join(opts.shots, `${name}.png`);
    await page.screenshot({ path: shot, fullPage: true, timeout: 60000 });
    notes.push(`screenshot ${shot}`);
  } catch (e) {
    problems.push(String(e.message || e).split('\n')[0]);
    const shot = path.join(opts.shots, `${name}.png`);
    await page.screenshot({ path: shot, fullPage: true, timeout: 60000 }).catch(() => {});
  } finally {
    await page.close().catch(() => {});
    // Shut the notebook's kernel down through the server's REST API (the test owns
    // the server) and wait until none is left, so that two kernels never hold
    // memory at the same time (Binder-sized machines have 2 GB).
    const left = await shutDownKernels(opts, 60);
    if (left !== 0) problems.push(`the kernel did not shut down within 60 s of being asked (${left} still listed)`);
  }
  return { name, problems, notes };
}

async function shutDownKernels(opts, timeoutS) {
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

async function main() {
  const opts = parseArgs(process.argv.slice(2));
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

main().then((code) => process.exit(code), (e) => {
  console.error(`browser-test: ${e.stack || e}`);
  process.exit(2);
});
