// Runs notebooks in headless Chromium through the kit's JupyterLab (lab/,
// served by lab/kit_lab.py): open the notebook at /lab/tree/NAME, pick the kit's
// kernel in Lab's "Select Kernel" dialog when Lab asks for one, run all cells
// from the Run menu, then check what the page shows. Started by
// run-browser-test.sh --lab, which owns the server; this file only drives the
// browser.
//
//   node lab-test.mjs --url http://127.0.0.1:PORT --token T --shots DIR
//       [--ui-checks NAME] nb.ipynb ...
//
// --ui-checks NAME: on that notebook Lab must ask for the kernel (its copy has
// no kernelspec), and after the run Tab must complete 'Kit.' and the toolbar's
// stop button must interrupt a sleeping cell.
// Per notebook it prints 'ok NAME' or 'FAIL NAME: problems', then
// 'N passed, N failed'; the exit status is 0 only when all passed.
import path from 'node:path';
import {
  KERNEL_NAME, KERNEL_DISPLAY_NAME, sleep, log, parseArgs, evaluate, waitInPage,
  shutDownKernels, runAll, commentedMarkdown,
} from './page-tools.mjs';

// In the page: the open NotebookPanel for a path (window.kitLab is set by lab/index.js).
function panelFor(nbPath) {
  // A Lumino 1 iterator: next() until undefined.
  const it = window.kitLab.shell.widgets('main');
  for (let w = it.next(); w; w = it.next()) {
    if (w.context && w.context.path === nbPath && w.content && w.content.widgets) return w;
  }
  return null;
}

// In the page: the run's progress, from the cells' prompts and the kernel status.
function progress(nbPath) {
  const panel = window.__kitPanelFor(nbPath);
  const code = panel.content.widgets.filter((c) => c.model.type === 'code');
  return {
    busy: code.some((c) => (c.promptNode ? c.promptNode.textContent : '').includes('*')),
    done: code.filter((c) => typeof c.model.executionCount === 'number').length,
    total: code.length,
    status: panel.sessionContext.kernelDisplayStatus,
    events: window.__kitKernelEvents,
  };
}

// In the page: what the notebook shows once the run is over.
function pageState(nbPath) {
  const panel = window.__kitPanelFor(nbPath);
  const cells = panel.content.widgets.map((c, i) => {
    const m = c.model.toJSON();
    const outputs = m.cell_type === 'code' ? m.outputs : [];
    const text = (t) => (Array.isArray(t) ? t.join('') : t || '');
    return {
      index: i,
      type: m.cell_type,
      source: text(m.source),
      prompt: m.cell_type === 'code' ? m.execution_count : undefined,
      errors: outputs.filter((o) => o.output_type === 'error').map((o) => `${o.ename}: ${o.evalue}`),
      stderr: outputs.filter((o) => o.output_type === 'stream' && o.name === 'stderr').map((o) => text(o.text)).join(''),
      pngOutputs: outputs.filter((o) => o.data && o.data['image/png']).length,
    };
  });
  const imgs = [...panel.node.querySelectorAll('.jp-OutputArea-output img')];
  const pngs = imgs.filter((img) => img.src.startsWith('data:image/png') || img.src.startsWith('blob:'));
  return {
    cells,
    pngOutputs: cells.reduce((n, c) => n + (c.pngOutputs || 0), 0),
    pngCount: pngs.length,
    // A decoded PNG has a size; a broken one shows as a 0x0 image.
    shownPngs: pngs.filter((img) => img.complete && img.naturalWidth > 0 && img.naturalHeight > 0).length,
    errorAreas: panel.node.querySelectorAll('.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]').length,
    kernelName: panel.sessionContext.session && panel.sessionContext.session.kernel
      ? panel.sessionContext.session.kernel.name : null,
    kernelLabel: (panel.node.querySelector('.jp-Toolbar-kernelName') || {}).textContent || '',
  };
}

// Picks the kit's kernel in Lab's "Select Kernel" dialog, as a learner does.
async function pickKernel(page) {
  const dialog = page.locator('.jp-Dialog');
  await dialog.locator('select').selectOption({ label: KERNEL_DISPLAY_NAME });
  await dialog.locator('.jp-Dialog-button.jp-mod-accept').click();
  await dialog.waitFor({ state: 'detached', timeout: 30000 });
}

