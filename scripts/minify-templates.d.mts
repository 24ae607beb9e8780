import type { Plugin } from 'rollup';
export function minifyCss(text: string): string;
export function minifyHtml(text: string): string;
export function minifyTemplates(options: { include: RegExp }): Plugin;
