/**
 * What `<backprop-walkthrough>` draws, as Lit templates of its state (the settings, the engine's values and
 * the step position): the network diagram (SVG), the formula of the step (KaTeX, typeset here at run time),
 * the two value tables and the loss history. No state and no events: the element owns both.
 */
import { html, nothing, svg } from 'lit';
import { tex } from '../shared/views/tex.ts';
import {
  ACTIVATION_LABELS,
  STEPS,
  formatNumber,
  shownHistory,
  shownValue,
  type DiagramEdge,
  type DiagramNode,
  type LossHistoryEntry,
  type Phase,
  type WalkthroughSettings,
  type WalkthroughStep,
  type WalkthroughValues,
} from './backprop-walkthrough.model.ts';
import { DIAGRAM_WIDTH } from './backprop-walkthrough.styles.ts';

/** The state every view reads. */
export interface WalkthroughView {
  /** The current iteration's starting point. */
  settings: WalkthroughSettings;
  /** The engine's numbers for it (undefined until computed). */
  values: WalkthroughValues | undefined;
  /** How many steps are shown: 0 (none) … STEP_COUNT (all). */
  position: number;
  /** The step shown at `position` (undefined at 0). */
  step: WalkthroughStep | undefined;
}

/**
 * The diagram's geometry in SVG units (about slide pixels at the widget's usual width; its text sizes, in
 * backprop-walkthrough.styles.ts, are chosen from DIAGRAM_WIDTH so that they draw at the room's floor).
 */
const DIAGRAM = { width: DIAGRAM_WIDTH, height: 272, rowY: 178, nodeR: 24, paramY: 54, paramW: 134, paramH: 106 } as const;
const NODE_X: Record<'x' | 'z1' | 'v' | 'yhat' | 'L', number> = { x: 44, z1: 240, v: 400, yhat: 556, L: 694 };
const PARAM_X: Record<'w1' | 'b1' | 'w2' | 'b2' | 'y', number> = { w1: 100, b1: 240, w2: 440, b2: 580, y: 694 };
const NODE_LABELS: Record<DiagramNode, string> = { x: 'x', z1: 'z₁', v: 'v', yhat: 'ŷ', L: 'L', y: 'y', w1: 'w₁', b1: 'b₁', w2: 'w₂', b2: 'b₂' };

/** Which gradient each node and parameter shows below it, and which value above (by quantity). */
const NODE_VALUE: Partial<Record<DiagramNode, keyof WalkthroughValues>> = { z1: 'z1', v: 'v', yhat: 'yhat', L: 'loss' };
const NODE_GRADIENT: Partial<Record<DiagramNode, keyof WalkthroughValues>> = {
  z1: 'dLdz1', v: 'dLdv', yhat: 'dLdyhat', w1: 'dLdw1', b1: 'dLdb1', w2: 'dLdw2', b2: 'dLdb2',
};
const PARAM_NEXT: Record<'w1' | 'b1' | 'w2' | 'b2', keyof WalkthroughValues> = { w1: 'w1Next', b1: 'b1Next', w2: 'w2Next', b2: 'b2Next' };

/** The table's two halves: the forward pass and the update, then the gradients. */
const TABLES: ReadonlyArray<{ caption: string; quantities: ReadonlyArray<keyof WalkthroughValues> }> = [
  { caption: 'Forward & update', quantities: ['z1', 'v', 'yhat', 'loss', 'w1Next', 'b1Next', 'w2Next', 'b2Next'] },
  { caption: 'Backward pass', quantities: ['dLdyhat', 'dLdw2', 'dLdb2', 'dLdv', 'dLdz1', 'dLdw1', 'dLdb1'] },
];

/** Each quantity's name as the table typesets it (its plain name, `dL/dw1`, stays its accessible name). */
const NAME_TEX: Partial<Record<keyof WalkthroughValues, string>> = {
  z1: 'z_1', v: 'v', yhat: '\\hat{y}', loss: 'L',
  w1Next: "w_1'", b1Next: "b_1'", w2Next: "w_2'", b2Next: "b_2'",
  dLdyhat: '\\partial L / \\partial \\hat{y}', dLdw2: '\\partial L / \\partial w_2', dLdb2: '\\partial L / \\partial b_2',
  dLdv: '\\partial L / \\partial v', dLdz1: '\\partial L / \\partial z_1', dLdw1: '\\partial L / \\partial w_1', dLdb1: '\\partial L / \\partial b_1',
};

/** The chain as a whole, shown before the first step. */
const OVERVIEW_TEX = 'x \\to z_1 = w_1 x + b_1 \\to v = f(z_1) \\to \\hat{y} = w_2 v + b_2 \\to L = (\\hat{y} - y)^2';

