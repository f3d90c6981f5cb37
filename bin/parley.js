#!/usr/bin/env node
require('../dist/src/cli/main.js')
  .runCli(process.argv)
  .then((status) => (process.exitCode = status));
