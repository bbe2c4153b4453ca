#!/usr/bin/env node
import yargs, { type Argv } from "yargs";
import { hideBin } from "yargs/helpers";
import { setDataDir } from "../data/dataDir.js";
import { UserError } from "../errors.js";
import { couplingsCommand } from "./commands/couplings.js";
import { modelsCommand } from "./commands/models.js";
import { chi2Command } from "./commands/chi2.js";
import { coherentCommand } from "./commands/coherent.js";
import { fitCommand } from "./commands/fit.js";
import { limitsCommand } from "./commands/limits.js";
import { massBoundCommand, scanMassCommand } from "./commands/mass.js";
import { plotCommand } from "./commands/plot.js";
import { rankCommand } from "./commands/rank.js";
import { tablesCommand } from "./commands/tables.js";
import { nsiRefitCommand } from "./commands/nsiRefit.js";
import { tridentCommand } from "./commands/trident.js";
import { widthsCommand } from "./commands/widths.js";

type Handler = (args: Record<string, unknown>) => string | Promise<string>;

const model = (y: Argv, required = true) => y.option("model", { type: "string", demandOption: required, describe: "cB,ce,cmu,ctau | name (Lmu-Ltau, 3B-7Le-Lmu-Ltau) | id (V12)" });
const mixing = (y: Argv) =>
  y.option("eps", { type: "string", describe: "kinetic mixing ε" }).option("eps-ratio", { type: "string", describe: "ε·e/g_X" });

const fitOptions = (y: Argv) =>
  y.option("likelihoods", { type: "string", describe: "comma-separated Δχ² terms (default: all)" })
    .option("inputs", { type: "string", describe: "g−2 input set: paper2022 (default) or 2025" })
    .option("searches", { type: "string", describe: "resonance searches (comma-separated limit-file names)" });

