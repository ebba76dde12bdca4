/** The deck index page: its styles, and in dev a reload when a deck changes or is added. */
import '../../assets/theme/axon.css';

if (import.meta.hot) {
  import.meta.hot.on('axon:deck-update', () => location.reload());
}
