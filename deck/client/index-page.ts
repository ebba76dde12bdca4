/**
 * The deck index page: its styles, and in dev a reload when a deck changes or is added — or fails to compile
 * (Vite's own error overlay is off, deck/vite/plugin.ts; the reloaded index names the deck and its line).
 */
import '../../assets/theme/axon.css';

if (import.meta.hot) {
  import.meta.hot.on('axon:deck-update', () => location.reload());
  import.meta.hot.on('vite:error', () => location.reload());
}
