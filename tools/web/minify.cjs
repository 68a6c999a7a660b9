// Minifies one of the site's scripts with terser (Debian's node-terser), for
// the web build (web.cmake): local names shortened and the code compressed;
// property names, which the page and emscripten's output share, are kept.
//   node minify.cjs IN OUT
'use strict';
const fs = require('fs');
const { minify } = require('terser');

const [input, output] = process.argv.slice(2);
if (!input || !output) {
  console.error('usage: node minify.cjs IN OUT');
  process.exit(2);
}
minify(fs.readFileSync(input, 'utf8'), { compress: { passes: 2 }, mangle: true }).then((r) => {
  fs.writeFileSync(output + '.tmp', r.code);
  fs.renameSync(output + '.tmp', output);
}, (e) => {
  console.error(`${input}: ${e.message || e}`);
  process.exit(1);
});
