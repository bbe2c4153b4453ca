/**
 * ¹³³Cs facts the APV term needs (the measured Q_W^exp − Q_W^SM is in measurements.json):
 * - Z = 55 protons, N = 78 neutrons.
 * - r.m.s. nuclear charge radius 4.8041 fm (I. Angeli, K.P. Marinova, At. Data Nucl. Data Tables 99 (2013) 69,
 *   Table IV), used for a uniformly charged sphere of radius R = √(5/3)·r_rms = 6.202 fm, the nucleon
 *   distribution and the Coulomb field of the finite-range factor K(m_X) (finiteRange.ts).
 */
export const CESIUM = {
  Z: 55,
  N: 78,
  rmsChargeRadiusFm: 4.8041,
} as const;
