import { chmodSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { FileExistsError, writeFileAtomic } from "../../src/xlsx/atomic-write";
import { makeTempDir } from "../helpers/workbook-files";

const tmp = makeTempDir("ciw-atomic-");
afterAll(() => tmp.remove());

const bytes = (s: string): Uint8Array => new Uint8Array(Buffer.from(s));

test("writes a new file and replaces an existing one, leaving no temporary files", async () => {
  const file = tmp.file("a.bin");
  await writeFileAtomic(file, bytes("first"));
  expect(readFileSync(file, "utf8")).toBe("first");
  await writeFileAtomic(file, bytes("second, longer"));
  expect(readFileSync(file, "utf8")).toBe("second, longer");
  expect(readdirSync(tmp.dir).filter((n) => n.endsWith(".tmp"))).toEqual([]);
});

test("keeps the mode of a file it replaces", async () => {
  const file = tmp.file("mode.bin");
  writeFileSync(file, "x");
  chmodSync(file, 0o640);
  await writeFileAtomic(file, bytes("y"));
  expect(statSync(file).mode & 0o777).toBe(0o640);
});

test("noOverwrite refuses an existing file and leaves it untouched", async () => {
  const file = tmp.file("keep.bin");
  writeFileSync(file, "precious");
  await expect(writeFileAtomic(file, bytes("new"), { noOverwrite: true })).rejects.toBeInstanceOf(FileExistsError);
  expect(readFileSync(file, "utf8")).toBe("precious");
  await writeFileAtomic(tmp.file("fresh.bin"), bytes("ok"), { noOverwrite: true });
  expect(readFileSync(tmp.file("fresh.bin"), "utf8")).toBe("ok");
  expect(readdirSync(tmp.dir).filter((n) => n.endsWith(".tmp"))).toEqual([]);
});

test("a folder that does not exist fails with ENOENT and writes nothing", async () => {
  await expect(writeFileAtomic(tmp.file("no/such/dir/x.bin"), bytes("x"))).rejects.toMatchObject({ code: "ENOENT" });
});

test("a large write is complete", async () => {
  const big = new Uint8Array(5 * 1024 * 1024).map((_, i) => i % 251);
  const file = tmp.file("big.bin");
  await writeFileAtomic(file, big);
  expect(Buffer.from(readFileSync(file)).equals(Buffer.from(big))).toBe(true);
});
