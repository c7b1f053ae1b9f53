// Tests that need a tool the machine may lack (LibreOffice, a private PostgreSQL cluster) skip with
// the reason on a developer's machine; CI sets KIP_REQUIRE_TOOLS and installs the tools, so there a
// missing tool fails the run instead of silently skipping what it should have checked.
export function missingTool(reason: string | null): string | null {
  if (reason && process.env.KIP_REQUIRE_TOOLS) throw new Error(`KIP_REQUIRE_TOOLS is set, but ${reason}`);
  return reason;
}
