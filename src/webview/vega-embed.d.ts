/**
 * The slice of vega-embed's API the page uses. Declared here because tsconfig's
 * `moduleResolution: "node"` cannot see vega-embed 7's types (they are only under package.json
 * "exports"); esbuild resolves the real package through "exports" when bundling.
 * If tsconfig moves to `moduleResolution: "bundler"`, this file can be deleted.
 */
declare module 'vega-embed' {
  export interface EmbedResult {
    view: { container(): HTMLElement | null; finalize(): void };
    finalize(): void;
  }
  export interface EmbedOptions {
    ast?: boolean;
    actions?: boolean;
    renderer?: 'svg' | 'canvas';
    defaultStyle?: boolean;
    tooltip?: { disableDefaultStyle?: boolean; theme?: string } | boolean;
  }
  export default function embed(element: HTMLElement, spec: object, options?: EmbedOptions): Promise<EmbedResult>;
}
