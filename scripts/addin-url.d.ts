// Types for addin-url.js.
export const DEV_URL: string;
export function normaliseDeploymentUrl(value: string, source: string): string;
export function isPlaceholderUrl(url: string): boolean;
export function resolveDeploymentUrl(options?: {
  env?: Record<string, string | undefined>;
  packageJsonPath?: string;
  log?: { warn(message: string): void };
}): string;
export function rewriteManifestUrls(xml: string, deploymentUrl: string): string;