async function runNotebook(context, opts, nbFile) {
  const name = path.basename(nbFile, '.ipynb');
  const nbPath = path.basename(nbFile);
  const uiChecks = opts.uiChecks === name;
  const problems = [];
  const notes = [];
  const page = await context.newPage();
  const pageErrors = [];
  page.on('pageerror', (e) => pageErrors.push(String(e.message || e)));
  page.on('dialog', (d) => { notes.push(`browser dialog: ${d.message()}`); d.dismiss().catch(() => {}); });
  const started = Date.now();
  let opened = false;
  try {
    // A workspace of its own per notebook, so that Lab reopens nothing else.
    const url = `${opts.url}/lab/workspaces/kit-${encodeURIComponent(name)}/tree/${encodeURIComponent(nbPath)}`
      + `?reset&token=${opts.token}`;
    log(`${name}: opening ${nbPath} in JupyterLab`);
    await page.goto(url, { waitUntil: 'load', timeout: 120000 });
    await page.bringToFront();
    await waitInPage(page, () => document.body.dataset.kitLab === 'restored', null, 120, 'JupyterLab to start');
    await evaluate(page, `window.__kitPanelFor = ${panelFor.toString()}`);
    await waitInPage(page, (p) => { const w = window.__kitPanelFor(p); return !!(w && w.context.isReady); },
      nbPath, 60, `the notebook ${nbPath} to open`);
    opened = true;
    // Record kernel deaths and restarts (e.g. killed for memory) as the page sees them.
    await evaluate(page, (p) => {
      window.__kitKernelEvents = [];
      window.__kitPanelFor(p).sessionContext.statusChanged.connect((_, s) => {
        if (s === 'dead' || s === 'restarting' || s === 'autorestarting') window.__kitKernelEvents.push(s);
      });
    }, nbPath);
    // Lab asks for a kernel when the notebook names none; otherwise it starts
    // the one the notebook's metadata names.
    const asked = await waitInPage(page, (p) => {
      if (document.querySelector('.jp-Dialog select')) return 'dialog';
      const s = window.__kitPanelFor(p).sessionContext;
      return s.session && s.session.kernel ? 'started' : null;
    }, nbPath, 60, 'a kernel to start or Lab to ask for one');
    if (asked === 'dialog') {
      await pickKernel(page);
      notes.push(`kernel picked in Lab's Select Kernel dialog`);
    } else if (uiChecks) {
      problems.push('Lab did not ask for a kernel although the notebook names none');
    }
    await waitInPage(page, async (p) => {
      const s = window.__kitPanelFor(p).sessionContext;
      const k = s.session && s.session.kernel;
      return !!(k && (await k.info) && k.status === 'idle');
    }, nbPath, opts.startupS, `a kernel to start and answer kernel_info`);

    log(`${name}: kernel ready; Run > Run All Cells`);
    await page.locator('.lm-MenuBar-itemLabel', { hasText: /^Run$/ }).click();
    await page.locator('.lm-Menu-item[data-command="runmenu:run-all"]').click();
    // Done when no prompt shows '*' (queued or running) and the kernel is idle,
    // seen twice in a row: outputs arrive on iopub before the kernel reports idle.
    let idleSeen = 0;
    let lastLog = Date.now();
    const deadline = Date.now() + opts.timeoutS * 1000;
    await sleep(1000);
    for (;;) {
      const p = await evaluate(page, progress, nbPath);
      if (p.events.length) {
        problems.push(`the kernel died or restarted during the run (${p.events.join(', ')}; out of memory?)`);
        break;
      }
      idleSeen = !p.busy && p.status === 'idle' ? idleSeen + 1 : 0;
      if (idleSeen >= 2) break;
      if (Date.now() > deadline) {
        problems.push(`still running after ${opts.timeoutS} s (${p.done} of ${p.total} code cells done)`);
        break;
      }
      if (Date.now() - lastLog > 30000) {
        log(`${name}: ${p.done} of ${p.total} code cells done`);
        lastLog = Date.now();
      }
      await sleep(1000);
    }
    const st = await evaluate(page, pageState, nbPath);
    if (st.kernelName !== KERNEL_NAME) problems.push(`ran in kernel '${st.kernelName}', not '${KERNEL_NAME}'`);
    if (st.kernelLabel.trim() !== KERNEL_DISPLAY_NAME) {
      problems.push(`the toolbar shows kernel '${st.kernelLabel.trim()}', not '${KERNEL_DISPLAY_NAME}'`);
    }
    const notRun = [];
    for (const c of st.cells) {
      if (c.type !== 'code' || c.source.trim() === '') continue;
      if (typeof c.prompt !== 'number') notRun.push(c.index);
      for (const e of c.errors) problems.push(`cell ${c.index} error output ${e.split('\n')[0]}`);
      if (c.stderr.trim()) notes.push(`cell ${c.index} wrote to stderr: ${c.stderr.trim().split('\n')[0]}`);
    }
    if (notRun.length) problems.push(`cells without an execution count: ${notRun.join(', ')}`);
    const commented = commentedMarkdown(st.cells);
    if (commented.length) {
      problems.push(`markdown cells with '# ' before every line, each line showing as a heading: ${commented.join(', ')}`);
    }
    if (st.pngOutputs === 0) problems.push('no image/png output (no chart was drawn)');
    if (st.shownPngs < st.pngOutputs) {
      problems.push(`${st.pngOutputs - st.shownPngs} of ${st.pngOutputs} PNG outputs do not show as a decoded image`);
    }
    notes.push(`${st.shownPngs} PNG images, ${((Date.now() - started) / 1000).toFixed(1)} s`);

    // Keep the executed copy (a build artefact) and a screenshot of the whole
    // notebook: the notebook scrolls inside Lab's main area, so the window is
    // made as tall as the notebook (up to 16,000 px) and the side bar closed.
    await evaluate(page, (p) => window.__kitPanelFor(p).context.save(), nbPath, 30)
      .catch((e) => notes.push(`save failed: ${e}`));
    await evaluate(page, () => window.kitLab.shell.collapseLeft());
    // The window's height for the whole notebook: its last cell's end plus what
    // Lab shows around the notebook (menus, toolbar, status bar). Not the
    // notebook's scrollHeight: Lab pads its end by a window's height.
    const needed = await evaluate(page, (p) => {
      const node = window.__kitPanelFor(p).content.node;
      const cells = window.__kitPanelFor(p).content.widgets;
      const last = cells[cells.length - 1].node;
      node.scrollTop = 0;
      return last.offsetTop + last.offsetHeight + 60 + window.innerHeight - node.clientHeight;
    }, nbPath);
    if (needed > 16000) notes.push(`screenshot cut at 16000 of ${needed} px`);
    await page.setViewportSize({ width: 1280, height: Math.min(16000, needed) });
    await evaluate(page, (p) => { window.__kitPanelFor(p).content.node.scrollTop = 0; }, nbPath);
    await page.mouse.move(0, 0); // no hover effects (headings' anchor links) in the shot
    await sleep(500);
    const shot = path.join(opts.shots, `${name}.png`);
    await page.screenshot({ path: shot, timeout: 60000 });
    await page.setViewportSize({ width: 1280, height: 900 });
    notes.push(`screenshot ${shot}`);

    if (uiChecks && problems.length === 0) {
      await checkCompletion(page, nbPath, problems, notes);
      await checkInterrupt(page, nbPath, problems, notes);
    }
  } catch (e) {
    problems.push(String(e.message || e).split('\n')[0]);
    const shot = path.join(opts.shots, `${name}.png`);
    await page.screenshot({ path: shot, timeout: 60000 }).catch(() => {});
  } finally {
    for (const e of pageErrors) problems.push(`JavaScript error on the page: ${e}`);
    if (opened) {
      // Close the notebook without saving the checks' cells (the run is saved above).
      await evaluate(page, (p) => { const w = window.__kitPanelFor(p); if (w) w.context.dispose(); }, nbPath, 30)
        .catch(() => {});
    }
    await page.close().catch(() => {});
    const left = await shutDownKernels(opts, 60);
    if (left !== 0) problems.push(`the kernel did not shut down within 60 s of being asked (${left} still listed)`);
  }
  return { name, problems, notes };
}