/** Build the CLI; `out` receives the whole result once it is complete. */
export function buildCli(argv: string[], out: (s: string) => void) {
  const run = (h: Handler) => async (args: Record<string, unknown>) => {
    if (args["data-dir"] !== undefined) setDataDir(String(args["data-dir"]));
    out(await h(args));
  };
  return yargs(argv)
    .scriptName("u1x")
    .usage("$0 <command> [options]\n\nGlobal fits of light U(1)_X gauge bosons to (g-2)_µ and its constraints (Greljo, Stangl, Thomsen, Zupan 2022).")
    .option("format", { type: "string", default: "table", describe: "table | json | csv | md | latex" })
    .option("data-dir", { type: "string", describe: "experimental data directory (default ../shared/data, or $U1X_DATA_DIR)" })
    .option("max-charge", { type: "number", default: 10, describe: "charge bound of the catalogue" })
    .command("models", "list the anomaly-free U(1)_X models (section 2.2)", (y) =>
      y.option("category", { type: "string", choices: ["vector", "chiral"] }), run((a) => modelsCommand(a as never)))
    .command("couplings", "effective couplings of X to SM fermions (eq. 2.2, 3.10)", (y) =>
      mixing(model(y)).option("g", { type: "string", describe: "g_X (omit for charges per unit g_X)" }).option("mx", { type: "string", describe: "m_X (GeV or with unit) for X–Z mixing" }),
      run((a) => couplingsCommand(a as never)))
    .command("widths", "partial widths and branching ratios of X", (y) =>
      mixing(model(y)).option("mx", { type: "string", demandOption: true }).option("g", { type: "string", demandOption: true }),
      run((a) => widthsCommand(a as never)))
    .command("chi2", "Δχ² of eq. (B.1) at one point, with terms and observables", (y) =>
      fitOptions(mixing(model(y)).option("mx", { type: "string", demandOption: true }).option("g", { type: "string", demandOption: true })),
      run((a) => chi2Command(a as never)))
    .command("nsi-refit", "refit the NSI χ² parameters to Table 2 (eq. A.15)", (y) =>
      y.option("write", { type: "boolean", describe: "store the result in fits/nsi-refit/result.json" })
        .option("seed", { type: "string" }).option("starts", { type: "string" })
        .option("table3", { type: "boolean", describe: "evaluate Table 3 as printed (ρ_µτ regularised) instead" }),
      run((a) => nsiRefitCommand(a as never)))
    .command("coherent", "COHERENT CsI: expected and observed counts per bin with the profiled pulls", (y) =>
      mixing(model(y)).option("mx", { type: "string", demandOption: true }).option("g", { type: "string", demandOption: true }),
      run((a) => coherentCommand(a as never)))
    .command("trident", "CCFR trident σ/σ_SM at one point (equivalent-photon kernel and EFT), or --rebuild the kernel", (y) =>
      mixing(model(y, false)).option("mx", { type: "string" }).option("g", { type: "string" })
        .option("rebuild", { type: "boolean", describe: "recompute the equivalent-photon kernel" })
        .option("write", { type: "boolean", describe: "with --rebuild: store it in likelihoods/trident/kernel.json" })
        .option("energy", { type: "string", describe: "with --rebuild: neutrino energies, comma-separated (default 160GeV)" }),
      run((a) => tridentCommand(a as never)))
    .command("fit", "profile one model over (g_X, ε) at m_X", (y) => fitOptions(model(y)).option("mx", { type: "string", demandOption: true }), run((a) => fitCommand(a as never)))
    .command("rank", "Table 1: all vector-like models profiled at m_X, sorted by Δχ²", (y) =>
      fitOptions(y).option("mx", { type: "string" }).option("top", { type: "string" }).option("threads", { type: "string" })
        .option("intervals", { type: "boolean", describe: "also compute the Δχ² = 1 intervals" })
        .option("profile-mass", { type: "boolean", describe: "profile m_X too, over [--from, --to]" }).option("from", { type: "string" }).option("to", { type: "string" }),
      run((a) => rankCommand(a as never)))
    .command("tables", "regenerate Table 1 (both input sets), the NSI refit table and the Fig. 4 series", (y) =>
      y.option("out", { type: "string", demandOption: true }).option("threads", { type: "string" }),
      run((a) => tablesCommand(a as never)))
    .command("mass-bound", "Fig. 1: the generic upper bound on m_X from (g-2) + CCFR + T", (y) =>
      y.option("from", { type: "string" }).option("to", { type: "string" }).option("points", { type: "string" }).option("inputs", { type: "string" })
        .option("trident", { type: "string", describe: "eft (eq. 3.21, as Fig. 1) or kernel (equivalent photon with the X propagator)" }),
      run((a) => massBoundCommand(a as never)))
    .command("scan-mass", "profile one model over (g_X, ε) at each m_X", (y) =>
      fitOptions(model(y)).option("from", { type: "string" }).option("to", { type: "string" }).option("points", { type: "string" }),
      run((a) => scanMassCommand(a as never)))
    .command("plot <figure>", "write a paper-style figure as SVG: mass-bound (Fig. 1), alpha-r (Fig. 2), fig4, exclusion (Figs. 3, 5, 6), scan-mass", (y) =>
      fitOptions(y.positional("figure", { type: "string", demandOption: true })).option("eps-ratio", { type: "string" })
        .option("out", { type: "string", demandOption: true }).option("model", { type: "string" }).option("ranking", { type: "string", describe: "ranking JSON (fig4, alpha-r)" })
        .option("from", { type: "string" }).option("to", { type: "string" }).option("points", { type: "string" }),
      run((a) => plotCommand(a as never)))
    .command("limits", "recast resonance-search limits on g_X (DarkCast method)", (y) =>
      mixing(model(y)).option("mx", { type: "string" }).option("searches", { type: "string", describe: "limit-file names, comma-separated (default: all recastable)" })
        .option("scan", { type: "string", describe: "mass range LO:HI, e.g. 10MeV:4GeV" }).option("points", { type: "string" }),
      run((a) => limitsCommand(a as never)))
    .demandCommand(1, "give a command (u1x --help lists them)")
    .strict()
    .help()
    .version(false)
    .fail((msg, err) => {
      throw err ?? new UserError(msg);
    });
}

export async function main(argv: string[]): Promise<number> {
  let output = "";
  try {
    await buildCli(argv, (s) => {
      output += s;
    }).parseAsync();
  } catch (e) {
    const err = e as Error;
    const msg = (err?.message ?? String(e)).split("\n")[0];
    process.stderr.write(`u1x: ${err instanceof UserError ? "" : "error: "}${msg}\n`);
    return err instanceof UserError ? 1 : 2;
  }
  process.stdout.write(output);
  return 0;
}

const isEntry = process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href;
if (isEntry || process.argv[1]?.endsWith("/u1x")) main(hideBin(process.argv)).then((code) => {
  process.exitCode = code;
});
