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
import path from 'node:path';
import {
  KERNEL_NAME, KERNEL_DISPLAY_NAME, sleep, log, parseArgs, evaluate, waitInPage,
  shutDownKernels, runAll, commentedMarkdown,
} from './page-tools.mjs';

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
    for (const c of st.cells) {
      if (c.type !== 'code' || c.source.trim() === '') continue;
      if (typeof c.prompt !== 'number') notRun.push(`${c.index}${c.prompt === '*' ? '*' : ''}`);
      for (const e of c.errors) problems.push(`cell ${c.index} error output ${e.split('\n')[0]}`);
      if (c.stderr.trim()) notes.push(`cell ${c.index} wrote to stderr: ${c.stderr.trim().split('\n')[0]}`);
    }
    if (notRun.length) problems.push(`cells without an execution count (* = queued or running): ${notRun.join(', ')}`);
    const commented = commentedMarkdown(st.cells);
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
    const left = await shutDownKernels(opts, 60);
    if (left !== 0) problems.push(`the kernel did not shut down within 60 s of being asked (${left} still listed)`);
  }
  return { name, problems, notes };
}

const opts = parseArgs(process.argv.slice(2));
runAll(opts, runNotebook).then((code) => process.exit(code), (e) => {
  console.error(`browser-test: ${e.stack || e}`);
  process.exit(2);
});
