// Types for check-manifest.js (plain Node so it runs without a build step).

export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  text: string;
  line: number;
}

export interface ManifestIssue {
  severity: "error" | "warning";
  code: string;
  message: string;
  line?: number;
}

export interface RibbonButton {
  id: string;
  label: string | undefined;
  action: string | undefined;
  sourceLocation?: string | undefined;
  functionName?: string | undefined;
}

export interface CheckManifestOptions {
  assetsDir?: string;
  pagesDir?: string;
  baseUrl?: string;
  minExcelApi?: string;
}

export interface CheckManifestResult {
  issues: ManifestIssue[];
  root: XmlElement | null;
  urls: string[];
  commands?: { buttons: RibbonButton[] };
}

export function parseXml(text: string): XmlElement;
export function child(element: XmlElement | undefined, name: string): XmlElement | undefined;
export function children(element: XmlElement | undefined, name: string): XmlElement[];
export function descendants(element: XmlElement, name?: string): XmlElement[];
export function readPngSize(buffer: Buffer): { width: number; height: number } | null;
export function checkManifest(xml: string, options?: CheckManifestOptions): CheckManifestResult;
export function deriveBaseUrl(xml: string): string | null;
export function formatIssue(issue: ManifestIssue, file: string): string;
export const ROOT_ORDER: readonly string[];
export const ROOT_REQUIRED: readonly string[];
export function main(argv: string[]): number;
