/** A progress bar on stderr when it is a terminal; silent when piped. */
export function progressBar(label: string): ((done: number, total: number) => void) | undefined {
  if (!process.stderr.isTTY) return undefined;
  let last = -1;
  return (done, total) => {
    const pct = Math.floor((100 * done) / total);
    if (pct === last && done !== total) return;
    last = pct;
    const w = 30;
    const fill = Math.round((w * done) / total);
    process.stderr.write(`\r${label} [${"#".repeat(fill)}${" ".repeat(w - fill)}] ${done}/${total}`);
    if (done === total) process.stderr.write("\n");
  };
}
