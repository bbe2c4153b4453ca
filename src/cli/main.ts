#!/usr/bin/env node
import { readFileSync } from "node:fs";
import type { Argv } from "yargs";
import { setDataDir } from "../data/dataDir.js";
import { UserError } from "../errors.js";
import { DEFAULT_LIKELIHOODS } from "../likelihood/defaults.js";
import { repoPath } from "../paths.js";
import { parseInteger } from "../units.js";

type Handler = (args: Record<string, unknown>) => string | Promise<string>;

/** u1x's version, from package.json (read only when asked for). */
const version = (): string => JSON.parse(readFileSync(repoPath("package.json"), "utf8")).version;

// Option builders: every option says what it takes and its default.
const str = (describe: string, demandOption = false) => ({
  type: "string" as const,
  describe: demandOption || /default|required/.test(describe) ? describe : `${describe} (default: none)`,
  demandOption,
});
const model = (y: Argv, required = true) =>
  y.option("model", str("the model: cB,ce,cmu,ctau (charges exactly as typed, quark charge cB/3), a name (Lmu-Ltau, B-L, 3B-7Le-Lmu-Ltau), or a catalogue id (V12, C3; catalogue normalisation)", required));
const mixing = (y: Argv) =>
  y.option("eps", str("kinetic mixing ε: the coefficient of e·Q_f in the X current (eq. 2.2, DarkCast's ε), or 'loop' for the mixing the model's charged fermions induce (core eq. 5.5); --eps or --eps-ratio is required unless the model file sets kineticMixing"))
    .option("eps-ratio", str("kinetic mixing as ε·e/g_X (Table 1's column); --eps or --eps-ratio is required"));
const mass = (y: Argv, required = true) => y.option("mx", str("m_X in GeV or with a case-sensitive unit: 200MeV, 1.5GeV (meV is milli-eV)", required));
const coupling = (y: Argv) => y.option("g", str("the gauge coupling g_X, 0 < g_X ≤ √(4π) (required, except for DarkPhoton)"));
const neutrinos = (y: Argv) =>
  y.option("neutrinos", { type: "string", default: "left", describe: "invisible widths: left (Γ(X→νν̄) = g²x²m/24π per flavour; core paper, DarkCast ≤ 2.0) or dirac (g²x²m/12π, DarkCast 2.1)" });
const terms = (y: Argv) =>
  neutrinos(
    y.option("likelihoods", str(`comma-separated Δχ² terms, or all (adds trident, ew) (default: ${DEFAULT_LIKELIHOODS.join(",")}, eq. B.1)`))
      .option("preset", str("paper2022 (default: eq. B.1 with CsI 2017 and the 2021 g−2) or current (g−2 2025, COHERENT CsI 2021 + argon, every search, trident, EW); --likelihoods and --inputs override it"))
      .option("inputs", str("measurement set: paper2022 (default) or 2025 (the g−2), or a set of --inputs-file; u1x inputs lists them"))
      .option("inputs-file", str("your own measurement sets, JSON (README, \"Measurements\"); with one set it is selected"))
      .option("searches", str("resonance searches of the veto: all recastable (default), paper (NA64 2019 + BaBar 2014, the core paper's), or limit-file names, comma-separated")),
  );
const range = (y: Argv, from: string, to: string, points?: string) => {
  const r = y.option("from", str(`lower end of the mass range (default ${from})`)).option("to", str(`upper end of the mass range (default ${to})`));
  return points === undefined ? r : r.option("points", str(`number of log-spaced masses (default ${points})`));
};
const threads = (y: Argv) => y.option("threads", str("worker threads (default: the machine's cores; results do not depend on it)"));
/** Sharding and resuming of jobs (src/jobs): README, "Scans on a cluster". */
const shards = (y: Argv) =>
  y
    .option("shard", str("run only shard i of N (i/N, 0 ≤ i < N; items dealt round-robin) and print its results as JSON Lines for 'u1x merge' (default: the whole job)"))
    .option("resume", str("keep the results in this JSON Lines file as they finish, skip those it already holds, and append the rest (default: none)"));

/** The options that take no value. */
const BOOLEAN_FLAGS = new Set(["write", "table3", "rebuild", "intervals", "profile-mass", "profile-eps", "help", "version"]);

