/**
 * npm run bench [-- --json] [--only=functions,…]: the project's performance figures. Each section adds its keys to one object;
 * with --json only that object is printed (one line), otherwise a readable table.
 */
import { join } from "node:path";
import { measureBundles } from "./bundle";
import { measureFunctions } from "./functions";
import { measureTaskpane } from "./taskpane";
import { measureCli } from "./cli";

type Figures = Record<string, number | string>;

const SECTIONS: [string, (root: string) => Figures | Promise<Figures>][] = [
  ["bundles", measureBundles],
  ["functions", measureFunctions],
  ["cli", measureCli],
  ["taskpane", measureTaskpane],
];

async function main(): Promise<void> {
  const json = process.argv.includes("--json");
  const root = join(__dirname, "..");
  const figures: Figures = {};
  // --only=functions,cli measures those sections only (for quick iterations).
  const only = process.argv
    .find((a) => a.startsWith("--only="))
    ?.slice("--only=".length)
    .split(",");
  for (const [name, measure] of SECTIONS) {
    if (only && !only.includes(name)) continue;
    if (!json) console.error(`… ${name}`);
    Object.assign(figures, await measure(root));
  }
  if (json) console.log(JSON.stringify(figures));
  else for (const [key, value] of Object.entries(figures)) console.log(`${key.padEnd(40)} ${value}`);
}

main().catch((error: unknown) => {
  console.error(`bench : ${(error as Error).message}`);
  process.exit(1);
});
