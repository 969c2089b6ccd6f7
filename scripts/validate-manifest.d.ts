// Types for validate-manifest.js.
export function classifyOnlineResult(result: {
  status: number | null;
  output: string;
  timedOut: boolean;
}): "valid" | "invalid" | "unreachable";
export function main(argv: string[]): number;
