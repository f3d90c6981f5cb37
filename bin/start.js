#!/usr/bin/env node
// `npm start`: build when the compiled app is missing or older than its sources, then serve
// the bundled history on the embedded store.
const { execFileSync } = require('node:child_process');
const { existsSync, statSync, readdirSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..');
const newest = (dir) =>
  readdirSync(dir, { withFileTypes: true }).reduce((latest, entry) => {
    const path = join(dir, entry.name);
    const time = entry.isDirectory() ? newest(path) : entry.name.endsWith('.ts') ? statSync(path).mtimeMs : 0;
    return Math.max(latest, time);
  }, 0);
const built = join(root, 'dist', 'src', 'cli', 'main.js');
const sources = Math.max(...['src', 'events', 'projections'].map((d) => newest(join(root, d))));
if (!existsSync(built) || statSync(built).mtimeMs < sources) {
  process.stderr.write('Building Parley…\n');
  execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', join(root, 'tsconfig.build.json')], { stdio: 'inherit', cwd: root });
}
require(built)
  .runCli([process.argv[0], 'parley', 'serve', ...process.argv.slice(2)])
  .then((status) => (process.exitCode = status));
