import { E_CHARGE, M_E, M_MU, M_QUARK, M_TAU } from "../constants.js";
import { UserError } from "../errors.js";
import type { Chirality, FermionCharges, LoopMixing } from "../models/model.js";

/**
 * Kinetic mixing induced by charged-fermion loops (core paper eq. 5.5; Coy–Xu eqs. 2.11–2.12; Araki et al.,
 * arXiv:1702.01497). With ε = 0 at a scale Λ above every charged fermion f, one-loop running of the X–photon
 * vacuum polarisation gives, in the engine's convention (ε is the coefficient of e Q_f, eq. 2.2),
 *   ε(µ) = −(e g_X/(6π²)) Σ_f N_c Q_f x_V,f max(0, ln(Λ/max(µ, m_f))),        x_V = (x_L + x_R)/2,
 * so dε/d ln µ = (e g_X/(12π²)) Σ_{m_f<µ} N_c Q_f (x_L + x_R) (eq. 5.5: ε(m_µ) − ε(m_τ) = 13 e g_X/(12π²) ln(m_τ/m_µ)
 * for L̃_µ−τ, whose muon has x_L + x_R = 13). When Σ_f N_c Q_f x_V,f = 0 (L_µ − L_τ, L̃_µ−τ) Λ drops out and
 * ε(0) e/g_X = (e²/(6π²)) ln(m_τ/m_µ) = 4.37×10⁻³ for L_µ − L_τ (Coy–Xu eq. 2.12: g_e = −(α/3π) g_µ Q_e ln(m_µ²/m_τ²)).
 * Otherwise the loop is divergent and the model must give Λ. Quark loops use the masses of constants.ts (an O(1)
 * estimate for u, d, s, as Coy–Xu note).
 */
const FERMIONS: { key: keyof FermionCharges; Q: number; Nc: number; m: number }[] = [
  { key: "e", Q: -1, Nc: 1, m: M_E },
  { key: "mu", Q: -1, Nc: 1, m: M_MU },
  { key: "tau", Q: -1, Nc: 1, m: M_TAU },
  { key: "u", Q: 2 / 3, Nc: 3, m: M_QUARK.u },
  { key: "d", Q: -1 / 3, Nc: 3, m: M_QUARK.d },
  { key: "s", Q: -1 / 3, Nc: 3, m: M_QUARK.s },
  { key: "c", Q: 2 / 3, Nc: 3, m: M_QUARK.c },
  { key: "b", Q: -1 / 3, Nc: 3, m: M_QUARK.b },
  { key: "t", Q: 2 / 3, Nc: 3, m: M_QUARK.t },
];

/** Σ_f N_c Q_f x_V,f, which decides whether the loop is finite. */
export function loopDivergence(x: FermionCharges): number {
  return FERMIONS.reduce((s, f) => s + f.Nc * f.Q * vector(x[f.key] as Chirality), 0);
}

/**
 * ε(µ) e/g_X of the loops (a model constant: ε is proportional to g_X). µ = 0 gives the low-energy value every term
 * uses (momentum transfers below m_e); the running between µ₁ and µ₂ is the difference of two calls.
 */
export function loopEpsRatio(x: FermionCharges, loop: LoopMixing = {}, mu = 0): number {
  const div = loopDivergence(x);
  const finite = Math.abs(div) <= 1e-12 * FERMIONS.reduce((s, f) => s + Math.abs(vector(x[f.key] as Chirality)), 1);
  if (!finite && loop.scale === undefined)
    throw new UserError(
      `loop-induced kinetic mixing diverges for this model (Σ_f N_c Q_f x_V,f = ${Number(div.toPrecision(6))} ≠ 0): it needs the scale Λ where ε vanishes, which only a model file can give ("kineticMixing": {"loop": true, "scale": Λ in GeV}); or give --eps/--eps-ratio`,
    );
  // A fermion runs between its mass (or µ) and Λ only; when the sum vanishes Λ drops out (taken above the top).
  const scale = finite ? 1e3 : (loop.scale as number);
  let sum = 0;
  for (const f of FERMIONS) sum += f.Nc * f.Q * vector(x[f.key] as Chirality) * Math.max(0, Math.log(scale / Math.max(mu, f.m)));
  return (-(E_CHARGE * E_CHARGE) / (6 * Math.PI * Math.PI)) * sum + 0;
}

function vector(k: Chirality): number {
  return (k.L + k.R) / 2;
}
