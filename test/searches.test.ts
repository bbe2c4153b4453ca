import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { productionStrength } from "../likelihoods/resonances/production.js";
import {
  allSearches,
  PAPER_SEARCHES,
  PRODUCTION_MECHANISMS,
  projectionDescriptors,
  readSearchDescriptors,
  type Search,
  type SearchDescriptors,
  SEARCHES_FILE,
  selectSearches,
  validateSearchDescriptors,
} from "../likelihoods/resonances/searches.js";
import { C_M_PER_S, M_ETA, M_MU, M_PHI } from "../src/constants.js";
import { couplings } from "../src/couplings/couplings.js";
import { dataDir } from "../src/data/dataDir.js";
import { UserError } from "../src/errors.js";
import { resolveModel } from "../src/models/spec.js";
import { repoPath } from "../src/paths.js";
import { STATES } from "../src/widths/calculator.js";

/**
 * The descriptors of searches.json against the way the engine used to read the DarkCast compilation's limits.tsv at
 * run time. The reference below is a copy of that reading (regular expressions over the free-text columns, plus the
 * BaBar 2016 production correction), kept here only to check that every search is described as before.
 */
const PS = 1e-12;

function lifetimeWindow(text: string): ((m: number) => number) | undefined {
  if (/t1 = 0\.08 m \/ \(c \(m_phi\^2 \+ m\^2 - m_eta\^2\)/.test(text))
    return (m) => 0.08 / (C_M_PER_S * ((M_PHI ** 2 + m * m - M_ETA ** 2) / (2 * M_PHI * m)));
  if (/t1 = 0\.08 m \/ \(c \(m_phi\^2 \+ m\^2\)/.test(text)) return (m) => 0.08 / (C_M_PER_S * ((M_PHI ** 2 + m * m) / (2 * M_PHI * m)));
  if (/t1 = 1 m \/ \(c \* 50 GeV \/ m\)/.test(text)) return (m) => 1 / (C_M_PER_S * (50 / m));
  if (/t1 = \(0\.004\/\(m - 2 m_mu\) \+ 0\.1\) ps/.test(text)) return (m) => (0.004 / (m - 2 * M_MU) + 0.1) * PS;
  if (/t1 = inf \(m<45 GeV\), 5e-12 s \(45-130 GeV\), -3\.66e-11 \+ 3\.12e-13\*m\[GeV\] s above/.test(text))
    return (m) => (m < 45 ? Number.POSITIVE_INFINITY : m <= 130 ? 5e-12 : -3.66e-11 + 3.12e-13 * m);
  return undefined;
}

function parseEfficiency(text: string): Search["efficiency"] {
  if (/^prompt/.test(text)) return { type: "prompt" };
  if (/^lifetime window/.test(text)) {
    const t1 = lifetimeWindow(text);
    if (t1) return { type: "lifetime", t1, text };
  }
  if (/^displaced: the \.lmt holds r-values/.test(text)) return { type: "displaced", text };
  const dump = /^beam[- ]dump(?:, lratio)? ([\d.]+)\/([\d.]+)/.exec(text);
  if (dump) return { type: "beamdump", ratio: Number(dump[1]) / Number(dump[2]), text };
  return { type: "unsupported", text };
}

function parseProduction(text: string): { production: string; notRecastable?: string; fractionsFile?: string } {
  if (/reference only|not a resonance search/.test(text)) return { production: text, notRecastable: text };
  if (/^pp -> X, per-mass mechanism fractions in (\S+)/.test(text)) return { production: "pp", fractionsFile: /fractions in (\S+)/.exec(text)![1] };
  if (/^e_e at the phi peak/.test(text)) return { production: "e_e" };
  if (/^phi_eta/.test(text)) return { production: "phi_eta" };
  if (/^pi0_gamma below/.test(text)) return { production: "pi0_eta_gamma" };
  return { production: text.split(/[\s(;]/)[0] };
}

const PRODUCTION_OVERRIDES: Record<string, string> = { BaBar_TheBABAR2016rlg: "mu_mu" };

/** The rows of limits.tsv (name, production, decay, efficiency, eprint). */
function referenceRows(): string[][] {
  const lines = readFileSync(join(dataDir(), "darkcast", "limits.tsv"), "utf8").split(/\r?\n/);
  expect(lines[0]).toBe("name\tproduction\tdecay\tefficiency\teprint");
  return lines.slice(1).filter((l) => l.trim()).map((l) => l.split("\t"));
}

/** The searches as the engine read them from limits.tsv. */
function referenceSearches(): Search[] {
  return referenceRows().map(([name, prod, decay, eff, eprint]) => {
    const p = parseProduction(prod);
    if (PRODUCTION_OVERRIDES[name]) p.production = PRODUCTION_OVERRIDES[name];
    const e = parseEfficiency(eff ?? "");
    const decays = decay === "none" ? [] : decay.split(",");
    const s: Search = { name, ...p, decays, efficiency: e, eprint: eprint ?? "" };
    if (!s.notRecastable && decays.length === 0) s.notRecastable = "not a resonance search (g−2 limit)";
    if (!s.notRecastable && e.type === "unsupported") s.notRecastable = `efficiency '${e.text}' is not implemented`;
    return s;
  });
}

/** Masses (GeV) at which the lifetime windows are compared: KLOE, NA48/2 and LHCb ranges, and CMS's three pieces and edges. */
const MASSES = [0.002, 0.01, 0.03, 0.1, 0.15, 0.2, 0.22, 0.3, 0.5, 0.9, 1.02, 1.5, 3, 10, 44.9, 45, 60, 129.9, 130, 130.1, 200];

const sameNumber = (a: number, b: number) => a === b || Math.abs(a - b) <= 1e-15 * Math.abs(b);

const committed = (): SearchDescriptors => JSON.parse(readFileSync(repoPath(SEARCHES_FILE), "utf8"));

describe("search descriptors (searches.json) against the old reading of limits.tsv", () => {
  const old = referenceSearches();
  const now = allSearches(dataDir());

  it("describes every search of limits.tsv, in the same order, and nothing else", () => {
    expect(now.map((s) => s.name)).toEqual(old.map((s) => s.name));
    expect(old.length).toBeGreaterThan(50);
  });

  it("keeps limits.tsv's columns verbatim in `source`", () => {
    const rows = referenceRows();
    readSearchDescriptors().searches.forEach((d, i) => {
      const [name, production, decay, efficiency, eprint] = rows[i];
      expect(d.name).toBe(name);
      expect(d.source, name).toEqual({ production, decay, efficiency });
      expect(d.eprint, name).toBe(eprint ?? "");
    });
  });

  it("gives every search the same production, decays, efficiency, eprint and recastability", () => {
    const states: readonly string[] = STATES;
    for (const [i, o] of old.entries()) {
      const n = now[i];
      const name = o.name;
      expect(n.eprint, name).toBe(o.eprint);
      expect(n.notRecastable, name).toBe(o.notRecastable);
      expect(n.fractionsFile, name).toBe(o.fractionsFile);
      if (PRODUCTION_MECHANISMS.includes(o.production) || o.production === "pp") expect(n.production, name).toBe(o.production);
      else {
        // h → XX and ν-scattering entries: the old reading kept DarkCast's free text as "production" (and as the
        // reason); the descriptor says {"other": "<the text before its parenthesis>"}. Never recastable.
        expect(o.notRecastable, name).toBe(o.production);
        expect(o.production.startsWith(n.production), `${name}: '${n.production}' vs '${o.production}'`).toBe(true);
      }
      if (o.decays.every((d) => d === "invisible" || states.includes(d))) expect(n.decays, name).toEqual(o.decays);
      else {
        // ATLAS h → XX: "lepton jets" is no decay state; the descriptor lists none (source.decay keeps the words).
        expect(o.notRecastable, name).toBeDefined();
        expect(n.decays, name).toEqual([]);
      }
      expect(n.efficiency.type, name).toBe(o.efficiency.type);
      if (o.efficiency.type === "lifetime" && n.efficiency.type === "lifetime") {
        expect(n.efficiency.text, name).toBe(o.efficiency.text); // the formula's parameters reproduce DarkCast's wording
        for (const m of MASSES) {
          const a = n.efficiency.t1(m);
          const b = o.efficiency.t1(m);
          expect(sameNumber(a, b), `${name} t1(${m}) = ${a}, was ${b}`).toBe(true);
        }
      }
      if (o.efficiency.type === "beamdump" && n.efficiency.type === "beamdump") expect(n.efficiency.ratio, name).toBe(o.efficiency.ratio);
    }
  });

  it("covers every efficiency type and window formula of limits.tsv", () => {
    const types = new Set(now.map((s) => s.efficiency.type));
    expect([...types].sort()).toEqual(["beamdump", "displaced", "lifetime", "prompt", "unsupported"]);
    const formulas = new Set(readSearchDescriptors().searches.flatMap((d) => (d.efficiency.type === "lifetime" ? [d.efficiency.t1.formula] : [])));
    expect([...formulas].sort()).toEqual(["boosted", "cmsWindow", "lhcbPrompt", "phiDecay"]);
  });

  it("carries the BaBar 2016 production correction as data, with its reason", () => {
    const d = readSearchDescriptors().searches.find((x) => x.name === "BaBar_TheBABAR2016rlg")!;
    expect(d.production).toBe("mu_mu");
    expect(d.source.production).toBe("e_e");
    expect(d.note).toMatch(/µ⁺µ⁻X.*1606\.03501/);
  });
});

describe("projections (reach.tsv)", () => {
  it("has one descriptor per projection of reach.tsv, with its columns in `source`", () => {
    const lines = readFileSync(join(dataDir(), "darkcast", "reach.tsv"), "utf8").split(/\r?\n/);
    const header = lines[0].split("\t");
    const rows = lines.slice(1).filter((l) => l.trim()).map((l) => l.split("\t"));
    const p = projectionDescriptors();
    expect(p.map((d) => d.name)).toEqual(rows.map((r) => r[0]));
    p.forEach((d, i) => {
      expect(d.projection).toBe(true);
      expect(d.source.production, d.name).toBe(rows[i][header.indexOf("production")]);
      expect(d.source.efficiency, d.name).toBe(rows[i][header.indexOf("efficiency")]);
    });
  });

  it("are not selectable", () => {
    const names = new Set(selectSearches(dataDir(), ["all"]).map((s) => s.name));
    for (const d of projectionDescriptors()) {
      expect(names.has(d.name), d.name).toBe(false);
      expect(() => selectSearches(dataDir(), [d.name]), d.name).toThrow(/unknown search/);
    }
  });
});

describe("selection", () => {
  it("'all' = every recastable search, 'paper' = the core paper's two; unknown and non-recastable names are refused", () => {
    const all = allSearches(dataDir());
    expect(selectSearches(dataDir()).map((s) => s.name)).toEqual(all.filter((s) => !s.notRecastable).map((s) => s.name));
    expect(selectSearches(dataDir(), ["paper"]).map((s) => s.name)).toEqual(PAPER_SEARCHES);
    expect(selectSearches(dataDir(), ["BaBar_Lees2014xha", "LHCb_Aaij2017rft_prompt"]).map((s) => s.name)).toEqual(["BaBar_Lees2014xha", "LHCb_Aaij2017rft_prompt"]);
    expect(() => selectSearches(dataDir(), ["Nope_2020"])).toThrow(UserError);
    expect(() => selectSearches(dataDir(), ["AMMmu_Bodas2021fsy"])).toThrow(/cannot be recast: not a resonance search/);
    expect(() => selectSearches(dataDir(), ["CMS_CMS2018rdr"])).toThrow(/cannot be recast: h -> XX/);
  });

  it("every production mechanism a descriptor may name is one of production.ts", () => {
    const c = couplings(resolveModel("B-L"), 1e-3, { eps: 1e-4 }, 0.3);
    for (const k of PRODUCTION_MECHANISMS) expect(Number.isFinite(productionStrength(k, c, 0.3)), k).toBe(true);
    expect(() => productionStrength("eta'_gamma", c, 0.3)).toThrow(/unknown production mechanism/);
  });
});

describe("the descriptor validator", () => {
  it("accepts the committed file", () => {
    expect(() => validateSearchDescriptors(committed())).not.toThrow();
  });

  /** The committed file with one entry damaged by `edit`; the error must be one UserError line naming the entry. */
  function refuses(list: "searches" | "projections", name: string, edit: (e: Record<string, unknown>) => void, message: RegExp) {
    const file = committed();
    const entry = file[list].find((e) => e.name === name) as unknown as Record<string, unknown>;
    expect(entry, name).toBeDefined();
    edit(entry);
    let error: unknown;
    try {
      validateSearchDescriptors(file);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(UserError);
    const text = (error as Error).message;
    expect(text).not.toMatch(/\n/);
    expect(text).toContain(SEARCHES_FILE);
    expect(text).toContain(`'${name}'`);
    expect(text).toMatch(message);
  }

  it("refuses an unknown production mechanism", () => {
    refuses("searches", "NA64_NA642019imj", (e) => (e.production = "e_bream"), /unknown production mechanism 'e_bream'/);
    refuses("projections", "SHiP_Ahdida2020new_dy", (e) => (e.production = { fractions: { u_u: 0.8, q_q: 0.2 } }), /unknown production mechanism 'q_q'/);
    refuses("searches", "LHCb_Aaij2017rft_prompt", (e) => (e.production = { pp: "LHCb_Aaij2017rft.lmt" }), /\.prd file/);
    refuses("searches", "BaBar_Lees2014xha", (e) => (e.production = { other: "e_e" }), /set 'notRecastable'/);
    refuses("searches", "BaBar_Lees2014xha", (e) => (e.production = { fractions: { e_e: 1 } }), /projections only/);
  });

  it("refuses an unknown decay state", () => {
    refuses("searches", "BaBar_Lees2014xha", (e) => (e.decays = ["e_e", "mumu"]), /unknown decay state 'mumu'/);
    refuses("searches", "NA64_NA642019imj", (e) => (e.decays = ["invisible", "e_e"]), /only decay/);
    refuses("searches", "BaBar_Lees2014xha", (e) => (e.decays = []), /no decays/);
  });

  it("refuses an unknown window formula, and a formula's wrong parameters", () => {
    const window = (e: Record<string, unknown>) => (e.efficiency as { t1: Record<string, unknown> }).t1;
    refuses("searches", "NA48_Batley2015lha", (e) => (window(e).formula = "boost"), /unknown window formula 'boost'/);
    refuses("searches", "NA48_Batley2015lha", (e) => delete window(e).energy_GeV, /missing parameter 'energy_GeV' of formula 'boosted'/);
    refuses("searches", "NA48_Batley2015lha", (e) => (window(e).energy = 50), /unknown parameter 'energy' of formula 'boosted'/);
    refuses("searches", "KLOE_Babusci2012cr", (e) => (window(e).recoil = "pi0"), /parameter 'recoil' .* one of eta, gamma/);
    refuses("searches", "KLOE_Babusci2014sta", (e) => (window(e).length_m = -0.08), /parameter 'length_m' .* positive/);
  });

  it("refuses unknown keys and malformed efficiencies", () => {
    refuses("searches", "BaBar_Lees2014xha", (e) => (e.decay = "e_e"), /unknown key 'decay'/);
    refuses("searches", "E137_Andreas2012mt", (e) => (e.efficiency = { type: "beamdump", decayLength: 204, shieldLength: 179, lratio: 1.1 }), /unknown key 'lratio'/);
    refuses("searches", "E137_Andreas2012mt", (e) => (e.efficiency = { type: "beamdump", decayLength: 204 }), /missing 'shieldLength'/);
    refuses("searches", "E137_Andreas2012mt", (e) => (e.efficiency = { type: "beam-dump" }), /unknown efficiency type 'beam-dump'/);
    refuses("searches", "HPS_Adrian2018scb", (e) => (e.efficiency = { type: "unsupported", why: "t0 > 0" }), /set 'notRecastable'/);
    refuses("searches", "HPS_Adrian2018scb", (e) => delete e.cite, /missing 'cite'/);
    refuses("searches", "HPS_Adrian2018scb", (e) => (e.projection = true), /projections list only/);
    refuses("projections", "APEX_Essig2010xa", (e) => delete e.projection, /"projection": true/);
  });

  it("refuses an unknown top-level key, a name that is no file stem and a name used twice", () => {
    const bad = committed();
    bad.searches[0].name = "A1 Merkel";
    expect(() => validateSearchDescriptors(bad)).toThrow(/searches\[0\] 'A1 Merkel': a name of letters, digits and _ expected/);
    expect(() => validateSearchDescriptors({ ...committed(), limits: [] })).toThrow(/unknown top-level key 'limits'/);
    const file = committed();
    file.projections[0].name = file.searches[0].name;
    expect(() => validateSearchDescriptors(file)).toThrow(new RegExp(`projections\\[0\\] '${file.searches[0].name}': the name is used twice`));
  });
});
