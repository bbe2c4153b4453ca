import { UserError } from "../../src/errors.js";
import type { Likelihood, ObservableInfo } from "../../src/likelihood/types.js";
import { quadraticCouplingFor, VETO_DCHI2 } from "../../src/likelihood/step.js";
import type { Model } from "../../src/models/model.js";
import { readCommitted } from "../../src/paths.js";
import { checkShape, finite, object, string } from "../../src/data/validate.js";
import { epsElectron, epsMediumOsc, tanEta } from "./matter.js";

/** An interval of ε^medium (eqs. 15, 17) with its N_n/N_p and citation (intervals.json). */
export interface MediumInterval {
  min: number;
  max: number;
  yn: number;
  cite: string;
  note: string;
}

let INTERVALS: Record<"lma" | "lmaDark", MediumInterval> | undefined;

const INTERVAL = object({ min: finite(), max: finite(), yn: finite({ above: 0 }), cite: string(), note: string() });

/** The intervals of eqs. (15) and (17), as read from intervals.json (once, validated; through the file seam). */
export function mediumInterval(name: "lma" | "lmaDark"): MediumInterval {
  INTERVALS ??= readCommitted<Record<"lma" | "lmaDark", MediumInterval>>("likelihoods/lma/intervals.json", name, "git checkout likelihoods/lma/intervals.json", (v) =>
    checkShape(v, object({ lma: INTERVAL, lmaDark: INTERVAL })),
  );
  return INTERVALS[name];
}

interface Prepared {
  model: Model;
  mX: number;
  iv: MediumInterval;
}

export const MEDIUM_OBSERVABLES: Record<string, ObservableInfo> = {
  epsMedium: { unit: "", latex: "\\varepsilon^{\\rm medium}_{\\mu\\mu}", description: "ε^medium_µµ − ε^medium_ee at the Sun's centre, N_n/N_p = 0.54 (Bernal–Farzan eqs. 12–13)" },
  tanEta: { unit: "", latex: "\\tan\\eta", description: "ε^n/ε^p, the neutron-to-proton ratio of the NSI (Bernal–Farzan eq. 11)" },
  epsElectronMuMu: { unit: "", latex: "\\varepsilon^{e}_{\\mu\\mu}", description: "ν_µ–electron vector NSI (Bernal–Farzan eq. 9)" },
};

/**
 * A solar-oscillation hypothesis as a step term: Δχ² = 0 while ε^medium_µµ − ε^medium_ee lies in the interval, the
 * veto value outside. The intervals are 2σ ranges for ε_µµ = ε_ττ, so a model with x_νµ ≠ x_ντ is refused.
 */
/**
 * How far past the largest allowed g_X an excluded ε^medium (∝ g_X² at fixed ε·e/g_X) lies, log10(g_X/g_max): g_max is
 * where ε^medium reaches the interval's edge of its sign. A side that never enters the interval (LMA-dark for
 * ε^medium < 0, or ε^medium ≡ 0 outside it) allows no g_X > 0: +∞. Below the interval on its own side (LMA-dark's
 * 0 < ε^medium < 2) nothing is past g_max: 0.
 */
function excess(e: number, iv: { min: number; max: number }): number {
  const edge = e > 0 ? iv.max : iv.min;
  if (e === 0 || edge * e <= 0) return Number.POSITIVE_INFINITY;
  return Math.max(0, 0.5 * Math.log10(e / edge));
}

function mediumTerm(name: "lma" | "lmaDark", description: string, cite: string): Likelihood<Prepared> {
  return {
    name,
    cite,
    description,
    label: name === "lma" ? "LMA" : "LMA-dark",
    byNameOnly: "a selectable hypothesis on the solar oscillation solution, not a measurement",
    // Forward scattering: the contact potential holds for m_X ≫ 1/R_⊙ ≈ 3×10⁻¹⁶ eV (BF footnote 1).
    massRange: { min: 1e-9, max: Number.POSITIVE_INFINITY, why: "forward scattering in the Sun, m_X ≫ 1/R_⊙; the engine's range starts at 1 eV" },
    observables: MEDIUM_OBSERVABLES,
    prepare(model, mX) {
      const [, m, t] = model.charges.nu;
      if (m !== t) throw new UserError(`${name}: the interval of Bernal–Farzan eq. (${name === "lma" ? 17 : 15}) is for ε_µµ = ε_ττ; model '${model.name}' has x_νµ = ${m} ≠ x_ντ = ${t}`);
      return { model, mX, iv: mediumInterval(name) };
    },
    evaluate(p, c) {
      const e = epsMediumOsc(c, p.mX, p.iv.yn);
      // tan η is undefined where X does not couple to the proton: the observable is then left out (never NaN).
      const t = tanEta(c);
      const inside = e > p.iv.min && e < p.iv.max;
      return { dchi2: inside ? 0 : VETO_DCHI2, excess: inside ? 0 : excess(e, p.iv), observables: { epsMedium: e, ...(Number.isFinite(t) ? { tanEta: t } : {}), epsElectronMuMu: epsElectron(c, p.mX, 1) } };
    },
    // The edges as a band: n = ±2 gives the interval's edges (a 2σ range), n = 0 its middle.
    preferredCoupling(p, at, nSigma = 0) {
      const target = (p.iv.min + p.iv.max) / 2 + (nSigma * (p.iv.max - p.iv.min)) / 4;
      return quadraticCouplingFor((c) => epsMediumOsc(c, p.mX, p.iv.yn), at, target);
    },
  };
}

/** The standard LMA solution of eq. (17): −0.081 < ε^medium < 1.422. */
export const lma = mediumTerm("lma", "solar LMA solution: ε^medium_µµ inside −0.081…1.422 (Bernal–Farzan eq. 17)", "Bernal, Farzan, PRD 107 (2023) 035007, eq. (17); Gonzalez-Garcia, Maltoni, JHEP 09 (2013) 152; Esteban et al., JHEP 08 (2018) 180");
/** The LMA-dark solution of eq. (15): 2 < ε^medium < 3. */
export const lmaDark = mediumTerm("lmaDark", "solar LMA-dark solution: ε^medium_µµ inside 2…3 (Bernal–Farzan eq. 15)", "Bernal, Farzan, PRD 107 (2023) 035007, eq. (15); Gonzalez-Garcia, Maltoni, JHEP 09 (2013) 152; Esteban et al., JHEP 08 (2018) 180");
