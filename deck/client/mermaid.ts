/**
 * Mermaid diagrams: ```mermaid blocks arrive as <pre class="mermaid">source</pre>. The library is large,
 * so it is imported only on decks that have a diagram. Rendering goes through `mermaid.render`, which
 * lays out off-screen, because most slides are `display: none` when the deck starts.
 */
let counter = 0;

export async function renderMermaid(root: ParentNode, theme: 'light' | 'dark'): Promise<void> {
  const blocks = Array.from(root.querySelectorAll<HTMLElement>('pre.mermaid'));
  if (blocks.length === 0) return;
  const { default: mermaid } = await import('mermaid');
  // NOTE - mermaid measures labels off-screen, outside the slide; give it the slide's real font so the
  // boxes it sizes there fit the text shown here. SVG text labels (not HTML) also print and scale cleanly.
  const slideFont = getComputedStyle(document.querySelector('.reveal') ?? document.body).fontFamily;
  mermaid.initialize({
    startOnLoad: false,
    // The deck's own colours (assets/theme/axon.css), not mermaid's lavender: mermaid's `base` theme derives
    // the rest of its palette from these.
    theme: 'base',
    themeVariables: deckThemeVariables(theme),
    securityLevel: 'strict',
    fontFamily: slideFont,
    htmlLabels: false,
    flowchart: { htmlLabels: false, useMaxWidth: true },
  });
  for (const block of blocks) {
    const source = block.textContent ?? '';
    const figure = document.createElement('div');
    figure.className = 'axon-mermaid';
    try {
      const { svg } = await mermaid.render(`axon-mermaid-${++counter}`, source);
      figure.innerHTML = svg;
      figure.setAttribute('role', 'img');
      figure.setAttribute('aria-label', block.getAttribute('aria-label') ?? 'diagram');
    } catch (error) {
      figure.className = 'axon-error axon-mermaid-error';
      figure.setAttribute('role', 'note');
      figure.textContent = `Diagram error: ${error instanceof Error ? error.message : String(error)}\n\n${source}`;
    }
    block.replaceWith(figure);
  }
}

/** The deck theme's colours as mermaid's theme variables: boxes in the code background, framed in the accent. */
function deckThemeVariables(theme: 'light' | 'dark'): Record<string, string | boolean> {
  const style = getComputedStyle(document.querySelector('.reveal') ?? document.documentElement);
  const read = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback;
  const dark = theme === 'dark';
  const fg = read('--axon-fg', dark ? '#f1f5f9' : '#111827');
  const box = read('--axon-code-bg', dark ? '#1e293b' : '#f3f4f6');
  const accent = read('--axon-accent', dark ? '#93c5fd' : '#1d4ed8');
  return {
    darkMode: dark,
    background: read('--axon-bg', dark ? '#0f172a' : '#ffffff'),
    primaryColor: box,
    primaryBorderColor: accent,
    primaryTextColor: fg,
    secondaryColor: box,
    tertiaryColor: box,
    lineColor: read('--axon-muted', dark ? '#cbd5e1' : '#374151'),
    textColor: fg,
    edgeLabelBackground: read('--axon-bg', dark ? '#0f172a' : '#ffffff'),
  };
}
