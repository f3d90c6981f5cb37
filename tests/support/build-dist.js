// jest globalSetup of the `int` project: some integration tests run compiled code in child processes
// (bin/parley.js, the crash and concurrent writers), so dist/ is brought up to date first. tsc is
// incremental (dist/.tsbuildinfo): with nothing changed this is a ~2 s check, and a test can never
// exercise a dist/ older than the sources.
const { execFileSync } = require('node:child_process');
const { join } = require('node:path');

module.exports = async () => {
  const root = join(__dirname, '..', '..');
  execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', join(root, 'tsconfig.build.json')], { cwd: root, stdio: 'inherit' });
};
