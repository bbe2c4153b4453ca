/**
 * The collaboration's numbers this module is checked against (test/coherent2021.test.ts, README "Checks"):
 * COHERENT, "Measurement of the coherent elastic neutrino-nucleus scattering cross section on CsI by COHERENT",
 * Phys. Rev. Lett. 129 (2022) 081801 [arXiv:2110.07730], as quoted in the data README.
 */
export const PUBLISHED_2021 = {
  /** Standard Model expectation in the analysis region: 341 ± 11 (theory) ± 42 (experiment) events. */
  smExpected: { value: 341, theory: 11, experiment: 42 },
  /** CEvNS events from the fit with the CEvNS rate free: 306 ± 20. */
  fitted: { value: 306, sigma: 20 },
  cite: "COHERENT, PRL 129 (2022) 081801 [arXiv:2110.07730]",
} as const;