/**
 * Join a value that starts with "-" to its option ("--g -1e-3" → "--g=-1e-3", "--model -B+L" → "--model=-B+L"),
 * which yargs would otherwise read as flags. A flag that takes no value is never joined, so "--table3 -5" stays an
 * error rather than turning the flag off.
 */
export function joinNegativeValues(argv: readonly string[]): string[] {
  const out: string[] = [];
  for (const tok of argv) {
    const prev = out[out.length - 1];
    const name = prev === undefined ? undefined : /^--?([a-zA-Z][\w-]*)$/.exec(prev)?.[1];
    if (name !== undefined && !BOOLEAN_FLAGS.has(name) && /^-[^-]/.test(tok)) out[out.length - 1] = `${prev}=${tok}`;
    else out.push(tok);
  }
  return out;
}

/** One command: its yargs spelling, its one-line description, its options and its handler. */
interface Command {
  cmd: string;
  describe: string;
  builder: (y: Argv) => Argv;
  handler: Handler;
}

/** Every command, in the order `u1x --help` lists them; each handler imports its module when it runs. */
const COMMANDS: readonly Command[] = ((list: Command[]) => {
  const table = {
    command(cmd: string, describe: string, builder: (y: Argv) => Argv, handler: Handler) {
      list.push({ cmd, describe, builder, handler });
      return table;
    },
  };
  table
  .command("models", "list the anomaly-free U(1)_X models (section 2.2)", (y) =>
      y.option("category", str("vector or chiral (default: both)")), async (a) => (await import("./commands/models.js")).modelsCommand(a as never))
  .command("inputs", "the measurement sets of every term (value, error, source), and those of --inputs-file", (y) =>
      y.option("inputs-file", str("your own measurement sets, JSON (README, \"Measurements\")")), async (a) => (await import("./commands/inputs.js")).inputsCommand(a as never))
  .command("couplings", "effective couplings of X to SM fermions (eq. 2.2, 3.10)", (y) =>
      mixing(model(y)).option("g", str("g_X (default: none, couplings per unit g_X, which needs --eps-ratio)")).option("mx", str("m_X for X–Z mixing (default: none, m_X → 0)")),
      async (a) => (await import("./commands/couplings.js")).couplingsCommand(a as never))
  .command("widths", "partial widths and branching ratios of X", (y) => neutrinos(coupling(mass(mixing(model(y))))), async (a) => (await import("./commands/widths.js")).widthsCommand(a as never))
  .command("chi2", "Δχ² of eq. (B.1) at one point, with terms and observables", (y) => terms(coupling(mass(mixing(model(y))))), async (a) => (await import("./commands/chi2.js")).chi2Command(a as never))
  .command("nsi-refit", "refit the NSI χ² parameters to Table 2 (eq. A.15)", (y) =>
      y.option("write", { type: "boolean", describe: "store the result in fits/nsi-refit/result.json, where the NSI likelihood reads it (default: no)" })
        .option("out", str("write the result document to this file instead (the same content as --write)"))
        .option("seed", str("seed of the random starts (default: the recipe's, fits/nsi-refit/recipe.json)"))
        .option("starts", str("number of random starts, a positive integer (default: the recipe's)"))
        .option("table3", { type: "boolean", describe: "evaluate Table 3 as printed (ρ_µτ regularised) instead (default: no)" }),
      async (a) => (await import("./commands/nsiRefit.js")).nsiRefitCommand(a as never))
  .command("coherent", "COHERENT CsI: expected and observed counts per bin with the profiled pulls", (y) => coupling(mass(mixing(model(y)))), async (a) => (await import("./commands/coherent.js")).coherentCommand(a as never))
  .command("trident", "CCFR trident σ/σ_SM at one point (equivalent-photon kernel and EFT), or --rebuild the kernel", (y) =>
      coupling(mass(mixing(model(y, false)), false))
        .option("rebuild", { type: "boolean", describe: "recompute the equivalent-photon kernel (default: no)" })
        .option("write", { type: "boolean", describe: "with --rebuild: store it in likelihoods/trident/kernel.json (default: no)" })
        .option("energy", str("with --rebuild: neutrino energies, comma-separated (default 160GeV)")),
      async (a) => (await import("./commands/trident.js")).tridentCommand(a as never))
  .command("fit", "profile one model over (g_X, ε) at m_X", (y) => terms(mass(model(y))), async (a) => (await import("./commands/fit.js")).fitCommand(a as never))
  .command("rank", "every vector-like (or chiral) model profiled at m_X (Table 1), or with m_X profiled too, sorted by Δχ²", (y) =>
      shards(threads(range(terms(mass(y, false)), "10MeV", "4GeV")))
        .option("category", str("vector (Table 1) or chiral (section 5; default terms add apv, ae, texono, charm2, trident) (default: vector)"))
        .option("top", str("show only the best N rows (default: all)"))
        .option("intervals", { type: "boolean", describe: "also compute the Δχ² = 1 intervals (default: no)" })
        .option("profile-mass", { type: "boolean", describe: "profile m_X too, over [--from, --to] (default: no; not with --mx)" }),
      async (a) => (await import("./commands/rank.js")).rankCommand(a as never))
  .command("tables", "regenerate Table 1 (both input sets), the NSI refit table, the Fig. 4 series, the mass scans and the figures", (y) =>
      threads(y.option("out", str("output directory (created if needed)", true))), async (a) => (await import("./commands/tables.js")).tablesCommand(a as never))
  .command("mass-bound", "Fig. 1: the generic upper bound on m_X from (g-2) + CCFR + T", (y) =>
      range(y, "1GeV", "300GeV", "40").option("inputs", str("measurement set: paper2022 (default) or 2025"))
        .option("inputs-file", str("your own measurement sets, JSON (README, \"Measurements\")"))
        .option("trident", str("eft (eq. 3.21, as Fig. 1; default) or kernel (equivalent photon with the X propagator)")),
      async (a) => (await import("./commands/mass.js")).massBoundCommand(a as never))
  .command("scan-mass", "profile one model over (g_X, ε) at each m_X", (y) =>
      shards(range(terms(model(y)), "10MeV", "4GeV", "30")).option("threads", str("worker threads (default: 1; results do not depend on it)")), async (a) => (await import("./commands/mass.js")).scanMassCommand(a as never))
  .command("alpha-r-map", "Fig. 2 as a map: every (α, R) of eq. (4.4) on a grid profiled over (g_X, ε) at m_X", (y) =>
      shards(threads(terms(y)))
        .option("mx", str("m_X in GeV or with a unit (default: 200MeV, as Fig. 2)"))
        .option("alpha", str("α range FROM:TO in radians (default: −π:π)"))
        .option("r-max", str("largest R; the radial grid is uniform in R below 1 and in log10 R above, as Fig. 2 (default: 100)"))
        .option("grid", str("points in α times points in R, NxM (default: 100x100)")),
      async (a) => (await import("./commands/alphaRMap.js")).alphaRMapCommand(a as never))
  .command("merge <files..>", "the output of a sharded command (rank, scan-mass, exclusion, alpha-r-map) from its shard files", (y) =>
      y.positional("files", { type: "string", array: true, demandOption: true, describe: "JSON Lines shard files (--shard i/N output or --resume FILE)" }),
      async (a) => (await import("./commands/merge.js")).mergeCommand(a as never))
  .command("plot <figure>", "write a paper-style figure as SVG: mass-bound (Fig. 1), alpha-r (Fig. 2), fig4, exclusion (Figs. 3, 5, 6), scan-mass, fig41 (Coy & Xu), bernal-farzan-fig1, bernal-farzan-fig2", (y) =>
      range(terms(model(y.positional("figure", { type: "string", demandOption: true, describe: "mass-bound, alpha-r, fig4, exclusion, scan-mass, fig41, bernal-farzan-fig1 or bernal-farzan-fig2" }), false)), "1GeV for mass-bound, 10MeV otherwise", "300GeV for mass-bound, 1GeV for exclusion, 4GeV for scan-mass", "40; 30 for exclusion in tables")
        .option("eps-ratio", str("ε·e/g_X of the exclusion plane"))
        .option("eps", str("'loop' for the model's loop-induced ε·e/g_X (exclusion)"))
        .option("out", str("the SVG file to write", true))
        .option("ranking", str("ranking JSON for fig4 and alpha-r (the output of rank --format json, or fits/tables/table1-200MeV.json)"))
        .option("map", str("alpha-r: draw the map of 'alpha-r-map --format json' (or fits/tables/fig2-map-*.json, whole plane and zoom) under the models (default: none)")),
      async (a) => (await import("./commands/plot.js")).plotCommand(a as never))
  .command("limits", "recast resonance-search limits on g_X (DarkCast method)", (y) =>
      neutrinos(mass(mixing(model(y)), false))
        .option("g", str("also evaluate each search at this g_X: the signal ratio S and whether it excludes (default: none)"))
        .option("searches", str("limit-file names, comma-separated, paper, or all (default: all recastable)"))
        .option("scan", str("a mass range LO:HI, e.g. 10MeV:4GeV, instead of --mx"))
        .option("points", str("with --scan: number of log-spaced masses (default 50)")),
      async (a) => (await import("./commands/limits.js")).limitsCommand(a as never))
  .command("exclusion", "upper limits on g_X at each m_X, per term and combined, with the g−2 band (issue #16)", (y) =>
      shards(threads(range(terms(mixing(model(y))), "10MeV", "4GeV", "30")))
        .option("profile-eps", { type: "boolean", describe: "profile ε at each g_X over |ε| ≤ 0.5 instead of fixing it (default: no; not with --eps or --eps-ratio)" })
        .option("cl", str("confidence level in percent, 50 < CL < 100 (default 95)"))
        .option("plot", str("also draw the limits as a figure, FILE.svg or FILE.png (default: none)"))
        .epilogue(
          "Test statistic: the one-sided profile-likelihood ratio for an upper limit, q(g) = Δχ²(g) − Δχ²(ĝ) for g ≥ ĝ and 0 below, " +
            "ĝ ≥ 0 the best fit along the scan (Cowan, Cranmer, Gross, Vitells, EPJC 71 (2011) 1554, q_µ). Asymptotically p = 1 − Φ(√q), " +
            "so g is excluded where q ≥ (Φ⁻¹(CL))² (2.71 at 95%). One-sided because an upper limit tests g only against smaller couplings: " +
            "data that prefer g > 0 never exclude the couplings below their best fit. Default terms: the preset's (eq. B.1 without one) plus " +
            "trident, ew, apv, ae, texono, charm2. g_max is the lower edge of the excluded region that reaches the scan's ceiling (g_X = 1, " +
            "or |ε| = 0.5); excluded windows below it (beam dumps) are islands. A term outside its mass range is skipped there (null).",
        ),
      async (a) => (await import("./commands/exclusion.js")).exclusionCommand(a as never))
  .command("reach", "projected reach of future searches (reach.tsv), recast like limits; never part of a Δχ²", (y) =>
      neutrinos(mass(mixing(model(y)), false))
        .option("g", str("also evaluate each projection at this g_X: the signal ratio S and whether it would exclude (default: none)"))
        .option("searches", str("projection names of reach.tsv, comma-separated, or all (default: all recastable)"))
        .option("scan", str("a mass range LO:HI, e.g. 10MeV:4GeV, instead of --mx"))
        .option("points", str("with --scan: number of log-spaced masses (default 50)")),
      async (a) => (await import("./commands/limits.js")).reachCommand(a as never));
  return list;
})([]);

