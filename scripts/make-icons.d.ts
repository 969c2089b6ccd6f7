// Types for make-icons.js.
export const ICON_SIZES: readonly number[];
export const ICON_COLOUR: { readonly r: number; readonly g: number; readonly b: number };
export function encodePng(width: number, height: number, rgba: Uint8Array): Buffer;
export function renderIcon(size: number): Buffer;
export function iconPath(size: number, dir?: string): string;
export function crc32(buffer: Uint8Array): number;
export function icoFromPngs(pngs: Readonly<Record<number, Uint8Array>>): Buffer;
export function faviconIco(dir?: string): Buffer;
