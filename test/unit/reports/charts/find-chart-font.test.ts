import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import {
  ChartFontError,
  chartFontProblem,
  findChartFont,
  KNOWN_CHART_FONTS,
} from "../../../../src/reports/charts/find-chart-font.js";
import { fontFamilyNames } from "../../../../src/reports/charts/font-family-name.js";
import { sfnt, ttc } from "./synthetic-font.js";

const dir = mkdtempSync(join(tmpdir(), "duban-chart-font-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, content: Buffer | string): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

function thrown(run: () => unknown): ChartFontError {
  try {
    run();
  } catch (error) {
    if (error instanceof ChartFontError) return error;
    throw error;
  }
  throw new Error("no ChartFontError thrown");
}

describe("fontFamilyNames", () => {
  it("reads every face of a collection, the typographic family before the plain one", () => {
    const path = file(
      "collection.ttc",
      ttc([
        { family: "Noto Sans CJK JP" },
        { family: "Noto Sans CJK SC Regular", typographic: "Noto Sans CJK SC" },
      ]),
    );
    expect(fontFamilyNames(path)).toEqual(["Noto Sans CJK JP", "Noto Sans CJK SC"]);
  });

  it("refuses a file that is not a font", () => {
    expect(() => fontFamilyNames(file("short.ttf", "not a font"))).toThrow(/not a font file/);
  });
});

describe("findChartFont", () => {
  it("takes the first known path that exists, and the Simplified Chinese face of a collection", () => {
    const noto = file(
      "NotoSansCJK-Regular.ttc",
      ttc([
        { family: "Noto Sans CJK JP" },
        { family: "Noto Sans Mono CJK SC" },
        { family: "Noto Sans CJK SC" },
      ]),
    );
    const bold = file("NotoSansCJK-Bold.ttc", ttc([{ family: "Noto Sans CJK SC" }]));
    const font = findChartFont({}, [
      join(dir, "missing.ttc"),
      noto,
      file("wqy-microhei.ttc", sfnt("WenQuanYi")),
    ]);
    expect(font).toEqual({ path: noto, family: "Noto Sans CJK SC", boldPath: bold });
  });

  it("takes DUBAN_CHART_FONT over the known paths, with the family its file names", () => {
    const wqy = file(
      "wqy-zenhei.ttc",
      ttc([{ family: "WenQuanYi Zen Hei" }, { family: "WenQuanYi Zen Hei Sharp" }]),
    );
    const known = file("NotoSansCJKsc-Regular.otf", sfnt("Noto Sans CJK SC"));
    expect(findChartFont({ DUBAN_CHART_FONT: wqy }, [known])).toEqual({
      path: wqy,
      family: "WenQuanYi Zen Hei",
    });
  });

  it("names DUBAN_CHART_FONT and its path when the file is not there, and does not fall back", () => {
    const known = file("fallback.otf", sfnt("Source Han Sans SC"));
    const missing = join(dir, "fonts", "NotoSansCJK-Regular.ttc");
    const error = thrown(() => findChartFont({ DUBAN_CHART_FONT: missing }, [known]));
    expect(error.reason).toBe("env_path_missing");
    expect(error.message).toContain("DUBAN_CHART_FONT");
    expect(error.message).toContain(missing);
  });

  it("says how to install a font when none is found", () => {
    const error = thrown(() => findChartFont({}, [join(dir, "none.ttc")]));
    expect(error.reason).toBe("none_found");
    expect(error.message).toContain("apt-get install fonts-wqy-microhei");
    expect(error.message).toContain("DUBAN_CHART_FONT=");
  });

  it("says so when DUBAN_CHART_FONT points at a file that is not a font", () => {
    const path = file("notes.txt", "字体");
    const error = thrown(() => findChartFont({ DUBAN_CHART_FONT: path }, []));
    expect(error.reason).toBe("unreadable");
    expect(error.message).toContain(path);
  });

  it("finds the font the project installs (.ci/run: Debian's fonts-wqy-microhei)", () => {
    const debian = KNOWN_CHART_FONTS[0] ?? "";
    expect(existsSync(debian), `${debian} is missing: apt-get install fonts-wqy-microhei`).toBe(true);
    expect(findChartFont({}).family).toBe("WenQuanYi Micro Hei");
  });
});

describe("chartFontProblem", () => {
  it("is undefined with a font, and the finder's message without one", () => {
    expect(chartFontProblem({}, [file("ok.otf", sfnt("Noto Sans SC"))])).toBeUndefined();
    expect(chartFontProblem({}, [])).toContain("apt-get install fonts-wqy-microhei");
    expect(chartFontProblem({ DUBAN_CHART_FONT: join(dir, "gone.ttc") }, [])).toContain("DUBAN_CHART_FONT");
  });
});
