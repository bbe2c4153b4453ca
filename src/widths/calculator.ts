import { M_E, M_MU, M_TAU } from "../constants.js";
import type { Couplings } from "../couplings/couplings.js";
import { HADRONIC_STATES, type HadronicTables, hadronicRComponents, QUARKS, VMD_MAX_MASS } from "./vmd.js";

/** Decay states in a fixed order: leptons, neutrinos, hadrons (DarkCast names). */
export const STATES = ["e_e", "mu_mu", "tau_tau", "nue_nue", "numu_numu", "nutau_nutau", ...HADRONIC_STATES] as const;
export const INVISIBLE = [3, 4, 5];

const DP = { rho0: 1, omega: 1 / 3, phi: -1 / 3 } as const;

/**
 * The invisible-width convention (shared/data/darkcast/README.md, "Neutrino widths"):
 * - `left` (default; core paper, DarkCast up to v2.0): Γ(X→νν̄) = g_ν² m/(24π) per flavour, left-handed neutrinos only;
 * - `dirac` (DarkCast v2.1): g_ν² m/(12π), as for a Dirac neutrino whose light right-handed partner has the same charge.
 */
export type NeutrinoWidths = "left" | "dirac";
export const NEUTRINO_WIDTHS: readonly NeutrinoWidths[] = ["left", "dirac"];

interface FermionFactor {
  /** m/(12π) β (1 + 2µ²) and m/(12π) β (1 − 4µ²); zero below threshold. */
  v: number;
  a: number;
}

function fermionFactor(m: number, mf: number): FermionFactor {
  const mu2 = (mf / m) ** 2;
  if (4 * mu2 >= 1) return { v: 0, a: 0 };
  const pre = (m / (12 * Math.PI)) * Math.sqrt(1 - 4 * mu2);
  return { v: pre * (1 + 2 * mu2), a: pre * (1 - 4 * mu2) };
}

/**
 * Partial widths of X at a fixed mass m (fermion.ts and vmd.ts), with everything that depends only on m
 * precomputed: threshold factors and the VMD R-components. `partial` is then a few multiplications.
 */
export class WidthCalculator {
  private readonly lep: FermionFactor[];
  private readonly nu: number;
  private readonly had: { state: number; meson: string; R: number }[] = [];
  private readonly quarks: { up: boolean; f: FermionFactor }[] = [];
  private readonly pre: number;

  constructor(
    readonly m: number,
    tables: HadronicTables,
    neutrinos: NeutrinoWidths = "left",
  ) {
    this.lep = [M_E, M_MU, M_TAU].map((mf) => fermionFactor(m, mf));
    this.nu = m / ((neutrinos === "dirac" ? 12 : 24) * Math.PI);
    this.pre = m / (12 * Math.PI);
    if (m > VMD_MAX_MASS) for (const q of QUARKS) this.quarks.push({ up: q.up, f: fermionFactor(m, q.m) });
    else
      HADRONIC_STATES.forEach((s, i) => {
        for (const [meson, R] of Object.entries(hadronicRComponents(tables, s, m))) if (R !== 0) this.had.push({ state: 6 + i, meson, R });
      });
  }

  /** Fill out[i] with the width of STATES[i] (GeV); returns the total. */
  partial(c: Couplings, out: Float64Array): number {
    out.fill(0);
    const [le, lm, lt] = this.lep;
    out[0] = le.v * c.e.V * c.e.V + le.a * c.e.A * c.e.A;
    out[1] = lm.v * c.mu.V * c.mu.V + lm.a * c.mu.A * c.mu.A;
    out[2] = lt.v * c.tau.V * c.tau.V + lt.a * c.tau.A * c.tau.A;
    for (let i = 0; i < 3; i++) out[3 + i] = this.nu * c.nu[i] * c.nu[i];
    if (this.quarks.length) {
      let w = 0;
      for (const q of this.quarks) {
        const k = q.up ? c.u : c.d;
        w += 3 * (q.f.v * k.V * k.V + q.f.a * k.A * k.A);
      }
      out[6 + HADRONIC_STATES.indexOf("other")] = w;
    } else if (this.had.length) {
      // Meson couplings relative to the dark photon's (vmd.ts): c_ρ = g_u − g_d, c_ω = g_u + g_d, c_φ = g_s = g_d.
      const rho = (c.u.V - c.d.V) / DP.rho0;
      const omega = (c.u.V + c.d.V) / DP.omega;
      const phi = c.d.V / DP.phi;
      for (const h of this.had) {
        const w = h.meson === "rho0" ? rho * rho : h.meson === "omega" ? omega * omega : h.meson === "phi" ? phi * phi : omega * phi;
        out[h.state] += this.pre * w * h.R;
      }
      for (let i = 6; i < out.length; i++) if (out[i] < 0) out[i] = 0;
    }
    let total = 0;
    for (let i = 0; i < out.length; i++) total += out[i];
    return total;
  }
}
