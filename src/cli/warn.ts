/** A warning line on stderr that does not change the result on stdout (non-converged fits and the like). */
export function warn(message: string): void {
  process.stderr.write(`u1x: warning: ${message}\n`);
}

/**
 * "8 of 419 fits did not converge (2 of them with Δχ² < 4): A, B, C, … (see the converged column)", or nothing when
 * all converged.
 */
export function warnNotConverged(rows: readonly { converged: boolean; dchi2: number; name?: string; mX?: number }[], what = "fits", threshold = 4): void {
  const bad = rows.filter((r) => !r.converged);
  if (!bad.length) return;
  const viable = bad.filter((r) => r.dchi2 < threshold).length;
  const names = bad.slice(0, 8).map((r) => r.name ?? (r.mX === undefined ? "?" : `m_X = ${Number(r.mX.toPrecision(4))} GeV`));
  const which = Number.isFinite(threshold) ? ` (${viable ? `${viable} of them` : "none"} with Δχ² < ${threshold})` : "";
  warn(`${bad.length} of ${rows.length} ${what} did not converge${which}: ${names.join(", ")}${bad.length > 8 ? ", …" : ""} (see the converged column)`);
}
