// Tests that need a tool the machine may lack (LibreOffice, a private PostgreSQL cluster) skip with
// the reason on a developer's machine; CI sets KIP_REQUIRE_TOOLS and installs the tools, so there a
// missing tool fails the run instead of silently skipping what it should have checked.
import { execFile, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

export function missingTool(reason: string | null): string | null {
  if (reason && process.env.KIP_REQUIRE_TOOLS) throw new Error(`KIP_REQUIRE_TOOLS is set, but ${reason}`);
  return reason;
}

/** The path of a command on PATH, or null. */
export function which(command: string): string | null {
  try {
    return execFileSync('which', [command], { encoding: 'utf8' }).trim() || null;
  } catch {
    return null;
  }
}

/** LibreOffice's command (Debian's libreoffice-calc-nogui installs both names), or null. */
export const libreoffice = which('libreoffice') ?? which('soffice');

/**
 * Converts each file to a PDF beside it with LibreOffice, in one start of it (about 4 s of CPU each),
 * and returns the PDFs' paths. One user profile per worker process serves every conversion the
 * process makes (a worker converts one batch at a time).
 */
export async function libreofficeToPdf(...files: string[]): Promise<string[]> {
  if (!libreoffice) throw new Error('libreoffice/soffice is not installed');
  const profile = path.join(os.tmpdir(), `kip-libreoffice-profile-${process.pid}`);
  if (!fs.existsSync(profile)) process.once('exit', () => fs.rmSync(profile, { recursive: true, force: true }));
  const dir = path.dirname(files[0] ?? '');
  if (files.some((f) => path.dirname(f) !== dir)) throw new Error('libreofficeToPdf converts files of one directory');
  await promisify(execFile)(libreoffice, [`-env:UserInstallation=file://${profile}`, '--headless', '--convert-to', 'pdf', '--outdir', dir, ...files], { timeout: 120_000 });
  return files.map((file) => path.join(dir, `${path.basename(file, path.extname(file))}.pdf`));
}