/** The options every command takes (buildCli's global options; help and version aside). */
const globalOptions = (y: Argv) =>
  y
    .option("format", str("output format: table (default), json, csv, md or latex, where the command supports it"))
    .option("data-dir", str("experimental data directory (default: ../shared/data next to the repository, or $U1X_DATA_DIR)"))
    .option("max-charge", { type: "string", default: "10", describe: "charge bound |x| of the model catalogue (1–30)" });

/** Check the arguments every command shares, then run the command; `out` receives its whole result. */
const runner = (h: Handler, out: (s: string) => void) => async (args: Record<string, unknown>) => {
  for (const [k, v] of Object.entries(args))
    if (k !== "_" && k !== "files" && Array.isArray(v)) throw new UserError(`--${k.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)} is given more than once`);
  if (args["data-dir"] !== undefined) setDataDir(String(args["data-dir"]));
  args.maxCharge = parseInteger(args.maxCharge, "--max-charge");
  if ((args.maxCharge as number) > 30) throw new UserError(`--max-charge: at most 30, got ${args.maxCharge}`);
  out(await h(args));
};

/**
 * Build the CLI on yargs (`u1x --help`, every error message); `run` turns a command's handler into the one yargs
 * calls with the parsed arguments.
 */
export function buildCli(yargs: typeof import("yargs").default, argv: readonly string[], run: (h: Handler) => (args: Record<string, unknown>) => Promise<void>) {
  let y = globalOptions(
    yargs(joinNegativeValues(argv))
      .scriptName("u1x")
      .usage("$0 <command> [options]\n\nGlobal fits of light U(1)_X gauge bosons to (g-2)_µ and its constraints (Greljo, Stangl, Thomsen, Zupan 2022)."),
  );
  for (const c of COMMANDS) y = y.command(c.cmd, c.describe, c.builder, run(c.handler));
  return y
    .demandCommand(1, "give a command (u1x --help lists them)")
    .strict()
    .help()
    .version(version())
    .fail((msg, err) => {
      throw err ?? new UserError(msg);
    });
}

