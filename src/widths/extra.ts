import { UserError } from "../errors.js";
import type { ExtraDecay } from "../models/model.js";

/**
 * Widths of the extra decay channels a model may declare (`Model.decays`): X into a pair of new particles of mass m
 * each, with coupling g = g_X × charge (or a fixed g). With r = m²/m_X² and zero at and below threshold (r ≥ 1/4):
 *
 * - `fermion`, a Dirac fermion pair χχ̄ with vector coupling g χ̄γ^µχ X_µ:
 *     Γ = g² m_X/(12π) (1 + 2r) √(1 − 4r)
 *   (the vector part of fermion.ts, Ilten, Soreq, Williams, Xue, arXiv:1801.04847, eq. 2.3);
 * - `scalar`, a complex scalar pair φφ̄ with the current coupling g X_µ [i φ* ∂^µ φ + h.c.] (charge c_φ, g = c_φ g_X):
 *     Γ = g² m_X/(48π) (1 − 4r)^{3/2}
 *   (Bernal & Farzan, "NSI with arbitrary couplings to u and d quarks", eqs. 22–23).
 *
 * The scalar width checked independently: the vertex X → φ(p₁) φ̄(p₂) is g (p₁ − p₂)^µ; summed over the three
 * polarisations (−g_µν + k_µk_ν/m_X², k = p₁ + p₂, and k·(p₁ − p₂) = 0) Σ|M|² = −g² (p₁ − p₂)² = g² (m_X² − 4m²);
 * averaged (1/3) and with Γ = |p|/(8π m_X²) ⟨|M|²⟩, |p| = (m_X/2)√(1 − 4r), Γ = g² m_X (1 − 4r)^{3/2}/(48π): eq. (23)
 * holds (test/extra-decays.test.ts repeats this).
 *
 * Bernal–Farzan's eq. (24) does not follow from their eqs. (21) and (23): below 2m_µ, Γ(e⁺e⁻) = (eε)² m_X/(12π)
 * and Γ(inv) = Γ(ν_µν̄_µ) + Γ(ν_τν̄_τ) = 2 g_Z'² m_X/(24π) = g_Z'² m_X/(12π) (which is eq. 21), so for
 * Γ(φφ̄) ≫ the rest BR(e⁺e⁻) = 4(eε)²/(c_φ² g_Z'² (1 − 4r)^{3/2}) and BR(inv) = 4/(c_φ² (1 − 4r)^{3/2}); eq. (24)
 * prints 8 for both (published and arXiv versions alike). The factor 8 would need Γ(φφ̄) = c²g²m/(96π), which the
 * calculation above excludes (or Dirac neutrinos, which eq. 21 excludes). This engine uses eq. (23); its BRs carry 4.
 */
export type ExtraClass = ExtraDecay["class"];
export const EXTRA_CLASSES: readonly ExtraClass[] = ["invisible", "e_e", "mu_mu", "unseen"];
export const EXTRA_FORMULAS: readonly ExtraDecay["formula"][] = ["fermion", "scalar"];

/** Γ/g² of one extra channel at m_X (GeV): everything that depends only on the mass. Zero at and below threshold. */
export function extraWidthFactor(formula: ExtraDecay["formula"], mX: number, mass: number): number {
  const r = (mass * mass) / (mX * mX);
  if (!(4 * r < 1)) return 0;
  const b2 = 1 - 4 * r; // β²
  switch (formula) {
    case "fermion":
      return (mX / (12 * Math.PI)) * (1 + 2 * r) * Math.sqrt(b2);
    case "scalar":
      return (mX / (48 * Math.PI)) * b2 * Math.sqrt(b2);
  }
}

/** The coupling of a channel at g_X: g_X × charge, or the fixed coupling. */
export function extraCoupling(d: ExtraDecay, gX: number): number {
  return d.charge !== undefined ? gX * d.charge : (d.coupling as number);
}

/** Γ(X → pair) of one extra channel (GeV). */
export function extraWidth(d: ExtraDecay, mX: number, gX: number): number {
  const g = extraCoupling(d, gX);
  return extraWidthFactor(d.formula, mX, d.mass) * g * g;
}

/**
 * Check a model's extra channels: known formula and class, a finite mass ≥ 0, exactly one of a finite charge or
 * coupling, and names that are neither empty, repeated, nor one of `reserved` (the SM states). One-line UserError.
 */
export function checkExtraDecays(decays: readonly ExtraDecay[], reserved: readonly string[] = []): void {
  const seen = new Set<string>();
  for (const d of decays) {
    const what = `extra decay '${d.name}'`;
    if (typeof d.name !== "string" || d.name.trim() === "") throw new UserError(`an extra decay needs a non-empty name, found ${JSON.stringify(d.name)}`);
    if (reserved.includes(d.name)) throw new UserError(`${what}: the name of a standard decay state (${reserved.join(", ")}); choose another`);
    if (seen.has(d.name)) throw new UserError(`${what}: the name is used twice`);
    seen.add(d.name);
    if (!EXTRA_FORMULAS.includes(d.formula)) throw new UserError(`${what}: unknown formula ${JSON.stringify(d.formula)} (formulas: ${EXTRA_FORMULAS.join(", ")})`);
    if (!EXTRA_CLASSES.includes(d.class)) throw new UserError(`${what}: unknown class ${JSON.stringify(d.class)} (classes: ${EXTRA_CLASSES.join(", ")})`);
    if (typeof d.mass !== "number" || !(Number.isFinite(d.mass) && d.mass >= 0)) throw new UserError(`${what}: the mass must be a finite number ≥ 0 (GeV), found ${JSON.stringify(d.mass)}`);
    const hasCharge = d.charge !== undefined;
    const hasCoupling = d.coupling !== undefined;
    if (hasCharge === hasCoupling) throw new UserError(`${what}: give exactly one of 'charge' (coupling g_X × charge) and 'coupling' (fixed)`);
    const v = hasCharge ? d.charge : d.coupling;
    if (typeof v !== "number" || !Number.isFinite(v)) throw new UserError(`${what}: '${hasCharge ? "charge" : "coupling"}' must be a finite number, found ${JSON.stringify(v)}`);
  }
}