// In the page: the active cell's editor text and outputs.
function activeCell(nbPath) {
  const panel = window.__kitPanelFor(nbPath);
  const c = panel.content.activeCell;
  const m = c.model.toJSON();
  return { index: panel.content.activeCellIndex, source: c.model.value.text, outputs: m.outputs || [],
    count: m.execution_count, status: panel.sessionContext.kernelDisplayStatus };
}

// A new cell below the last one, in edit mode, typed into through the keyboard.
async function newCellAtEnd(page, nbPath) {
  await evaluate(page, (p) => {
    const panel = window.__kitPanelFor(p);
    window.kitLab.shell.activateById(panel.id);
    panel.content.activeCellIndex = panel.content.widgets.length - 1;
    panel.content.mode = 'command';
    panel.content.node.focus();
  }, nbPath);
  await page.keyboard.press('b'); // Lab's shortcut: insert a cell below
  await page.keyboard.press('Enter'); // edit mode
}

// Tab after 'Kit.' must open Lab's completer with the kernel's suggestions.
async function checkCompletion(page, nbPath, problems, notes) {
  log('completion: Tab after "Kit."');
  await newCellAtEnd(page, nbPath);
  await page.keyboard.type('Kit.');
  await page.keyboard.press('Tab');
  const items = await waitInPage(page, () => {
    const c = document.querySelector('.jp-Completer');
    if (!c || c.classList.contains('lm-mod-hidden')) return null;
    const xs = [...c.querySelectorAll('.jp-Completer-item')].map((i) => i.textContent.trim());
    return xs.length ? xs : null;
  }, null, 30, 'the completer to show suggestions after Tab').catch((e) => {
    problems.push(`completion: ${e.message}`);
    return null;
  });
  if (!items) return;
  if (!items.some((i) => i.startsWith('setup'))) {
    problems.push(`completion: Tab after 'Kit.' offered no 'setup' (${items.slice(0, 8).join(', ')})`);
  } else {
    notes.push(`Tab completion offered ${items.length} members of Kit, 'setup' among them`);
  }
  await page.keyboard.press('Escape');
}

