/** The deck folder's own widgets (`widgets/<tag>.ts`), listed by the Vite plugin (deck/vite/local-widgets.ts). */
declare module 'virtual:axon-local-widgets' {
  /** Each tag's file (relative to the deck folder) and the import that defines the tag. */
  export const localWidgets: Readonly<Record<string, { file: string; load: () => Promise<unknown> }>>;
}
