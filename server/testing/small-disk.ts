/** A real filesystem of a few megabytes (tmpfs) that a test can fill to the last byte and free again. */
import { execFileSync } from "node:child_process";
import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export interface SmallDisk {
  /** The mount point: files put here share its few megabytes. */
  dir: string;
  /** Write a filler file until the filesystem answers ENOSPC, so the next byte anyone writes fails. */
  fill(): void;
  /** Delete the filler: the space is back. */
  free(): void;
  /** Unmount and remove the mount point (the files on it go with it). */
  destroy(): void;
}

/**
 * Mount a tmpfs of `megabytes` on a new temporary folder. Mounting needs root (CI runs as root); without it this
 * throws with the reason, so a full-disk test fails loudly instead of passing without having filled a disk.
 */
export function mountSmallDisk(megabytes: number): SmallDisk {
  const dir = mkdtempSync(join(tmpdir(), "tafelronde-small-disk-"));
  try {
    execFileSync("mount", ["-t", "tmpfs", "-o", `size=${megabytes}m,mode=0755`, "tmpfs", dir], { stdio: "pipe" });
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    const stderr = (error as { stderr?: Buffer }).stderr?.toString().trim();
    throw new Error(
      `this test fills a real filesystem and must mount a tmpfs of ${megabytes} MB, which needs root ` +
        `(uid ${process.getuid?.() ?? "?"}): mount said ${stderr || (error as Error).message}`,
    );
  }
  const filler = join(dir, "filler");
  let mounted = true;
  return {
    dir,
    fill() {
      const fd = openSync(filler, "a");
      try {
        // Big chunks first, then smaller ones, so what a big write leaves over is taken too.
        for (const size of [1 << 20, 1 << 16, 1 << 12, 1 << 9, 1]) {
          const chunk = Buffer.alloc(size, 0x55);
          for (;;) {
            try {
              if (writeSync(fd, chunk) < size) break;
            } catch (error) {
              if ((error as { code?: string }).code === "ENOSPC") break;
              throw error;
            }
          }
        }
      } finally {
        closeSync(fd);
      }
    },
    free() {
      rmSync(filler, { force: true });
    },
    destroy() {
      if (!mounted) return;
      mounted = false;
      try {
        execFileSync("umount", [dir], { stdio: "pipe" });
      } catch {
        // A database a failed test left open keeps the mount busy: detach it now, it goes once that file closes.
        execFileSync("umount", ["-l", dir], { stdio: "pipe" });
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
