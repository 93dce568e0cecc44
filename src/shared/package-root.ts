import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** The package's root folder, from both `src/shared` (tests, tsx) and `dist/shared` (built). */
export const PACKAGE_ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
