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

// markdown-it-attrs' helpers, which inline-attributes.ts reuses so that it reads `{…}` exactly as the plugin does.
declare module 'markdown-it-attrs/utils.js' {
  import type Token from 'markdown-it/lib/token.mjs';
  namespace attrsUtils {
    interface Options {
      leftDelimiter: string;
      rightDelimiter: string;
      allowedAttributes: Array<string | RegExp>;
      allowedAttributeValues: Array<string | RegExp>;
    }
  }
  const attrsUtils: {
    getAttrs(text: string, start: number, options: attrsUtils.Options): Array<[string, string]>;
    addAttrs(attributes: Array<[string, string]>, token: Token): Token;
    hasDelimiters(where: 'start' | 'end' | 'only', options: attrsUtils.Options): (text: string) => boolean;
  };
  export default attrsUtils;
}