// A cell that sleeps for two minutes, stopped with the toolbar's stop button;
// the kernel must then still answer.
async function checkInterrupt(page, nbPath, problems, notes) {
  log('interrupt: a two-minute sleep, then the toolbar stop button');
  await evaluate(page, (p) => { window.__kitPanelFor(p).content.activeCell.model.value.text = ''; }, nbPath);
  await page.keyboard.type('Thread.sleep(120_000);');
  await page.keyboard.press('Shift+Enter');
  const cellIndex = (await evaluate(page, activeCell, nbPath)).index - 1;
  await waitInPage(page, (p) => window.__kitPanelFor(p).sessionContext.kernelDisplayStatus === 'busy',
    nbPath, 30, 'the kernel to be busy with the sleeping cell');
  await sleep(1000);
  const clicked = Date.now();
  await page.locator('.jp-NotebookPanel-toolbar button[data-command="kernelmenu:interrupt"]').click();
  try {
    await waitInPage(page, ([p, i]) => {
      const panel = window.__kitPanelFor(p);
      const m = panel.content.widgets[i].model.toJSON();
      return typeof m.execution_count === 'number' && panel.sessionContext.kernelDisplayStatus === 'idle';
    }, [nbPath, cellIndex], 30, 'the interrupted cell to end');
  } catch (e) {
    problems.push(`interrupt: ${e.message} (the sleep would have lasted 120 s)`);
    return;
  }
  const s = ((Date.now() - clicked) / 1000).toFixed(1);
  const outs = await evaluate(page, ([p, i]) => window.__kitPanelFor(p).content.widgets[i].model.toJSON().outputs,
    [nbPath, cellIndex]);
  const said = outs.map((o) => o.evalue || o.text || '').join(' ');
  if (!/interrupt/i.test(said)) problems.push(`interrupt: the cell ended but does not say it was interrupted (${said.slice(0, 120)})`);
  // The kernel still works after the interrupt.
  await page.keyboard.type('6 * 7');
  await page.keyboard.press('Shift+Enter');
  const after = await waitInPage(page, ([p, i]) => {
    const m = window.__kitPanelFor(p).content.widgets[i].model.toJSON();
    return typeof m.execution_count === 'number' ? m.outputs : null;
  }, [nbPath, cellIndex + 1], 60, 'the kernel to run a cell after the interrupt').catch((e) => {
    problems.push(`interrupt: ${e.message}`);
    return null;
  });
  if (!after) return;
  const text = JSON.stringify(after);
  if (!text.includes('42')) problems.push(`interrupt: the next cell '6 * 7' gave ${text.slice(0, 120)}, not 42`);
  else notes.push(`interrupt from the toolbar stopped a 120 s sleep in ${s} s; the kernel then answered 42`);
}

const opts = parseArgs(process.argv.slice(2), { '--ui-checks': (o, v) => { o.uiChecks = v; } });
runAll(opts, runNotebook).then((code) => process.exit(code), (e) => {
  console.error(`lab-test: ${e.stack || e}`);
  process.exit(2);
});
