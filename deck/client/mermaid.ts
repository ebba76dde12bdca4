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
    theme: theme === 'dark' ? 'dark' : 'default',
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
