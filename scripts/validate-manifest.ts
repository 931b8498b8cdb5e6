/** npm run validate [-- path/to/manifest.xml]: local structural check; exits 1 on any error. */
import { readFileSync } from "node:fs";
import { checkManifest } from "./manifest-check";

const path = process.argv[2] ?? "manifest.xml";
let xml: string;
try {
  xml = readFileSync(path, "utf8");
} catch (error) {
  console.error(`Impossible de lire ${path} : ${(error as Error).message}`);
  process.exit(2);
}
const { errors, warnings } = checkManifest(xml);
for (const warning of warnings) console.warn(`avertissement : ${warning}`);
for (const error of errors) console.error(`erreur : ${error}`);
if (errors.length > 0) {
  console.error(`${path} : ${errors.length} erreur(s).`);
  process.exit(1);
}
console.log(`${path} : manifeste valide (exécution partagée, espace de noms SPASER, ressources cohérentes).`);
