import { M_E, M_MU, M_TAU } from "../constants.js";
import type { Couplings } from "../couplings/couplings.js";
import { type FermionFactor, fermionFactor, fermionWidth, N_C, type NeutrinoWidths, NEUTRINO_WIDTHS, neutrinoFactor } from "./fermion.js";
import { HADRONIC_STATES, type HadronicTables, hadronicRComponents, MESONS, mesonWeights, QUARKS, VMD_MAX_MASS } from "./vmd.js";

export { NEUTRINO_WIDTHS, type NeutrinoWidths };

/** Decay states in a fixed order: leptons, neutrinos, hadrons (DarkCast names). */
export const STATES = ["e_e", "mu_mu", "tau_tau", "nue_nue", "numu_numu", "nutau_nutau", ...HADRONIC_STATES] as const;
export const INVISIBLE = [3, 4, 5];
const OTHER = 6 + HADRONIC_STATES.indexOf("other");

/**
 * Partial widths of X at a fixed mass m, the one implementation the engine runs: the fermion factors
 * (fermion.ts) and the VMD R-components (vmd.ts) are computed once in the constructor; `partial` combines them
 * with the couplings (fermionWidth, mesonWeights) in a few multiplications and allocates nothing.
 */
export class WidthCalculator {
  private readonly lep: FermionFactor[];
  private readonly nu: number;
  private readonly dirac: boolean;
  /** Non-zero R-components: the state's index in STATES, the meson's in MESONS, and R^{F,V}(m). */
  private readonly had: { state: number; meson: number; R: number }[] = [];
  private readonly quarks: { up: boolean; f: FermionFactor }[] = [];
  private readonly pre: number;
  private readonly w = new Float64Array(MESONS.length);

  constructor(
    readonly m: number,
    tables: HadronicTables,
    neutrinos: NeutrinoWidths = "left",
  ) {
    this.lep = [M_E, M_MU, M_TAU].map((mf) => fermionFactor(m, mf));
    this.nu = neutrinoFactor(m);
    this.dirac = neutrinos === "dirac";
    this.pre = m / (12 * Math.PI);
    if (m > VMD_MAX_MASS) for (const q of QUARKS) this.quarks.push({ up: q.up, f: fermionFactor(m, q.m) });
    else
      HADRONIC_STATES.forEach((s, i) => {
        for (const [meson, R] of Object.entries(hadronicRComponents(tables, s, m))) {
          const k = MESONS.indexOf(meson as (typeof MESONS)[number]);
          if (k < 0) throw new Error(`WidthCalculator: unknown VMD meson table '${meson}' of state ${s}`);
          if (R !== 0) this.had.push({ state: 6 + i, meson: k, R });
        }
      });
  }

  /** Fill out[i] with the width of STATES[i] (GeV); returns the total. */
  partial(c: Couplings, out: Float64Array): number {
    out.fill(0);
    const [le, lm, lt] = this.lep;
    out[0] = fermionWidth(le, c.e.V, c.e.A);
    out[1] = fermionWidth(lm, c.mu.V, c.mu.A);
    out[2] = fermionWidth(lt, c.tau.V, c.tau.A);
    // Left-handed only: g_L² m/(24π); Dirac: (g_L² + g_R²) m/(24π), = g² m/(12π) when x_N = x_L (DarkCast 2.1).
    for (let i = 0; i < 3; i++) out[3 + i] = this.nu * (c.nu[i] * c.nu[i] + (this.dirac ? c.nuR[i] * c.nuR[i] : 0));
    if (this.quarks.length) {
      // Free quarks above the VMD tables (u, d, s and c, b above threshold), all in the state "other".
      let w = 0;
      for (const q of this.quarks) {
        const k = q.up ? c.u : c.d;
        w += N_C * fermionWidth(q.f, k.V, k.A);
      }
      out[OTHER] = w;
    } else if (this.had.length) {
      // Γ(X→F) = m/(12π) Σ_V weight_V R^{F,V}(m) (vmd.ts), clipped at zero (the ωφ interference can be negative).
      const w = mesonWeights(c, this.w);
      for (const h of this.had) out[h.state] += this.pre * w[h.meson] * h.R;
      for (let i = 6; i < out.length; i++) if (out[i] < 0) out[i] = 0;
    }
    let total = 0;
    for (let i = 0; i < out.length; i++) total += out[i];
    return total;
  }
}
