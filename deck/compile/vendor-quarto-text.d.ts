// markdown-it-footnote and citation-js ship no type declarations; these are the parts footnotes.ts and
// citations.ts rely on.
declare module 'markdown-it-footnote' {
  import type { PluginSimple } from 'markdown-it';
  const footnote: PluginSimple;
  export default footnote;
}

declare module '@citation-js/core' {
  /** One bibliography entry as CSL-JSON (only `id` is read by Axon itself). */
  export interface CslEntry {
    id: string;
    [field: string]: unknown;
  }
  export class Cite {
    constructor(data: string | object);
    data: CslEntry[];
  }
  export const plugins: {
    config: { get(name: '@csl'): CslConfig };
  };
  export interface CslConfig {
    engine(data: CslEntry[], style: string, lang: string, format: 'html' | 'text'): CiteprocEngine;
    styles: { has(name: string): boolean; add(name: string, xml: string): void };
  }
  export interface CiteprocCitation {
    citationID: string;
    citationItems: Array<Record<string, unknown> & { id: string }>;
    properties: { noteIndex: number; mode?: 'composite' | 'author-only' | 'suppress-author' };
  }
  export interface CiteprocEngine {
    updateItems(ids: string[]): void;
    rebuildProcessorState(citations: CiteprocCitation[], format: string, uncited: unknown[]): Array<[string, number, string]>;
    makeBibliography(): [{ entry_ids: string[][]; bibstart: string; bibend: string }, string[]] | false;
  }
}

declare module '@citation-js/plugin-bibtex';
declare module '@citation-js/plugin-csl';
