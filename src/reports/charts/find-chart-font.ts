import { existsSync } from "node:fs";
import { messages } from "../../templates/template-store.js";
import { fontFamilyNames } from "./font-family-name.js";

const m = messages("charts");

/** The CJK font the charts are drawn with: its file, and the family name the SVG asks for. */
export interface ChartFont {
  path: string;
  family: string;
  /** The bold face beside it (NotoSansCJK-Bold.ttc next to …-Regular.ttc), for the titles. */
  boldPath?: string;
}

/**
 * No CJK font: without one, every Chinese character would be drawn as an empty box, so no chart
 * is made at all. `reason` tells the two cases apart; the message says what to do.
 */
export class ChartFontError extends Error {
  readonly reason: "env_path_missing" | "none_found" | "unreadable";

  constructor(reason: ChartFontError["reason"], message: string) {
    super(message);
    this.name = "ChartFontError";
    this.reason = reason;
  }
}

/**
 * Where the usual CJK fonts are installed, the project's own first: WenQuanYi Micro Hei (Debian's
 * fonts-wqy-microhei, 1.6 MB, which .ci/run installs). Its TrueType outlines render some six times
 * faster in resvg than Noto Sans CJK's CFF collection (0.35 s against 2.3 s for a chart of 60
 * labels, measured here; resvg-js issue 367), and a digest goes to every leader. Then Noto Sans
 * CJK/SC as Debian (fonts-noto-cjk) and other distributions place it, WenQuanYi Zen Hei, Source
 * Han Sans, and macOS's PingFang for a developer's machine.
 */
export const KNOWN_CHART_FONTS: readonly string[] = [
  "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
  "/usr/share/fonts/wqy-microhei/wqy-microhei.ttc",
  "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
  "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",
  "/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc",
  "/usr/share/fonts/opentype/noto/NotoSansCJKsc-Regular.otf",
  "/usr/share/fonts/noto-cjk/NotoSansSC-Regular.otf",
  "/usr/share/fonts/google-noto-sans-cjk-fonts/NotoSansCJK-Regular.ttc",
  "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
  "/usr/share/fonts/wqy-zenhei/wqy-zenhei.ttc",
  "/usr/share/fonts/opentype/source-han-sans/SourceHanSansSC-Regular.otf",
  "/usr/share/fonts/adobe-source-han-sans/SourceHanSansSC-Regular.otf",
  "/usr/share/fonts/adobe-source-han-sans-cn/SourceHanSansCN-Regular.otf",
  "/System/Library/Fonts/PingFang.ttc",
];

const cache = new Map<string, ChartFont>();

/**
 * The font for the charts: DUBAN_CHART_FONT when set (a path; missing → an error naming both),
 * else the first of `candidates` that exists. Throws ChartFontError when there is none.
 */
export function findChartFont(
  env: NodeJS.ProcessEnv = process.env,
  candidates: readonly string[] = KNOWN_CHART_FONTS,
): ChartFont {
  const path = chartFontPath(env, candidates);
  let font = cache.get(path);
  if (font === undefined) {
    font = { path, family: chooseFamily(path, readFamilies(path)) };
    const bold = path.replace(/-Regular\.(ttc|otf|ttf)$/, "-Bold.$1");
    if (bold !== path && existsSync(bold)) font.boldPath = bold;
    cache.set(path, font);
  }
  return font;
}

/**
 * Why no chart can be drawn, in the office's words, or undefined when a font is there. Cheap (file
 * existence only), for the start-up checks.
 */
export function chartFontProblem(
  env: NodeJS.ProcessEnv = process.env,
  candidates: readonly string[] = KNOWN_CHART_FONTS,
): string | undefined {
  try {
    chartFontPath(env, candidates);
    return undefined;
  } catch (error) {
    if (error instanceof ChartFontError) return error.message;
    throw error;
  }
}

function chartFontPath(env: NodeJS.ProcessEnv, candidates: readonly string[]): string {
  const chosen = env.DUBAN_CHART_FONT;
  if (chosen) {
    if (!existsSync(chosen))
      throw new ChartFontError("env_path_missing", m("fontEnvMissing", { path: chosen }));
    return chosen;
  }
  const found = candidates.find((candidate) => existsSync(candidate));
  if (found === undefined) throw new ChartFontError("none_found", m("fontNotFound"));
  return found;
}

function readFamilies(path: string): string[] {
  try {
    return fontFamilyNames(path);
  } catch {
    // Not a font (a typo pointing at another file, a truncated download): say so in words.
    return [];
  }
}

/**
 * A collection holds Japanese, Korean and Chinese faces of one design; the Simplified Chinese face
 * (SC, or CN/GB in older names) draws 进, 划, 规… as a mainland reader expects. Monospaced faces
 * last: their Latin digits are too wide for chart labels.
 */
function chooseFamily(path: string, families: string[]): string {
  const proportional = families.filter((family) => !/\bMono\b/i.test(family));
  const pool = proportional.length > 0 ? proportional : families;
  const family = pool.find((name) => /\b(SC|CN|GB)\b/.test(name)) ?? pool[0];
  if (family === undefined) throw new ChartFontError("unreadable", m("fontUnreadable", { path }));
  return family;
}
