import { describe, expect, it } from "vitest";
import { type CoherentBin, coherent } from "../likelihoods/coherent/index.js";
import { couplings } from "../src/couplings/couplings.js";
import { resolveModel } from "../src/models/spec.js";
import { u1x } from "./helpers/cli.js";

type Bin = CoherentBin;

// `u1x coherent` prints what likelihoods/coherent computes (coherentBins); these checks re-compute the expected
// counts and χ² from the printed bins and pulls with the statistic of the data README, written out here.
describe("u1x coherent", () => {
  const args = ["coherent", "--model", "3,-7,-1,-1", "--mx", "200MeV", "--g", "2.3e-4", "--eps-ratio", "-6.96"];
  const r = u1x([...args, "--format", "json"]);
  const j = r.code === 0 ? JSON.parse(r.stdout) : {};

  it("prints the contract keys, in order", () => {
    expect(r.code, r.stderr).toBe(0);
    expect(Object.keys(j)).toEqual(["model", "catalogue", "mX", "gX", "eps", "chi2", "chi2SM", "dchi2", "pulls", "pullsSM", "signalTotal", "bins"]);
    expect(Object.keys(j.pulls)).toEqual(["signal", "neutrons", "background"]);
    expect(Object.keys(j.pullsSM)).toEqual(["signal", "neutrons", "background"]);
    expect(j.bins).toHaveLength(144);
    for (const b of j.bins) expect(Object.keys(b)).toEqual(["pe", "time", "observed", "signal", "neutrons", "background", "expected"]);
    expect(j).toMatchObject({ model: "3B-7Le-Lmu-Ltau", catalogue: "V131", mX: 0.2, gX: 2.3e-4 });
  });

  it("its expected counts are (1 + a_s)S + (1 + a_n)B_n + (1 + a_b)B_ss of the printed pulls, and give the printed χ²", () => {
    const a = [j.pulls.signal, j.pulls.neutrons, j.pulls.background];
    const sigma = [0.28, 0.25, 0.171]; // normalisation uncertainties of the 12T×12E analysis (data README)
    let expectedSum = 0;
    let recomputedSum = 0;
    let signal = 0;
    let chi2 = 0;
    for (const b of j.bins as Bin[]) {
      const N = (1 + a[0]) * b.signal + (1 + a[1]) * b.neutrons + (1 + a[2]) * b.background;
      expect(b.expected / N).toBeCloseTo(1, 12);
      expectedSum += b.expected;
      recomputedSum += N;
      signal += b.signal;
      chi2 += 2 * (N - b.observed + (b.observed > 0 ? b.observed * Math.log(b.observed / N) : 0));
    }
    for (let k = 0; k < 3; k++) chi2 += (2 * (a[k] - Math.log1p(a[k]))) / sigma[k] ** 2;
    expect(expectedSum / recomputedSum).toBeCloseTo(1, 12);
    expect(signal / j.signalTotal).toBeCloseTo(1, 12);
    expect(chi2 / j.chi2).toBeCloseTo(1, 10);
    expect(j.dchi2).toBeCloseTo(j.chi2 - j.chi2SM, 12);
    // and the same Δχ² and signal as the likelihood the fits use
    const model = resolveModel("3,-7,-1,-1");
    const t = coherent.evaluate(coherent.prepare(model, 0.2, {}), couplings(model, 2.3e-4, { epsRatio: -6.96 }, 0.2));
    expect(j.dchi2).toBeCloseTo(t.dchi2, 10);
    expect(j.signalTotal / t.observables!.coherentSignal).toBeCloseTo(1, 12);
  });

  it("the stationarity of the profile: ∂χ²/∂a_k = 0 from the printed bins", () => {
    // ∂χ²/∂a_k = 2 Σ_i T_k,i (1 − n_i/N_i) + 2(1 − 1/(1 + a_k))/σ_k², with T = (S, B_n, B_ss).
    const a = [j.pulls.signal, j.pulls.neutrons, j.pulls.background];
    const sigma = [0.28, 0.25, 0.171];
    const grad = [0, 0, 0];
    for (const b of j.bins as Bin[]) {
      const f = 1 - b.observed / b.expected;
      grad[0] += 2 * b.signal * f;
      grad[1] += 2 * b.neutrons * f;
      grad[2] += 2 * b.background * f;
    }
    for (let k = 0; k < 3; k++) expect(Math.abs(grad[k] + (2 * (1 - 1 / (1 + a[k]))) / sigma[k] ** 2)).toBeLessThan(1e-4);
  });

  it("renders the same bins as a table with the summary in the caption, and as csv", () => {
    const t = u1x(args);
    expect(t.code, t.stderr).toBe(0);
    expect(t.stdout).toContain(`dchi2 = ${j.dchi2.toFixed(4)}`);
    expect(t.stdout).toContain(`a_sig = ${j.pulls.signal.toFixed(4)}`);
    const csv = u1x([...args, "--format", "csv"]).stdout.trim().split("\n");
    expect(csv[0]).toBe("PE,t [us],observed,expected,signal,neutrons,steady-state");
    expect(csv).toHaveLength(145);
  });
});
