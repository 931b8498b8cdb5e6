#!/usr/bin/env node
// Launcher of the `spaser` command: runs the TypeScript entry with the installed tsx.
require("tsx/cjs");
const { main } = require("../src/cli/main.ts");
main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