/** The network, the current step's target and sources lit in its phase's colour, values and gradients beside each part. */
export function renderDiagram(view: WalkthroughView) {
  const { settings: s, step } = view;
  const { rowY, nodeR, paramY, paramW, paramH } = DIAGRAM;
  const roleOf = (element: DiagramNode) => (step?.target === element ? 'target' : step?.sources.includes(element) ? 'source' : '');
  const edgeClass = (edge: DiagramEdge) => (step?.edges.includes(edge) ? 'edge active' : 'edge');
  const paramBottom = paramY + paramH / 2;
  const line = (edge: DiagramEdge, x1: number, y1: number, x2: number, y2: number) =>
    svg`<line class=${edgeClass(edge)} x1=${x1} y1=${y1} x2=${x2} y2=${y2} marker-end=${step?.edges.includes(edge) ? 'url(#bw-arrow-active)' : 'url(#bw-arrow)'}></line>`;
  const diagonal = nodeR * Math.SQRT1_2;
  const valueText = (quantity: keyof WalkthroughValues, x: number, y: number, cls: string) => {
    const { text, revealed } = shownValue(view.values, view.position, quantity);
    return svg`<text class="${cls} ${revealed ? '' : 'pending'}" x=${x} y=${y} text-anchor="middle">${text}</text>`;
  };
  const nextText = (quantity: keyof WalkthroughValues, x: number, y: number) => {
    const { text, revealed } = shownValue(view.values, view.position, quantity);
    // No arrow before the number: at the room's text size "→ 0.5384" is wider than its box (green says "after").
    return revealed ? svg`<text class="next-text" x=${x} y=${y} text-anchor="middle">${text}</text>` : nothing;
  };
  const node = (name: 'x' | 'z1' | 'v' | 'yhat' | 'L') => {
    const cx = NODE_X[name];
    const value = NODE_VALUE[name];
    const gradient = NODE_GRADIENT[name];
    return svg`<g class=${roleOf(name)}>
      <circle class="node" cx=${cx} cy=${rowY} r=${nodeR}></circle>
      <text class="symbol" x=${cx} y=${rowY + 7} text-anchor="middle">${NODE_LABELS[name]}</text>
      ${name === 'x' ? svg`<text class="value-text" x=${cx} y=${rowY + nodeR + 28} text-anchor="middle">${formatNumber(s.x)}</text>` : nothing}
      ${value ? valueText(value, cx, rowY + nodeR + 28, 'value-text') : nothing}
      ${gradient ? valueText(gradient, cx, rowY + nodeR + 55, 'grad-text') : nothing}
    </g>`;
  };
  const param = (name: 'w1' | 'b1' | 'w2' | 'b2' | 'y') => {
    const cx = PARAM_X[name];
    const width = name === 'y' ? 80 : paramW;
    const gradient = NODE_GRADIENT[name];
    const next = name === 'y' ? undefined : PARAM_NEXT[name];
    const top = paramY - paramH / 2;
    return svg`<g class=${roleOf(name)}>
      <rect class="param" x=${cx - width / 2} y=${top} width=${width} height=${name === 'y' ? 32 : paramH} rx="8"></rect>
      ${name === 'y'
        ? svg`<text class="param-text" x=${cx} y=${top + 23} text-anchor="middle"><tspan font-style="italic">y</tspan> = ${formatNumber(s.y)}</text>`
        : // The name and its value on lines of their own: "w₁ = 0.5384" at the room's size is wider than the box.
          svg`<text class="param-text" x=${cx} y=${top + 23} text-anchor="middle" font-style="italic">${NODE_LABELS[name]}</text>
            <text class="param-text" x=${cx} y=${top + 48} text-anchor="middle">${formatNumber(s[name])}</text>`}
      ${gradient ? valueText(gradient, cx, top + 73, 'grad-text') : nothing}
      ${next ? nextText(next, cx, top + 98) : nothing}
    </g>`;
  };
  return html`<svg
    viewBox="0 0 ${DIAGRAM.width} ${DIAGRAM.height}"
    role="img"
    aria-label="The network x → z1 → v → ŷ → L with weights w1, b1, w2, b2; the table lists every value"
    class=${step ? `phase-${step.phase}` : ''}
  >
    <defs>
      <marker id="bw-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto">
        <path class="arrow" d="M0,0 L10,5 L0,10 z"></path>
      </marker>
      <marker id="bw-arrow-active" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="5" markerHeight="5" orient="auto">
        <path class="arrow active" d="M0,0 L10,5 L0,10 z"></path>
      </marker>
    </defs>
    ${line('x-z1', NODE_X.x + nodeR, rowY, NODE_X.z1 - nodeR - 3, rowY)}
    ${line('w1-z1', PARAM_X.w1 + 20, paramBottom, NODE_X.z1 - diagonal - 2, rowY - diagonal - 2)}
    ${line('b1-z1', PARAM_X.b1, paramBottom, NODE_X.z1, rowY - nodeR - 3)}
    ${line('z1-v', NODE_X.z1 + nodeR, rowY, NODE_X.v - nodeR - 3, rowY)}
    ${line('v-yhat', NODE_X.v + nodeR, rowY, NODE_X.yhat - nodeR - 3, rowY)}
    ${line('w2-yhat', PARAM_X.w2 + 20, paramBottom, NODE_X.yhat - diagonal - 2, rowY - diagonal - 2)}
    ${line('b2-yhat', PARAM_X.b2, paramBottom, NODE_X.yhat, rowY - nodeR - 3)}
    ${line('yhat-L', NODE_X.yhat + nodeR, rowY, NODE_X.L - nodeR - 3, rowY)}
    ${line('y-L', PARAM_X.y, paramY - paramH / 2 + 32, NODE_X.L, rowY - nodeR - 3)}
    <text class="edge-label" x=${(NODE_X.z1 + NODE_X.v) / 2} y=${rowY - 12} text-anchor="middle">f = ${ACTIVATION_LABELS[s.activation]}</text>
    <text class="edge-label" x=${(NODE_X.yhat + NODE_X.L) / 2} y=${rowY - 12} text-anchor="middle">(ŷ − y)²</text>
    ${(['x', 'z1', 'v', 'yhat', 'L'] as const).map(node)}
    ${(['w1', 'b1', 'w2', 'b2', 'y'] as const).map(param)}
  </svg>`;
}

