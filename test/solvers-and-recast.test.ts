import { readFileSync } from "node:fs";
import { join } from "node:path";
import { CholeskyDecomposition, inverse, Matrix } from "ml-matrix";
import { describe, expect, it } from "vitest";
import { TABLE2, TABLE3 } from "../likelihoods/nsi/inputs.js";
import { committedParameters } from "../likelihoods/nsi/parameters.js";
import { isExpectedLmFailure, residualCount, residuals } from "../likelihoods/nsi/refit.js";
import { ppFractions, RecastAtMass } from "../likelihoods/resonances/recast.js";
import { allSearches, loadFractions, selectSearches } from "../likelihoods/resonances/searches.js";
import { couplings } from "../src/couplings/couplings.js";
import { dataDir } from "../src/data/dataDir.js";
import { NonFiniteError, SolverError } from "../src/errors.js";
import { type Model, vectorModel } from "../src/models/model.js";
import { integrate, integrateReport } from "../src/numerics/integrate.js";
import { brentMinimize } from "../src/numerics/minimize1d.js";
import { nelderMead } from "../src/numerics/nelderMead.js";
import { brent, brentRoot } from "../src/numerics/roots.js";
import { loadHadronicTables } from "../src/widths/vmd.js";

/** Rosenbrock's function, minimum 0 at (1, 1) (H.H. Rosenbrock, Comput. J. 3 (1960) 175). */
const rosenbrock = (x: number[]) => 100 * (x[1] - x[0] ** 2) ** 2 + (1 - x[0]) ** 2;

/** The Dottie number, the root of cos x = x (OEIS A003957). */
const DOTTIE = 0.7390851332151607;

/** ∫_0^1 sin(1/x) dx = sin 1 − Ci(1) (substitute t = 1/x; Ci(1) = 0.3374039229009681, Abramowitz–Stegun 5.2.2, table 5.1). */
const SIN_INV_INTEGRAL = Math.sin(1) - 0.3374039229009681;

