import { writeFileAtomic } from "../../output/files.js";
import { committedKernel, KERNEL_FILE, lmuLtauCrossing, trident, tridentRatio } from "../../../likelihoods/trident/index.js";
import { buildKernel, KERNEL_RESOLUTION, kernelSummary, TRIDENT_KERNEL_INPUTS, type TridentKernel } from "../../../likelihoods/trident/kernel.js";
import { G_F } from "../../constants.js";
import { UserError } from "../../errors.js";
import { checkFormat, type Format, renderRows, toJson } from "../../output/format.js";
import { repoPath } from "../../paths.js";
import { checkMassRange } from "../../likelihood/compose.js";
import { measurement } from "../../likelihood/measurements.js";
import { catalogueLabel } from "../../models/spec.js";
import { parseList, parseMass, parsePoint, type PointArgs } from "../parse.js";

export interface TridentArgs extends Partial<PointArgs> {
  rebuild?: boolean;
  write?: boolean;
  energy?: string;
  format?: string;
}

function summary(k: TridentKernel) {
  const da = measurement("amu", "deltaAmu"); // the default set, the paper's
  const ccfr = measurement("trident", "RTrident");
  return {
    ...kernelSummary(k),
    energies: k.energies,
    weights: k.weights,
    target: { Z: k.Z, A: k.A },
    resolution: k.resolution,
    /** L_µ−L_τ: where the (g−2) band's central value and its 2σ lower edge cross the CCFR 95% CL. */
    lmuLtauCrossing: { central: lmuLtauCrossing(k, da.value, ccfr), lower2sigma: lmuLtauCrossing(k, da.value - 2 * da.sigma, ccfr) },
  };
}

/**
 * `u1x trident`: σ/σ_SM and Δχ² of CCFR trident at one point (kernel and EFT side by side), or with --rebuild the
 * equivalent-photon kernel itself (--write stores it in likelihoods/trident/kernel.json).
 */
export function tridentCommand(a: TridentArgs): string {
  const format = checkFormat(a.format, ["table", "json", "csv", "md"]);
  if (a.rebuild) {
    const energies = a.energy === undefined ? [...TRIDENT_KERNEL_INPUTS.energies] : parseList(a.energy, "--energy").map((e) => parseMass(e, "--energy"));
    const k = buildKernel(KERNEL_RESOLUTION, { ...TRIDENT_KERNEL_INPUTS, energies, weights: energies.map(() => 1) });
    const s = summary(k);
    if (a.write) writeFileAtomic(repoPath(KERNEL_FILE), toJson({ generatedBy: "u1x trident --rebuild --write", summary: s, kernel: k }));
    if (format === "json") return toJson(s);
    return renderRows([s], [
      { header: "E_nu [GeV]", value: (r) => r.energies.join(",") },
      { header: "sigma_SM [cm2]", value: (r) => r.sigmaSMcm2, digits: 4 },
      { header: "sigma_AA/sigma_VV", value: (r) => r.axialFactor, digits: 5 },
      { header: "<Q2> [GeV2]", value: (r) => r.meanQ2, digits: 4 },
      { header: "Lmu-Ltau crossing (central, 2sigma) [GeV]", value: (r) => `${r.lmuLtauCrossing.central.toFixed(3)}, ${r.lmuLtauCrossing.lower2sigma.toFixed(3)}` },
    ], format as Exclude<Format, "json">, `trident kernel (equivalent photon, Fe)${a.write ? `, written to ${KERNEL_FILE}` : ""}`);
  }
  if (a.model === undefined || a.mx === undefined) throw new UserError("u1x trident needs --model, --mx, --g and --eps or --eps-ratio (or --rebuild)");
  const { model, mX, couplings: c } = parsePoint(a as PointArgs);
  checkMassRange([trident], mX);
  const k = committedKernel();
  const prepared = trident.prepare(model, mX, {});
  const ccfr = prepared.m;
  const term = trident.evaluate(prepared, c);
  const R = term.observables!.RTrident;
  const eft = 1 / (Math.SQRT2 * G_F * mX * mX);
  const REft = tridentRatio(eft * c.nu[1] * c.mu.V, eft * c.nu[1] * c.mu.A);
  const out = {
    model: model.name,
    catalogue: catalogueLabel(model),
    mX,
    gX: c.gX,
    eps: c.eps,
    RTrident: R,
    RTridentEft: REft,
    dchi2: term.dchi2,
    couplings: { nuMu: c.nu[1], muV: c.mu.V, muA: c.mu.A },
    kernel: kernelSummary(k),
  };
  if (format === "json") return toJson(out);
  return renderRows([out], [
    { header: "model", value: (r) => r.model },
    { header: "m_X [GeV]", value: (r) => r.mX },
    { header: "g_X", value: (r) => r.gX },
    { header: "R (EPA kernel)", value: (r) => r.RTrident, digits: 5 },
    { header: "R (EFT, eq. 3.21)", value: (r) => r.RTridentEft, digits: 5 },
    { header: "dchi2", value: (r) => r.dchi2, digits: 4 },
  ], format as Exclude<Format, "json">, `CCFR trident: sigma/sigma_SM = ${ccfr.value} +- ${ccfr.sigma} (eq. 3.20)`);
}