/** The step's formula with its numbers, typeset by KaTeX (the whole chain before the first step). */
export function renderFormula(view: WalkthroughView) {
  const source = view.step && view.values ? view.step.formula(view.settings, view.values) : OVERVIEW_TEX;
  // Inline mode with \displaystyle (tex.ts): full-size fractions, and KaTeX may break a long formula after an "=".
  return html`<div class="formula">${tex(source)}</div>`;
}

/** Every quantity's row, its value once revealed ("not yet computed" before), the current step's row marked. */
export function renderTables(view: WalkthroughView) {
  const phaseOf = (quantity: keyof WalkthroughValues): Phase => STEPS.find((s) => s.quantity === quantity)!.phase;
  return html`<div class="tables">
    ${TABLES.map(
      (table) => html`<table>
        <caption>${table.caption}</caption>
        <tbody>
          ${table.quantities.map((quantity) => {
            const definition = STEPS.find((s) => s.quantity === quantity)!;
            const { text, revealed } = shownValue(view.values, view.position, quantity);
            return html`<tr aria-current=${view.step?.quantity === quantity ? 'true' : nothing}>
              <th scope="row"><span class="sr-only">${definition.name}</span><span class="tex" aria-hidden="true">${tex(NAME_TEX[quantity] ?? definition.name, false, 'html')}</span></th>
              ${revealed
                ? html`<td class=${phaseOf(quantity)}>${text}</td>`
                : html`<td class="hidden"><span aria-hidden="true">?</span><span class="sr-only">not yet computed</span></td>`}
            </tr>`;
          })}
        </tbody>
      </table>`,
    )}
  </div>`;
}

/** The loss of each iteration run so far, as bars and numbers; the current one once its forward pass reached L. */
export function renderHistory(history: readonly LossHistoryEntry[], position: number) {
  const shown = shownHistory(history, position);
  if (!shown.length) return nothing;
  const largest = Math.max(...shown.map((h) => (Number.isFinite(h.loss) ? h.loss : 0)), 1e-12);
  const barWidth = 9;
  const height = 22;
  const width = shown.length * (barWidth + 3);
  return html`<p class="history" role="status">
    <svg class="bars" aria-hidden="true" width=${width} height=${height} viewBox="0 0 ${width} ${height}">
      ${shown.map((h, i) => {
        const barHeight = Number.isFinite(h.loss) ? Math.max(1, (h.loss / largest) * height) : height;
        return svg`<rect class="bar" x=${i * (barWidth + 3)} y=${height - barHeight} width=${barWidth} height=${barHeight}></rect>`;
      })}
    </svg>
    L per iteration: ${shown.map((h, i) => html`${i ? ' → ' : ''}<span class="entry">#${h.iteration} ${formatNumber(h.loss)}</span>`)}
  </p>`;
}
