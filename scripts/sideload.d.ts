// Types for sideload.js.
export const DESKTOP_PLATFORMS: readonly string[];
export const MANIFEST: string;
export type SideloadPlan = { exitCode: number; message: string } | { run: string[] };
export function planSideload(
  command: "start" | "stop",
  context: { platform: string; cli: string | null; args: string[] }
): SideloadPlan;
