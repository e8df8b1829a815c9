// The kit's JupyterLab front end: JupyterLab 3.6's application with the
// extensions a learner needs for the kit's notebooks (notebook, file browser,
// kernels, completer, rendermime, ...). Follows JupyterLab's examples/app.
import { JupyterLab } from '@jupyterlab/application';
import { PageConfig } from '@jupyterlab/coreutils';

// Webpack loads fonts and images relative to this; set before any CSS loads.
// eslint-disable-next-line no-undef
__webpack_public_path__ = PageConfig.getOption('fullStaticUrl') + '/';

// Every extension's CSS (style.js is written by webpack.config.js).
const styles = import('kit-lab-style');

// These must match "jupyterlab.extensions" in package.json, which is what copies
// their settings schemas and themes into the build.
const extensions = [
  import('@jupyterlab/application-extension'),
  import('@jupyterlab/apputils-extension'),
  import('@jupyterlab/codemirror-extension'),
  import('@jupyterlab/completer-extension'),
  import('@jupyterlab/console-extension'),
  import('@jupyterlab/docmanager-extension'),
  import('@jupyterlab/filebrowser-extension'),
  import('@jupyterlab/fileeditor-extension'),
  import('@jupyterlab/imageviewer-extension'),
  import('@jupyterlab/launcher-extension'),
  import('@jupyterlab/mainmenu-extension'),
  import('@jupyterlab/mathjax2-extension'),
  import('@jupyterlab/notebook-extension'),
  import('@jupyterlab/rendermime-extension'),
  import('@jupyterlab/running-extension'),
  import('@jupyterlab/shortcuts-extension'),
  import('@jupyterlab/statusbar-extension'),
  import('@jupyterlab/theme-light-extension'),
  import('@jupyterlab/tooltip-extension'),
  import('@jupyterlab/translation-extension'),
  import('@jupyterlab/ui-components-extension')
];
const mimeExtensions = [import('@jupyterlab/json-extension')];

// Plugins left out: the news announcements ask the full JupyterLab server's
// /lab/api/news (not in jupyterlab-server) whether to fetch news from the web.
const disabled = new Set(['@jupyterlab/apputils-extension:announcements']);

// An extension module's plugins (its default export: one plugin or a list), less the disabled.
function plugins(module) {
  const all = Array.isArray(module.default) ? module.default : [module.default];
  return all.filter((p) => !disabled.has(p.id));
}

window.addEventListener('load', async () => {
  await styles;
  const lab = new JupyterLab({ mimeExtensions: await Promise.all(mimeExtensions) });
  lab.registerPlugins((await Promise.all(extensions)).flatMap(plugins));
  // The browser test (scripts/lab/) reads notebook models through this.
  window.kitLab = lab;
  await lab.start();
  await lab.restored;
  document.body.dataset.kitLab = 'restored';
});