describe("solvers: NaN is an error naming the point, +Infinity is out of domain", () => {
  it("nelderMead: a NaN objective (0·√ of a negative number is NaN, IEEE 754) throws a one-line NonFiniteError naming the point", () => {
    // The minimum (1, 0) lies beyond x0 = 0.5, where the objective is NaN: the simplex must step there.
    const f = (x: number[]) => (x[0] - 1) ** 2 + x[1] ** 2 + 0 * Math.sqrt(0.5 - x[0]);
    let err: unknown;
    try {
      nelderMead(f, [0, 0]);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(NonFiniteError);
    const e = err as NonFiniteError;
    expect(e.message).toMatch(/^non-finite value \(NaN\) from the objective of nelderMead at x0 = [-\d.e]+, x1 = [-\d.e]+$/);
    expect(e.point.x0).toBeGreaterThan(0.5);
    expect(f([e.point.x0, e.point.x1])).toBeNaN();
    // Named coordinates and objective.
    expect(() => nelderMead(f, [0, 0], { what: "test objective", names: ["a", "b"] })).toThrow(/from test objective at a = .*, b = /);
  });

  it("nelderMead: −Infinity is an error too, +Infinity marks points outside the domain", () => {
    expect(() => nelderMead((x) => (x[0] > 0.5 ? Number.NEGATIVE_INFINITY : (x[0] - 1) ** 2), [0])).toThrow(NonFiniteError);
    // Constrained minimum of (x − 1)² on x ≤ 0.5: x = 0.5, f = 0.25.
    const r = nelderMead((x) => (x[0] > 0.5 ? Number.POSITIVE_INFINITY : (x[0] - 1) ** 2), [0]);
    expect(r.x[0]).toBeLessThanOrEqual(0.5);
    expect(r.x[0]).toBeCloseTo(0.5, 6);
    expect(r.fx).toBeCloseTo(0.25, 6);
  });

  it("brentRoot / brent: NaN from f throws naming x; brentMinimize likewise", () => {
    expect(() => brent((x) => (x < 0.5 ? -1 : Math.sqrt(-x)), 0, 1)).toThrow(/non-finite value \(NaN\) from the function of the Brent root finder at x = /);
    expect(() => brentMinimize((x) => (x > 2.5 ? Number.NaN : (x - 3) ** 2), 0, 5)).toThrow(/non-finite value \(NaN\) from the objective of the Brent minimiser at x = /);
  });

  it("integrate: a NaN integrand (√ of a negative number) throws naming the node", () => {
    expect(() => integrate((x) => Math.sqrt(x - 0.5), 0, 1)).toThrow(NonFiniteError);
    expect(() => integrate((x) => Math.sqrt(x - 0.5), 0, 1)).toThrow(/non-finite value \(NaN\) from the integrand of integrate on \[0, 1\] at x = 0\.[0-4]/);
  });
});

describe("solvers: converged on easy problems, caps reported", () => {
  it("nelderMead: Rosenbrock's minimum (1, 1) converged; 20 evaluations are not enough", () => {
    const ok = nelderMead(rosenbrock, [-1.2, 1], { maxEvaluations: 5000 });
    expect(ok.converged).toBe(true);
    expect(ok.x[0]).toBeCloseTo(1, 4);
    expect(ok.x[1]).toBeCloseTo(1, 4);
    const capped = nelderMead(rosenbrock, [-1.2, 1], { maxEvaluations: 20 });
    expect(capped.converged).toBe(false);
  });

  it("brentRoot: the Dottie number converged; 2 iterations at tol 1e-15 are reported, and brent throws a SolverError", () => {
    const f = (x: number) => Math.cos(x) - x;
    const ok = brentRoot(f, 0, 1);
    expect(ok.converged).toBe(true);
    expect(ok.x).toBeCloseTo(DOTTIE, 11);
    expect(brent(f, 0, 1)).toBeCloseTo(DOTTIE, 11);
    const capped = brentRoot(f, 0, 1, 1e-15, 2);
    expect(capped.converged).toBe(false);
    expect(capped.iterations).toBe(2);
    let err: unknown;
    try {
      brent(f, 0, 1, 1e-15, 2);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(SolverError);
    expect((err as Error).message).toMatch(/^Brent root finder: not converged on \[0, 1\] to tol 1e-15 within 2 iterations/);
    expect((err as Error).message).not.toContain("\n");
  });

  it("brentMinimize: the minimum of −sin on [0, 3] is π/2 (converged); 3 iterations at tol 1e-10 are reported", () => {
    const ok = brentMinimize((x) => -Math.sin(x), 0, 3, 1e-10);
    expect(ok.converged).toBe(true);
    // A minimum's abscissa is fixed only to ~√ε_machine ≈ 1.5e-8 (f is flat there to double precision).
    expect(ok.x).toBeCloseTo(Math.PI / 2, 7);
    expect(ok.fx).toBeCloseTo(-1, 12);
    expect(brentMinimize((x) => -Math.sin(x), 0, 3, 1e-10, 3).converged).toBe(false);
  });

  it("integrateReport: ∫_0^π sin = 2 converged; ∫_0^1 sin(1/x) (infinitely many oscillations) is capped, and integrate throws a SolverError", () => {
    const ok = integrateReport(Math.sin, 0, Math.PI);
    expect(ok.converged).toBe(true);
    expect(ok.value).toBeCloseTo(2, 12);
    expect(integrate(Math.sin, 0, Math.PI)).toBeCloseTo(2, 12);
    const g = (x: number) => Math.sin(1 / x);
    const capped = integrateReport(g, 0, 1);
    expect(capped.converged).toBe(false);
    expect(capped.intervals).toBe(2000);
    expect(capped.value).toBeCloseTo(SIN_INV_INTEGRAL, 3);
    // The same integrand converges on [0.1, 1], where it oscillates a few times only.
    expect(integrateReport(g, 0.1, 1).converged).toBe(true);
    expect(() => integrate(g, 0, 1)).toThrow(SolverError);
    expect(() => integrate(g, 0, 1)).toThrow(/^adaptive Gauss–Kronrod integration: not converged on \[0, 1\] to rtol 1e-10 within 2000 subintervals/);
  });
});

describe("NSI refit residuals", () => {
  it("have one entry per Table 2 bound and quoted minimum (10 + 9 = 19: the paper's Table 2 has one N/A minimum) on both paths", () => {
    expect(TABLE2).toHaveLength(10);
    expect(residualCount()).toBe(19);
    const normal = residuals(committedParameters());
    // Table 3 as printed has an indefinite covariance (test/nsi.test.ts): the failure path.
    const failure = residuals(TABLE3);
    expect(normal).toHaveLength(19);
    expect(failure).toHaveLength(19);
    expect(failure.every(Number.isFinite)).toBe(true);
    expect(normal.every(Number.isFinite)).toBe(true);
  });

  it("a NaN parameter is an error, not a penalty", () => {
    const eta = committedParameters();
    expect(() => residuals({ ...eta, Yn: Number.NaN })).toThrow(NonFiniteError);
  });

  it("the Levenberg–Marquardt polish tolerates exactly ml-matrix's singular and NaN-matrix failures", () => {
    // A singular matrix (rank 1) has no inverse; a NaN entry fails Cholesky's symmetry check (NaN ≠ NaN).
    let singular: unknown;
    try {
      inverse(new Matrix([
        [1, 1],
        [1, 1],
      ]));
    } catch (e) {
      singular = e;
    }
    expect(isExpectedLmFailure(singular)).toBe(true);
    let nan: unknown;
    try {
      new CholeskyDecomposition(new Matrix([
        [1, Number.NaN],
        [Number.NaN, 1],
      ]));
    } catch (e) {
      nan = e;
    }
    expect(isExpectedLmFailure(nan)).toBe(true);
    expect(isExpectedLmFailure(new TypeError("x is undefined"))).toBe(false);
    expect(isExpectedLmFailure(new NonFiniteError("f", { x: 1 }))).toBe(false);
  });
});

/** PDG values (GeV) and c (m/s, exact), written here independently of src/constants.ts. */
const PDG = { mPhi: 1.019461, mEta: 0.547862, mMu: 0.1056583755, c: 299792458 };

/** Two-body decay M → m + m2 at rest: the energy of m, from the momentum p = λ^{1/2}(M², m², m2²)/(2M). */
function twoBodyEnergy(M: number, m: number, m2: number): number {
  const lambda = (M * M - (m + m2) ** 2) * (M * M - (m - m2) ** 2);
  const p = Math.sqrt(lambda) / (2 * M);
  return Math.sqrt(p * p + m * m);
}

/**
 * The lifetime windows of limits.tsv, by their text, computed independently. The φ windows (KLOE) divide by c times
 * the γ factor E_X/m of X from a φ at rest (φ → ηX for φ_eta; e⁺e⁻ → γX at √s = m_φ, a massless recoil), as the
 * text and DarkCast's KLOE notes say ("the gamma factor is on the order of (m_phi^2 + m^2)/(2 m_phi m)"), not γβ.
 */
const WINDOWS: Record<string, { t1: (m: number) => number; masses: number[] }> = {
  "t1 = 0.08 m / (c (m_phi^2 + m^2 - m_eta^2)/(2 m_phi m))": {
    t1: (m) => 0.08 / (PDG.c * (twoBodyEnergy(PDG.mPhi, m, PDG.mEta) / m)),
    masses: [0.005, 0.02, 0.2, 0.45],
  },
  "t1 = 0.08 m / (c (m_phi^2 + m^2)/(2 m_phi m))": { t1: (m) => 0.08 / (PDG.c * (twoBodyEnergy(PDG.mPhi, m, 0) / m)), masses: [0.005, 0.3, 0.9] },
  "t1 = 1 m / (c * 50 GeV / m)": { t1: (m) => (1 / PDG.c) * (m / 50), masses: [0.005, 0.05, 0.12] },
  "t1 = (0.004/(m - 2 m_mu) + 0.1) ps, m in GeV": { t1: (m) => (0.004 / (m - 2 * PDG.mMu) + 0.1) * 1e-12, masses: [0.22, 0.5, 3, 60] },
  "t1 = inf (m<45 GeV), 5e-12 s (45-130 GeV), -3.66e-11 + 3.12e-13*m[GeV] s above": {
    t1: (m) => (m < 45 ? Number.POSITIVE_INFINITY : m <= 130 ? 5e-12 : -3.66e-11 + 3.12e-13 * m),
    masses: [10, 44.9, 45, 100, 130, 131, 200],
  },
};

function limitsTsvRows(): { name: string; production: string; efficiency: string }[] {
  const lines = readFileSync(join(dataDir(), "darkcast", "limits.tsv"), "utf8").split(/\r?\n/).slice(1);
  return lines.filter((l) => l.trim()).map((l) => {
    const f = l.split("\t");
    return { name: f[0], production: f[1], efficiency: f[3] };
  });
}

describe("recast: lifetime windows of limits.tsv", () => {
  const lifetime = limitsTsvRows().filter((r) => r.efficiency.startsWith("lifetime window"));

  it("every lifetime window of limits.tsv has an independent reference here", () => {
    expect(lifetime.length).toBeGreaterThanOrEqual(10);
    for (const r of lifetime) expect(Object.keys(WINDOWS), r.name).toContain(r.efficiency.replace(/^lifetime window: /, "").trim());
  });

  it("t1(m) of each search equals its limits.tsv formula", () => {
    const searches = allSearches(dataDir());
    for (const row of lifetime) {
      const w = WINDOWS[row.efficiency.replace(/^lifetime window: /, "").trim()];
      const s = searches.find((x) => x.name === row.name);
      expect(s, row.name).toBeDefined();
      const eff = s!.efficiency;
      expect(eff.type, row.name).toBe("lifetime");
      if (eff.type !== "lifetime") continue;
      for (const m of w.masses) {
        const want = w.t1(m);
        const got = eff.t1(m);
        if (want === Number.POSITIVE_INFINITY) expect(got, `${row.name} at ${m}`).toBe(want);
        else expect(Math.abs(got / want - 1), `${row.name} at ${m}: ${got} vs ${want}`).toBeLessThan(1e-12);
      }
    }
  });

  it("the KLOE φ → ηX window is 8 cm over c γ with γ = E_X/m, E_X = (m_φ² + m² − m_η²)/(2m_φ)", () => {
    const s = allSearches(dataDir()).find((x) => x.name === "KLOE_Babusci2012cr")!;
    if (s.efficiency.type !== "lifetime") throw new Error("KLOE_Babusci2012cr should have a lifetime window");
    const m = 0.1;
    const gamma = (PDG.mPhi ** 2 + m * m - PDG.mEta ** 2) / (2 * PDG.mPhi * m);
    expect(s.efficiency.t1(m)).toBeCloseTo(0.08 / (PDG.c * gamma), 20);
    expect(s.efficiency.t1(m) / (0.08 / (PDG.c * gamma))).toBeCloseTo(1, 12);
  });
});

/** The .prd table as written: the header's names and the numeric rows. */
function readPrd(file: string): { names: string[]; rows: number[][] } {
  const lines = readFileSync(join(dataDir(), "darkcast", "limits", file), "utf8").split(/\r?\n/);
  const names = lines[0].replace(/^\s*#/, "").trim().split(/\s+/);
  const rows = lines.slice(1).filter((l) => l.trim() && !l.trim().startsWith("#")).map((l) => l.trim().split(/\s+/).map(Number));
  return { names, rows };
}

describe("recast: pp production fractions (LHCb_Aaij2017rft.prd)", () => {
  const FILE = "LHCb_Aaij2017rft.prd";
  const { names, rows } = readPrd(FILE);
  /** A row as {mechanism: fraction} without the zero columns (which ppFractions leaves out). */
  const asMap = (row: number[]) => Object.fromEntries(names.slice(1).map((k, j) => [k, row[j + 1]]).filter(([, f]) => (f as number) > 0));
  const fractionsAt = (m: number) => Object.fromEntries(ppFractions(FILE, m).map((x) => [x.key, x.f]));
  const expectClose = (got: Record<string, number>, want: Record<string, number>, digits: number) => {
    expect(Object.keys(got).sort()).toEqual(Object.keys(want).sort());
    for (const k of Object.keys(want)) expect(got[k], k).toBeCloseTo(want[k], digits);
  };

  it("loadFractions reads the file's masses and mechanism columns", () => {
    const t = loadFractions(FILE);
    expect(names[0]).toBe("mass");
    expect(t.columns).toEqual(names.slice(1));
    expect(t.m.length).toBe(rows.length);
    expect(Array.from(t.m)).toEqual(rows.map((r) => r[0]));
  });

  it("equal the file's row at a tabulated mass", () => {
    for (const i of [0, 1, 100, 700, rows.length - 1]) expectClose(fractionsAt(rows[i][0]), asMap(rows[i]), 14);
  });

  it("interpolate linearly between rows", () => {
    for (const i of [0, 250, 900, rows.length - 2]) {
      const [a, b] = [rows[i], rows[i + 1]];
      const t = 0.3;
      const m = a[0] + t * (b[0] - a[0]);
      const want = asMap(a.map((x, j) => x + t * (b[j] - x)));
      expectClose(fractionsAt(m), want, 12);
    }
  });

  it("are continued as constants beyond the table", () => {
    expectClose(fractionsAt(rows[0][0] / 2), asMap(rows[0]), 14);
    expectClose(fractionsAt(rows[rows.length - 1][0] * 3), asMap(rows[rows.length - 1]), 14);
  });

  it("sum to 1 (within the file's rounding) wherever the file's rows do", () => {
    const sum = (r: number[]) => r.slice(1).reduce((s, x) => s + x, 0);
    let checked = 0;
    for (let i = 0; i + 1 < rows.length; i += 7) {
      if (Math.abs(sum(rows[i]) - 1) > 2e-3 || Math.abs(sum(rows[i + 1]) - 1) > 2e-3) continue;
      const m = 0.5 * (rows[i][0] + rows[i + 1][0]);
      expect(ppFractions(FILE, m).reduce((s, x) => s + x.f, 0)).toBeCloseTo(1, 2);
      checked++;
    }
    expect(checked).toBeGreaterThan(100);
  });
});

describe("recast: a non-finite signal ratio is an error, not 'allowed'", () => {
  const BL: Model = vectorModel({ cB: 1, ce: -1, cmu: -1, ctau: -1 });
  const m = 0.2;
  const recast = () => {
    const [search] = selectSearches(dataDir(), ["BaBar_Lees2014xha"]);
    const r = new RecastAtMass(search, m, loadHadronicTables("resonances"));
    expect(r.active).toBe(true);
    return r;
  };

  it("finite couplings give a finite S (BaBar's dark-photon limit at 200 MeV is ε ≈ 1e-3: B−L with g_X = 1e-2 is excluded, 1e-6 allowed)", () => {
    const r = recast();
    expect(r.ratio(couplings(BL, 1e-2, { eps: 0 }, m))).toBeGreaterThan(1);
    expect(r.ratio(couplings(BL, 1e-6, { eps: 0 }, m))).toBeLessThan(1);
  });

  it("a NaN coupling throws a NonFiniteError naming the search, the mass, g_X and ε", () => {
    const r = recast();
    const c = couplings(BL, 1e-3, { eps: 0 }, m);
    const widths = new Float64Array(64);
    const total = r.totalWidth(c);
    const nanElectron = { ...c, e: { V: Number.NaN, A: 0 } };
    expect(() => r.ratioWithWidths(nanElectron, widths, total)).toThrow(NonFiniteError);
    expect(() => r.ratioWithWidths(nanElectron, widths, total)).toThrow(/signal ratio S.* of search BaBar_Lees2014xha at m = 0\.2, g_X = 0\.001, eps = 0/);
    // A NaN total width (e.g. from a NaN width) is no "not excluded" either.
    expect(() => r.ratioWithWidths(c, widths, Number.NaN)).toThrow(/search BaBar_Lees2014xha/);
    // Through the public entry points: a NaN g_X.
    expect(() => r.ratio(couplings(BL, Number.NaN, { eps: 0 }, m))).toThrow(NonFiniteError);
    expect(() => r.gMax(() => couplings(BL, Number.NaN, { eps: 0 }, m))).toThrow(NonFiniteError);
    expect(() => r.excludedBand(() => couplings(BL, Number.NaN, { eps: 0 }, m))).toThrow(NonFiniteError);
  });
});
