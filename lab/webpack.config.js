// Bundles the kit's JupyterLab (index.js and the extensions listed in
// package.json) into KIT_LAB_OUT (default: ../build/lab/static), where
// lab/kit_lab.py serves it. Follows JupyterLab 3.6's examples/app.
const path = require('path');
const fs = require('fs');
const crypto = require('crypto');
const webpack = require('webpack');
const Build = require('@jupyterlab/builder').Build;
const data = require('./package.json');

// Some loaders hash with md4, which OpenSSL 3 (Node 17+) no longer offers.
const createHash = crypto.createHash;
crypto.createHash = (algorithm) => createHash(algorithm === 'md4' ? 'sha256' : algorithm);

const out = path.resolve(process.env.KIT_LAB_OUT || path.join(__dirname, '..', 'build', 'lab', 'static'));
fs.mkdirSync(out, { recursive: true });

// Copies each extension's setting schemas and themes into the output and
// writes out/style.js, which imports every extension's CSS.
const extensionAssetConfig = Build.ensureAssets({
  packageNames: data.jupyterlab.extensions,
  output: out,
  hashFunction: 'sha256'
});

module.exports = [
  {
    entry: ['whatwg-fetch', './index.js'],
    output: { path: out, filename: 'bundle.js', hashFunction: 'sha256' },
    resolve: {
      alias: { 'kit-lab-style': path.join(out, 'style.js') },
      // style.js lies in the output folder, outside lab/: its imports resolve here.
      modules: [path.join(__dirname, 'node_modules'), 'node_modules']
    },
    bail: true,
    // Unminified and without source maps: the build stays quick on two cores,
    // and the bundle is only ever served from the loopback.
    mode: 'development',
    devtool: false,
    module: {
      rules: [
        { test: /\.css$/, use: ['style-loader', 'css-loader'] },
        { test: /\.html$/, use: 'file-loader' },
        { test: /\.md$/, use: 'raw-loader' },
        { test: /\.(jpg|png|gif)$/, use: 'file-loader' },
        { test: /\.js.map$/, use: 'file-loader' },
        { test: /\.woff2?(\?v=\d+\.\d+\.\d+)?$/, use: 'url-loader?limit=10000&mimetype=application/font-woff' },
        { test: /\.ttf(\?v=\d+\.\d+\.\d+)?$/, use: 'url-loader?limit=10000&mimetype=application/octet-stream' },
        { test: /\.eot(\?v=\d+\.\d+\.\d+)?$/, use: 'file-loader' },
        {
          // In CSS, SVG becomes a data URI; imported from JS, a string.
          test: /\.svg(\?v=\d+\.\d+\.\d+)?$/,
          issuer: /\.css$/,
          use: { loader: 'svg-url-loader', options: { encoding: 'none', limit: 10000 } }
        },
        { test: /\.svg(\?v=\d+\.\d+\.\d+)?$/, issuer: /\.js$/, use: { loader: 'raw-loader' } }
      ]
    },
    plugins: [
      new webpack.DefinePlugin({
        // Blueprint reads process.env; the path polyfill calls process.cwd().
        'process.env': '{}',
        process: { cwd: () => '/' }
      })
    ]
  }
].concat(extensionAssetConfig);
