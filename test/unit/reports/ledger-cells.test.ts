import { describe, expect, it } from "vitest";
import { cellText, excelDate, excelDateTime } from "../../../src/reports/ledger/excel-values.js";
import { uniqueSheetNames } from "../../../src/reports/ledger/sheet-names.js";

describe("ledger sheet names", () => {
  it("replaces what Excel refuses, cuts to 31 characters and numbers repeats, ignoring case", () => {
    expect(
      uniqueSheetNames([
        "总表",
        "二、抓好常态化疫情防控",
        "a/b:c?d*e[f]g\\h'i",
        "坚持以人民为中心的发展思想，持续改善人民生活品质，让发展成果更多更公平惠及全体人民",
        "坚持以人民为中心的发展思想，持续改善人民生活品质，让发展成果更多更公平惠及全区人民",
        "Ma",
        "MA",
        "History",
        "",
      ]),
    ).toEqual([
      "总表",
      "二、抓好常态化疫情防控",
      "a_b_c_d_e_f_g_h_i",
      "坚持以人民为中心的发展思想，持续改善人民生活品质，让发展成果更",
      "坚持以人民为中心的发展思想，持续改善人民生活品质，让发展（2）",
      "Ma",
      "MA（2）",
      "History（2）",
      "_",
    ]);
  });
});

describe("ledger cell values", () => {
  it("drops what XML 1.0 cannot hold and keeps line breaks, tabs and characters beyond the BMP", () => {
    expect(cellText("资金\u0000已\u0007拨付\uFFFE\uFFFF\n第二行\t𠀀")).toBe("资金已拨付\n第二行\t𠀀");
    expect(cellText("孤\uD800立\uDC00代理")).toBe("孤立代理");
  });

  it("cuts a text to Excel's 32,767 characters a cell", () => {
    const long = cellText("字".repeat(40_000));
    expect(long).toHaveLength(32_767);
    expect(long.endsWith("字…")).toBe(true);
  });

  it("writes days and instants as Excel dates that read as Beijing time", () => {
    expect(excelDate("2021-12-31")).toEqual(new Date("2021-12-31T00:00:00Z"));
    // 23:30 UTC on 31 March is 07:30 on 1 April in Beijing.
    expect(excelDateTime("2021-03-31T23:30:00.000Z")).toEqual(new Date("2021-04-01T07:30:00Z"));
  });
});
