/**
 * Dev only: the page shown instead of a deck that does not compile (plugin.ts's errorPage). It reloads when the
 * deck compiles again, and when a later save fails differently, so the message on it is always the latest one.
 */
import '../../assets/theme/axon.css';

if (import.meta.hot) {
  import.meta.hot.on('axon:deck-update', () => location.reload());
  import.meta.hot.on('vite:error', () => location.reload());
}
