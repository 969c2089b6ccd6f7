import * as fs from "node:fs";
import * as path from "node:path";
import { inCI } from "./ci";

/**
 * Compares a value with a golden file under test/fixtures/golden/. `UPDATE_GOLDEN=1` rewrites the
 * file; in CI a missing golden file is a failure, never a silent pass.
 */
export function expectGolden(name: string, value: unknown): void {
  const file = path.join(__dirname, "..", "fixtures", "golden", name);
  const text = `${JSON.stringify(value, null, 1)}\n`;
  if (process.env.UPDATE_GOLDEN === "1" || (!fs.existsSync(file) && !inCI())) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
    if (process.env.UPDATE_GOLDEN !== "1") console.warn(`GOLDEN FILE CREATED: ${file} — review and commit it.`);
    return;
  }
  expect(text).toBe(fs.readFileSync(file, "utf8"));
}
