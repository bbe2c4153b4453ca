import { M_PI0 } from "../../src/constants.js";
import type { Couplings } from "../../src/couplings/couplings.js";

/**
 * Production strength of X relative to a dark photon of unit coupling e (so that the production ratio against a
 * dark photon at ε is strength/(eε)²), by mechanism (Ilten, Soreq, Williams, Xue, arXiv:1801.04847, section 2.3).
 * Lepton-initiated processes use g_V² + g_A² (the two are equal in the massless limit, core paper section 5);
 * meson decays use the quark-charge traces, normalised so that the dark photon gives e²:
 *   π⁰ → γX: (2g_u + g_d)²;  η → γX: (2g_u − g_d + 2g_s)² (no η′ admixture);  φ → ηX: (3 g_s)²;
 *   V mixing: ρ (g_u − g_d)², ω (3(g_u + g_d))², φ (3 g_s)²;  ω → π⁰X: (g_u − g_d)²;  q q̄ → X: (g_q/Q_q)².
 * Each quark reads its own couplings (g_s = g_d, g_c = g_u, g_b = g_d for flavour-universal quarks).
 */
export function productionStrength(mechanism: string, c: Couplings, m: number): number {
  const u = c.u.V;
  const d = c.d.V;
  const s = c.s.V;
  switch (mechanism) {
    case "e_brem":
    case "e_e":
      return c.e.V ** 2 + c.e.A ** 2;
    case "mu_brem":
    case "mu_mu":
      return c.mu.V ** 2 + c.mu.A ** 2;
    case "p_brem":
      return c.p ** 2;
    case "pi0_gamma":
      return (2 * u + d) ** 2;
    case "eta_gamma":
      return (2 * u - d + 2 * s) ** 2;
    case "pi0_eta_gamma":
      return m < M_PI0 ? (2 * u + d) ** 2 : (2 * u - d + 2 * s) ** 2;
    case "phi_eta":
    case "phi":
      return (3 * s) ** 2;
    case "rho0":
    case "omega_pi0":
      return (u - d) ** 2;
    case "omega":
      return (3 * (u + d)) ** 2;
    case "u_u":
    case "c_c": {
      const q = mechanism === "u_u" ? c.u : c.c;
      return (1.5 * q.V) ** 2 + (1.5 * q.A) ** 2;
    }
    case "d_d":
    case "s_s":
    case "b_b": {
      const q = mechanism === "d_d" ? c.d : mechanism === "s_s" ? c.s : c.b;
      return (3 * q.V) ** 2 + (3 * q.A) ** 2;
    }
    default:
      throw new Error(`unknown production mechanism '${mechanism}'`);
  }
}
