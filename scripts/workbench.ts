/**
 * npm run workbench [-- --port 3000]: builds the add-in with the workbench page (`--env workbench`) into
 * dist-workbench/ and serves it over plain http on localhost: `/` is the workbench (the bundled sample
 * workbook as a grid beside the real task pane, on the Excel simulator), `/taskpane.html` the bare pane.
 */
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { serveStatic } from "./serve-static";

function portFromArgs(args: string[]): number {
  const index = args.indexOf("--port");
  const raw = index >= 0 ? args[index + 1] : (process.env.PORT ?? process.env.npm_package_config_dev_server_port);
  const port = Number(raw ?? 3000);
  if (!Number.isInteger(port) || port < 1 || port > 65_535) {
    console.error(`Port invalide : ${raw}`);
    process.exit(2);
  }
  return port;
}

async function main(): Promise<void> {
  const port = portFromArgs(process.argv.slice(2));
  const root = join(__dirname, "..");
  const outputPath = "dist-workbench";
  console.log("Construction de l'atelier…");
  execFileSync("npx", ["webpack", "--mode", "development", "--env", `outputPath=${outputPath}`, "--env", "workbench"], {
    cwd: root,
    stdio: ["ignore", "ignore", "inherit"],
  });
  await serveStatic(join(root, outputPath), port, "localhost");
  console.log(`Atelier SPASER prêt : http://localhost:${port}/`);
  console.log("Arrêt : Ctrl+C.");
}

main().catch((error: unknown) => {
  console.error(`L'atelier n'a pas pu démarrer : ${(error as Error).message}`);
  process.exit(1);
});
