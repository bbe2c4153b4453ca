import { AVOGADRO, G_F, HBARC_GEV_CM } from "../../src/constants.js";

/**
 * Flavour composition of ⁷Be neutrinos at Earth: ν_e produced in the solar core leave adiabatically as an
 * incoherent mixture of mass eigenstates, P_1 = c13² cos²θ12^m, P_2 = c13² sin²θ12^m, P_3 = s13², with the
 * production-point matter angle cos 2θ12^m = (cos2θ12 − β)/√((cos2θ12 − β)² + sin²2θ12),
 * β = 2√2 G_F n_e E c13²/Δm²21 (e.g. PDG 2022, "Neutrino mixing", section 14.7). At Earth P_eα = Σ_i P_i |U_αi|².
 */
export interface OscillationInputs {
  sin2th12: number;
  sin2th13: number;
  sin2th23: number;
  deltaCP: number;
  dm21: number;
  neProduction: number;
}

export function pmnsSquared(o: OscillationInputs): number[][] {
  const s12 = Math.sqrt(o.sin2th12);
  const c12 = Math.sqrt(1 - o.sin2th12);
  const s13 = Math.sqrt(o.sin2th13);
  const c13 = Math.sqrt(1 - o.sin2th13);
  const s23 = Math.sqrt(o.sin2th23);
  const c23 = Math.sqrt(1 - o.sin2th23);
  const cd = Math.cos(o.deltaCP);
  const sd = Math.sin(o.deltaCP);
  const abs2 = (re: number, im: number) => re * re + im * im;
  // Standard parametrisation (PDG): U_µ1 = −s12c23 − c12s23s13 e^{iδ}, U_µ2 = c12c23 − s12s23s13 e^{iδ}, …
  return [
    [c12 * c12 * c13 * c13, s12 * s12 * c13 * c13, s13 * s13],
    [abs2(-s12 * c23 - c12 * s23 * s13 * cd, -c12 * s23 * s13 * sd), abs2(c12 * c23 - s12 * s23 * s13 * cd, -s12 * s23 * s13 * sd), s23 * s23 * c13 * c13],
    [abs2(s12 * s23 - c12 * c23 * s13 * cd, -c12 * c23 * s13 * sd), abs2(-c12 * s23 - s12 * c23 * s13 * cd, -s12 * c23 * s13 * sd), c23 * c23 * c13 * c13],
  ];
}

/** P(ν_e → ν_α) at Earth for energy E (GeV), α = e, µ, τ. */
export function solarFlavourFractions(o: OscillationInputs, E: number): [number, number, number] {
  const ne = o.neProduction * AVOGADRO * HBARC_GEV_CM ** 3; // GeV³
  const c13sq = 1 - o.sin2th13;
  const beta = (2 * Math.SQRT2 * G_F * ne * E * c13sq) / o.dm21;
  const c2 = 1 - 2 * o.sin2th12;
  const s2sq = 1 - c2 * c2;
  const c2m = (c2 - beta) / Math.sqrt((c2 - beta) ** 2 + s2sq);
  const P = [c13sq * 0.5 * (1 + c2m), c13sq * 0.5 * (1 - c2m), o.sin2th13];
  const U2 = pmnsSquared(o);
  return [0, 1, 2].map((a) => P.reduce((s, p, i) => s + p * U2[a][i], 0)) as [number, number, number];
}
