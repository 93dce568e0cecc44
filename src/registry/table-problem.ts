import { message } from "../templates/template-store.js";
import type { Problem } from "./registry.js";

/** A problem found in a task table, worded from templates/import/table-problems.yaml. */
export function tableProblem(line: number, key: string, view: Record<string, unknown> = {}): Problem {
  return { line, message: message("import/table-problems", key, view) };
}

/** Excel's name for a 0-based column index: 0 → A, 25 → Z, 26 → AA. */
export function columnLetter(index: number): string {
  let letters = "";
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) {
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  }
  return letters;
}
