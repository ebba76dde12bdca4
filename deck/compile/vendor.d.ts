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
