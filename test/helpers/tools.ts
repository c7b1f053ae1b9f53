// Tests that need a tool the machine may lack (LibreOffice, a private PostgreSQL cluster) skip with
// the reason on a developer's machine; CI sets KIP_REQUIRE_TOOLS and installs the tools, so there a
// missing tool fails the run instead of silently skipping what it should have checked.
import { execFileSync } from 'node:child_process';

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
