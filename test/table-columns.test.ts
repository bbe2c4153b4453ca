import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dataDir, setDataDir } from "../src/data/dataDir.js";
import { LIMIT_CURVE, R_GRID } from "../likelihoods/resonances/searches.js";
import { readColumns, readTable, type TableSpec } from "../src/data/table.js";
import { VMD_TABLE } from "../src/widths/vmd.js";

/**
 * readColumns (the fast reader of the large plain tables: VMD widths, limit curves) against readTable, the reference
 * reader: on every text, the same columns, or the same error (the fast path hands anything unusual to readTable).
 */
const SPECS: Record<string, TableSpec> = {
  // The specs of the files readColumns reads.
  vmd: VMD_TABLE,
  curve: LIMIT_CURVE,
  rGrid: R_GRID,
  grid: {
    columns: 3,
    header: "comment",
    increasing: [
      { column: 0, strict: false },
      { column: 1, strict: true, within: 0 },
    ],
    values: [{ columns: [2], min: 0, integer: true, what: "counts" }],
  },
  exact: { columns: { min: 1 }, rows: 3 },
};

const TEXTS: Record<string, string> = {
  plain: "# m R\n 0.1  1.5e-3\n 0.2  2.5e-3\n 0.3  -1e-4\n",
  crlf: "# m R\r\n0.1\t1\r\n0.2\t2\r\n",
  tabsAndBlanks: "\n\n  # header\n\n0.1 \t 1\n# a comment\n\n.2 +2.\n0.3 3E+2",
  threeColumns: "# m lo hi\n0.1 1e-3 1e-1\n0.1 2e-3 2e-1\n0.2 1e-3 1e5\n",
  unicodeSpace: "# m R\n0.1\u00a01\n0.2 2\n",
  nbspLeading: "\u00a0# m R\n0.1 1\n0.2 2\n",
  noHeader: "0.1 1\n0.2 2\n",
  commentAfterData: "# h\n0.1 1 # x\n0.2 2\n",
  hex: "# h\n0x10 1\n0.2 2\n",
  infinite: "# h\n1e999 1\n0.2 2\n",
  badToken: "# h\n0.1 1\n0.2 abc\n",
  dropColumn: "# h\n0.1 1\n0.2\n",
  extraColumn: "# h\n0.1 1\n0.2 2 3\n",
  outOfOrder: "# h\n0.2 1\n0.1 2\n",
  repeatedMass: "# h\n0.1 1\n0.1 2\n0.2 3\n",
  negativeMass: "# h\n-0.1 1\n0.2 2\n",
  zeroEps: "# h\n0.1 0\n0.2 2\n",
  tooBigEps: "# h\n0.1 1e6\n0.2 2\n",
  oneRow: "# h\n0.1 1\n",
  empty: "",
  blank: "\n  \n",
  gridOk: "# h\n1 1 0\n1 2 3\n2 1 4\n2 5 6\n",
  gridWithin: "# h\n1 1 0\n1 1 3\n2 1 4\n",
  gridCount: "# h\n1 1 0.5\n1 2 3\n",
  exact3: "1\n2\n3\n",
  exact4: "1\n2\n3\n4\n",
  nul: "# h\n0.1 1\u0000\n0.2 2\n",
  // Tokens at the edges of DECIMAL: malformed ones, signs, many digits, extreme exponents, leading zeros.
  twoDots: "# h\n0.1 1.2.3\n0.2 2\n",
  lonePoint: "# h\n0.1 .\n0.2 2\n",
  signOnly: "# h\n0.1 +\n0.2 2\n",
  emptyExponent: "# h\n0.1 1e\n0.2 2\n",
  signedEmptyExponent: "# h\n0.1 1e+\n0.2 2\n",
  letterAfter: "# h\n0.1 1.5x\n0.2 2\n",
  signs: "# h\n-0 +1.\n-.5 -0.0e-0\n+3E+02 -7e-3\n",
  manyDigits: "# h\n0.1 1.23456789012345678901\n0.2 98765432109876543210e-30\n0.3 0.30000000000000004\n",
  wideExponents: "# h\n1e-22 1e22\n1e-23 1e23\n2.5e-300 1.7e308\n4.9e-324 1e-400\n",
  leadingZeros: "# h\n000.1 0001e2\n0.2 0.000000000000000000000000012345\n",
};

describe("readColumns equals readTable", () => {
  let dir = "";
  const saved = dataDir();
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "u1x-columns-"));
    for (const [name, text] of Object.entries(TEXTS)) writeFileSync(join(dir, `${name}.dat`), text);
    setDataDir(dir);
  });
  afterAll(() => {
    setDataDir(saved);
    rmSync(dir, { recursive: true, force: true });
  });
  const outcome = (f: () => Float64Array[]) => {
    try {
      return { columns: f().map((c) => Array.from(c)) };
    } catch (e) {
      return { error: `${(e as Error).constructor.name}: ${(e as Error).message}` };
    }
  };
  for (const [specName, spec] of Object.entries(SPECS))
    it(`spec ${specName}: every text gives the same columns or the same error`, () => {
      let read = 0;
      for (const name of [...Object.keys(TEXTS), "missing"]) {
        const rel = `${name}.dat`;
        const ref = outcome(() => {
          const { rows } = readTable("test", rel, spec);
          return Array.from({ length: rows[0].length }, (_, j) => Float64Array.from(rows, (r) => r[j]));
        });
        expect(outcome(() => readColumns("test", rel, spec).columns), `${name} as ${specName}`).toEqual(ref);
        if ("columns" in ref) read++;
      }
      expect(read).toBeGreaterThan(0);
    });
});

describe("readColumns on the real data files (darkcast limits and r-value grids, VMD tables)", () => {
  it("gives bit for bit the numbers of readTable (Number of each token)", async () => {
    const { readdirSync } = await import("node:fs");
    const limits = readdirSync(join(dataDir(), "darkcast/limits")).filter((f) => f.endsWith(".lmt"));
    const vmd = readdirSync(join(dataDir(), "darkcast/vmd")).filter((f) => f.startsWith("rf.") && f.endsWith(".dat"));
    const files: [string, TableSpec][] = [
      ...limits.map((f): [string, TableSpec] => [`darkcast/limits/${f}`, f.includes("displaced") ? R_GRID : LIMIT_CURVE]),
      ...vmd.map((f): [string, TableSpec] => [`darkcast/vmd/${f}`, VMD_TABLE]),
    ];
    expect(files.length).toBeGreaterThan(20);
    let compared = 0;
    let values = 0;
    for (const [rel, spec] of files) {
      let ref: number[][];
      try {
        ref = readTable("test", rel, spec).rows;
      } catch (e) {
        // A file the spec rejects (ATLAS_Aad2015sms_br20, not recastable: its masses are not monotone) is rejected by
        // readColumns with the same error.
        expect(() => readColumns("test", rel, spec)).toThrow((e as Error).message);
        continue;
      }
      const cols = readColumns("test", rel, spec).columns;
      for (let j = 0; j < cols.length; j++)
        for (let r = 0; r < ref.length; r++) if (!Object.is(cols[j][r], ref[r][j])) expect.fail(`${rel} row ${r + 1} column ${j + 1}: ${cols[j][r]} vs ${ref[r][j]}`);
      compared++;
      values += cols.length * ref.length;
    }
    // Every limit curve but one, both r-value grids and the VMD tables: over 300,000 numbers.
    expect(compared).toBeGreaterThanOrEqual(files.length - 1);
    expect(values).toBeGreaterThan(300_000);
  });
});
