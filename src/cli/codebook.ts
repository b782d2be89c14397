// `sectormap codebook validate|show|init`: check, read and start a theme codebook.
import { copyFileSync, existsSync } from "node:fs";
import { Command } from "commander";
import { DEFAULT_CODEBOOK_PATH, loadCodebook, validateCodebookFile } from "../extract/themes/index.js";
import { EXIT_FAILURES, UsageProblem, error, info, paint } from "./output.js";

export function registerCodebookCommands(program: Command): void {
  const codebook = program
    .command("codebook")
    .description("check, show or start a theme codebook (YAML: themes with terms, exclusions, regexes, proximity rules)");

  codebook
    .command("validate")
    .description("check a codebook file; every problem is reported with its line and column")
    .argument("<file>", "codebook YAML file")
    .action((file: string) => {
      if (!existsSync(file)) throw new UsageProblem(`no such file: ${file}`);
      const { ok, errors } = validateCodebookFile(file);
      if (!ok) {
        for (const e of errors) error(e);
        info(`${errors.length} problem${errors.length === 1 ? "" : "s"} in ${file}`);
        process.exitCode = EXIT_FAILURES;
        return;
      }
      const cb = loadCodebook(file);
      info(`${file}: ok (${cb.id} ${cb.version}, ${cb.themes.length} themes)`);
    });

  codebook
    .command("show")
    .description("print the themes of a codebook (the default one unless --codebook is given)")
    .option("--codebook <file>", "codebook YAML file instead of the default")
    .option("--json", "print the codebook as JSON")
    .action((o: { codebook?: string; json?: boolean }) => {
      if (o.codebook && !existsSync(o.codebook)) throw new UsageProblem(`no such file: ${o.codebook}`);
      const cb = loadCodebook(o.codebook);
      if (o.json) {
        const { matcher: _compiled, domainMatcher: _domainCompiled, generalCodes: _general, ...plain } = cb;
        process.stdout.write(JSON.stringify(plain, null, 2) + "\n");
        return;
      }
      const out = [paint.bold(`${cb.id} ${cb.version}`) + `  (${cb.path})`];
      if (cb.description) out.push(cb.description);
      out.push(`codes blocks of kind: ${cb.codeBlocks.join(", ")}`);
      if (cb.domain) {
        const forms = cb.domain.terms.reduce((n, term) => n + term.split("|").length, 0);
        out.push(`domain: ${forms} terms, at least ${cb.domain.minHits} and ${cb.domain.minPer10kWords} per 10,000 words; ` +
          `outside it only the general themes (${[...cb.generalCodes].join(", ") || "none"})`);
      }
      out.push("");
      for (const t of cb.themes) {
        const forms = t.terms.reduce((n, term) => n + term.split("|").length, 0);
        const rules = [
          `${forms} terms`,
          t.exclude.length ? `${t.exclude.length} exclusions` : "",
          t.regex.length ? `${t.regex.length} regexes` : "",
          t.near.length ? `${t.near.length} proximity rules` : "",
          t.minHits > 1 ? `min_hits ${t.minHits}` : "",
          cb.domain && t.general ? "general" : "",
        ].filter(Boolean);
        out.push(`${paint.cyan(t.code)}  ${paint.bold(t.label)}  ${paint.dim("(" + rules.join(", ") + ")")}`);
        if (t.description) out.push(`      ${t.description}`);
      }
      process.stdout.write(out.join("\n") + "\n");
    });

  codebook
    .command("init")
    .description("write a copy of the default codebook to start your own from")
    .argument("[file]", "where to write it", "codebook.yaml")
    .option("--force", "overwrite the file if it exists")
    .action((file: string, o: { force?: boolean }) => {
      if (existsSync(file) && !o.force) throw new UsageProblem(`${file} exists; use --force to overwrite it`);
      copyFileSync(DEFAULT_CODEBOOK_PATH, file);
      info(`wrote ${file}; edit it, check it with \`sectormap codebook validate ${file}\`, use it with --codebook ${file}`);
    });
}