/** What the option builders declare, recorded without yargs: the type, the default and whether it is required. */
interface OptionSpec {
  type?: string;
  default?: unknown;
  demandOption?: boolean;
}

/** The options of a command (the global ones included), or undefined for a command with positional arguments. */
function optionSpecs(c: Command): Map<string, OptionSpec> | undefined {
  const specs = new Map<string, OptionSpec>();
  let positional = false;
  const recorder = {
    option(name: string, spec: OptionSpec) {
      specs.set(name, spec);
      return recorder;
    },
    positional() {
      positional = true;
      return recorder;
    },
    epilogue: () => recorder,
  };
  c.builder(globalOptions(recorder as unknown as Argv));
  return positional ? undefined : specs;
}

/**
 * The arguments yargs would hand a command's handler, parsed without loading yargs (its import alone is a third of
 * the 0.1 s start-up budget of issue #19), or undefined whenever the command line is anything but the plain case:
 * a command without positionals followed only by its own `--name value`, `--name=value` and `--flag` options, each
 * once, the required ones present. Everything else (help, version, errors, short or repeated options, positionals)
 * goes to yargs, which stays the reference for the CLI's behaviour; test/startup.test.ts checks that both give
 * the same arguments.
 */
export function fastArgs(argv: readonly string[]): { command: Command; args: Record<string, unknown> } | undefined {
  const [name, ...rest] = joinNegativeValues(argv);
  const command = COMMANDS.find((c) => c.cmd === name);
  const specs = command && optionSpecs(command);
  if (!command || !specs) return undefined;
  const args: Record<string, unknown> = { _: [name] };
  for (let i = 0; i < rest.length; i++) {
    const m = /^--([a-z][a-z0-9]*(?:-[a-z0-9]+)*)(?:=([\s\S]*))?$/.exec(rest[i]);
    const spec = m && specs.get(m[1]);
    if (!m || !spec || m[1] in args) return undefined;
    const key = m[1];
    if (spec.type === "boolean") {
      if (m[2] !== undefined) return undefined;
      args[key] = true;
    } else if (spec.type === "string") {
      const value = m[2] ?? rest[++i];
      if (value === undefined || value === "" || (m[2] === undefined && value.startsWith("-"))) return undefined;
      args[key] = value;
    } else return undefined;
  }
  for (const [key, spec] of specs) {
    if (key in args) continue;
    if (spec.demandOption) return undefined;
    if (spec.default !== undefined) args[key] = spec.default;
  }
  for (const key of Object.keys(args)) if (key.includes("-")) args[key.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase())] = args[key];
  args.$0 = "u1x";
  return { command, args };
}

export async function main(argv: string[]): Promise<number> {
  let output = "";
  const out = (s: string) => {
    output += s;
  };
  try {
    if (argv.length === 1 && argv[0] === "--version") out(`${version()}\n`);
    else {
      const fast = fastArgs(argv);
      if (fast) await runner(fast.command.handler, out)(fast.args);
      else {
        const { default: yargs } = await import("yargs");
        await buildCli(yargs, argv, (h) => runner(h, out)).parseAsync();
      }
    }
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
if (isEntry || process.argv[1]?.endsWith("/u1x")) main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
