/**
 * The add-in's round trips: context.sync() calls per command and the largest request, counted by
 * the Office.js test double (test/excel-double) while the real adapter runs set-up, check and
 * build at each number of cases.
 */
import { measureAdapterCommands } from "../test/excel-double/measure";

export interface SyncFigures {
  readonly syncs: { readonly setup: Record<string, number>; readonly check: Record<string, number>; readonly build: Record<string, number> } | null;
  readonly maxRequestBytes: number | null;
  readonly maxResponseBytes: number | null;
  readonly requestBytes: unknown;
  /** Why the figures are missing, when they are. */
  readonly notMeasured?: string;
}

/** Measures the adapter's commands; reports "not measured" (never invented numbers) on failure. */
export async function benchSyncs(caseCounts: readonly number[]): Promise<SyncFigures> {
  try {
    const m = await measureAdapterCommands(caseCounts);
    return { syncs: m.syncs, maxRequestBytes: m.maxRequestBytes, maxResponseBytes: m.maxResponseBytes, requestBytes: m.requestBytes };
  } catch (e) {
    return { syncs: null, maxRequestBytes: null, maxResponseBytes: null, requestBytes: null, notMeasured: e instanceof Error ? e.message : String(e) };
  }
}
