// Copies the server jar into the extension (server/ftls.jar) so that the .vsix carries it, with
// the launcher beside it (server/ftls: the JVM settings every way of starting ftls shares), and
// ftls' LICENSE, NOTICE and the PSF licence of the knowledge base's data beside package.json.
// Build the jar first: mvn -q -B -pl server package -DskipTests (from the repository root).
const fs = require('fs');
const path = require('path');

const root = path.resolve(__dirname, '..', '..');
const client = path.resolve(__dirname, '..');
const from = path.join(root, 'server', 'target', 'ftls.jar');
const to = path.join(client, 'server', 'ftls.jar');
if (!fs.existsSync(from)) {
  console.error(`copy-jar: ${from} is missing; build it with: mvn -q -B -pl server package -DskipTests`);
  process.exit(1);
}
fs.mkdirSync(path.dirname(to), { recursive: true });
fs.copyFileSync(from, to);
console.log(`copy-jar: ${path.relative(process.cwd(), to)} (${fs.statSync(to).size} bytes)`);
const launcher = path.join(client, 'server', 'ftls');
fs.copyFileSync(path.join(root, 'ftls'), launcher);
fs.chmodSync(launcher, 0o755);
for (const licence of ['LICENSE', 'NOTICE', path.join('server', 'kb-data', 'LICENSE-PSF.txt')]) {
  fs.copyFileSync(path.join(root, licence), path.join(client, path.basename(licence)));
}
