/**
 * npm run workbench [-- --port 3000]: builds the add-in and serves it over plain http on localhost so a
 * browser can open the task pane without Excel (it shows its "open in Excel" state until the workbench
 * page lands).
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
  console.log("Construction du complément…");
  execFileSync("npx", ["webpack", "--mode", "development", "--env", `outputPath=${outputPath}`], {
    cwd: root,
    stdio: ["ignore", "ignore", "inherit"],
  });
  await serveStatic(join(root, outputPath), port, "localhost");
  console.log(`Atelier SPASER prêt : http://localhost:${port}/taskpane.html`);
}

main().catch((error: unknown) => {
  console.error(`L'atelier n'a pas pu démarrer : ${(error as Error).message}`);
  process.exit(1);
});
