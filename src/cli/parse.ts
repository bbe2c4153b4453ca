import { couplings, EPS_MAX, type Mixing } from "../couplings/couplings.js";
import { loopEpsRatio } from "../couplings/loop.js";
import { UserError } from "../errors.js";
import { isDarkPhoton, type Model } from "../models/model.js";
import { catalogueLabel, resolveModel } from "../models/spec.js";
import { parseMass, parseNumber } from "../units.js";
import { NEUTRINO_WIDTHS, type NeutrinoWidths } from "../widths/calculator.js";

export { parseInteger, parseMass, parseNumber } from "../units.js";

/** The largest perturbative gauge coupling, g_X²/(4π) ≤ 1. */
export const G_PERTURBATIVE = Math.sqrt(4 * Math.PI);

/** g_X: positive and perturbative. */
export function parseCoupling(input: unknown, what = "--g"): number {
  const g = parseNumber(input, what);
  if (!(g > 0)) throw new UserError(`${what}: g_X must be positive, got ${g} (the sign of the charges is the model's: flip the model instead)`);
  if (g > G_PERTURBATIVE) throw new UserError(`${what}: g_X = ${g} is not perturbative (g_X ≤ √(4π) = ${G_PERTURBATIVE.toFixed(3)})`);
  return g;
}

/**
 * The kinetic mixing from --eps or --eps-ratio (exactly one). `--eps loop` is the loop-induced mixing of the model's
 * charges (couplings/loop.ts), a fixed ε·e/g_X; a model file with "kineticMixing": "loop" takes it when neither option
 * is given (an explicit option overrides the file).
 */
export function parseMixing(args: { eps?: unknown; epsRatio?: unknown }, required = true, model?: Model): Mixing | undefined {
  const hasEps = args.eps !== undefined;
  const hasRatio = args.epsRatio !== undefined;
  if (hasEps && hasRatio) throw new UserError("give either --eps or --eps-ratio, not both");
  if (hasEps && String(args.eps).trim() === "loop") {
    if (!model) throw new UserError("--eps loop needs a model");
    return { epsRatio: loopEpsRatio(model.charges, model.kineticMixing ?? {}) };
  }
  if (hasEps) {
    const eps = parseNumber(args.eps, "--eps");
    if (!(Math.abs(eps) < EPS_MAX)) throw new UserError(`--eps: |ε| = ${Math.abs(eps)} is not a small mixing with the photon (the engine takes |ε| < ${EPS_MAX})`);
    return { eps };
  }
  if (hasRatio) return { epsRatio: parseNumber(args.epsRatio, "--eps-ratio") };
  if (model?.kineticMixing) return { epsRatio: loopEpsRatio(model.charges, model.kineticMixing) };
  if (required) throw new UserError("the kinetic mixing is missing: give --eps ε (or --eps loop) or --eps-ratio εe/g_X");
  return undefined;
}

/** A comma-separated list with no empty entries. */
export function parseList(input: unknown, what: string): string[] {
  const s = String(input ?? "");
  const items = s.split(",").map((x) => x.trim());
  if (items.some((x) => x === "")) throw new UserError(`${what}: empty entry in '${s}' (give comma-separated names)`);
  return items;
}

/** --neutrinos left|dirac. */
export function parseNeutrinos(input: unknown): NeutrinoWidths {
  const s = String(input ?? "left");
  if (!(NEUTRINO_WIDTHS as readonly string[]).includes(s)) throw new UserError(`--neutrinos: expected ${NEUTRINO_WIDTHS.join(" or ")}, got '${s}'`);
  return s as NeutrinoWidths;
}

/** Refuse two options that exclude each other. */
export function exclusive(a: Record<string, unknown>, x: string, y: string, why: string): void {
  const camel = (k: string) => k.replace(/-(\w)/g, (_m, c: string) => c.toUpperCase());
  if (a[camel(x)] !== undefined && a[camel(x)] !== false && a[camel(y)] !== undefined && a[camel(y)] !== false)
    throw new UserError(`--${x} and --${y} exclude each other: ${why}`);
}

/** The options of the point commands (chi2, widths, coherent, trident). */
export interface PointArgs {
  model: string;
  mx: string;
  g?: string;
  eps?: string;
  epsRatio?: string;
  maxCharge: number;
  format?: string;
}

/** A model at one point (mass, g_X, mixing), as the point commands take it. The dark photon needs no --g. */
export function parsePoint(a: PointArgs) {
  const model = resolveModel(a.model, a.maxCharge);
  const mX = parseMass(a.mx);
  if (a.g === undefined && !isDarkPhoton(model)) throw new UserError("give the coupling --g g_X");
  const gX = a.g === undefined ? 0 : parseCoupling(a.g);
  const mix = parseMixing(a, true, model) as Mixing;
  if (gX === 0 && "epsRatio" in mix) throw new UserError("the dark photon without --g takes --eps (ε·e/g_X needs a g_X)");
  return { model, mX, gX, mix, couplings: couplings(model, gX, mix, mX) };
}

/** "B-L (catalogue: V8 ×1/3)" for captions. */
export function modelCaption(m: Model): string {
  const label = catalogueLabel(m);
  return label && label !== m.name ? `${m.name} (catalogue: ${label})` : m.name;
}
