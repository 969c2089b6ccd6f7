/**
 * Writing a file so that a reader never sees half of it: the bytes go to a temporary file in the
 * same folder, are flushed to disk, and the temporary file is then renamed over the target.
 */
import { randomBytes } from "node:crypto";
import { promises as fs, constants as fsConstants } from "node:fs";
import * as path from "node:path";

/** Options for {@link writeFileAtomic}. */
export interface WriteFileAtomicOptions {
  /** Refuse to replace an existing file (default false). */
  readonly noOverwrite?: boolean;
  /** File mode for a new file (default 0o666 before umask). */
  readonly mode?: number;
}

/** Thrown when the target exists and `noOverwrite` was asked for. */
export class FileExistsError extends Error {
  constructor(readonly path: string) {
    super(`${path} already exists`);
    this.name = "FileExistsError";
  }
}

/**
 * Writes `data` to `target` atomically: temporary file in the same folder, fsync, rename.
 * On any failure the temporary file is removed and the target is left as it was.
 * @example await writeFileAtomic("out.xlsx", bytes);
 */
export async function writeFileAtomic(target: string, data: Uint8Array, options: WriteFileAtomicOptions = {}): Promise<void> {
  const dir = path.dirname(path.resolve(target));
  const temp = path.join(dir, `.${path.basename(target)}.${process.pid}.${randomBytes(6).toString("hex")}.tmp`);
  let mode = options.mode ?? 0o666;
  try {
    // Keep the permissions of a file being replaced.
    mode = (await fs.stat(target)).mode & 0o7777;
    if (options.noOverwrite) throw new FileExistsError(target);
  } catch (e) {
    if (e instanceof FileExistsError) throw e;
  }

  const handle = await fs.open(temp, fsConstants.O_WRONLY | fsConstants.O_CREAT | fsConstants.O_EXCL, mode);
  try {
    try {
      let offset = 0;
      while (offset < data.length) {
        const { bytesWritten } = await handle.write(data, offset, data.length - offset);
        offset += bytesWritten;
      }
      await handle.sync();
    } finally {
      await handle.close();
    }
    if (options.noOverwrite) {
      // link() fails if the target appeared meanwhile, so an existing file is never replaced.
      let linked = true;
      try {
        await fs.link(temp, target);
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        if (code === "EEXIST") throw new FileExistsError(target);
        // Some file systems (FAT, some network shares) have no hard links: check, then rename.
        if (code !== "EPERM" && code !== "ENOTSUP" && code !== "ENOSYS" && code !== "EOPNOTSUPP") throw e;
        linked = false;
      }
      if (linked) await fs.unlink(temp);
      else if (await exists(target)) throw new FileExistsError(target);
      else await fs.rename(temp, target);
    } else {
      await fs.rename(temp, target);
    }
  } catch (e) {
    await fs.unlink(temp).catch(() => undefined);
    throw e;
  }
  await syncDirectory(dir);
}

async function exists(file: string): Promise<boolean> {
  try {
    await fs.lstat(file);
    return true;
  } catch {
    return false;
  }
}

async function syncDirectory(dir: string): Promise<void> {
  // Makes the rename itself durable where the platform allows it (not on Windows).
  let handle: fs.FileHandle | undefined;
  try {
    handle = await fs.open(dir, "r");
    await handle.sync();
  } catch {
    // Best effort only.
  } finally {
    await handle?.close().catch(() => undefined);
  }
}
