// markdown-it-container ships no type declarations; these are the parts Axon relies on.
declare module 'markdown-it-container' {
  import type MarkdownIt from 'markdown-it';
  import type { RenderRule } from 'markdown-it/lib/renderer.mjs';
  interface ContainerOptions {
    marker?: string;
    validate?: (params: string, markup: string) => boolean;
    render?: RenderRule;
  }
  const container: (md: MarkdownIt, name: string, options?: ContainerOptions) => void;
  export default container;
}
