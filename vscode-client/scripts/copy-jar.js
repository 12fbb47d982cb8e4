// Copies the server jar into the extension (server/ftls.jar) so that the .vsix carries it.
// Build the jar first: mvn -q -B -pl server package -DskipTests (from the repository root).
const fs = require('fs');
const path = require('path');

const from = path.resolve(__dirname, '..', '..', 'server', 'target', 'ftls.jar');
const to = path.resolve(__dirname, '..', 'server', 'ftls.jar');
if (!fs.existsSync(from)) {
  console.error(`copy-jar: ${from} is missing; build it with: mvn -q -B -pl server package -DskipTests`);
  process.exit(1);
}
fs.mkdirSync(path.dirname(to), { recursive: true });
fs.copyFileSync(from, to);
console.log(`copy-jar: ${path.relative(process.cwd(), to)} (${fs.statSync(to).size} bytes)`);
