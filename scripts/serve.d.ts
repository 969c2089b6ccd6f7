// Types for serve.js.
import type { Server } from "node:http";
export const TYPES: Readonly<Record<string, string>>;
export function createStaticServer(
  dir: string,
  options?: {
    extra?: Record<string, { type: string; body: Buffer | string }>;
    onResponse?: (pathname: string, status: number) => void;
  },
): Server;
