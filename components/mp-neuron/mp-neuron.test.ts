import { describe, expect, it } from 'vitest';
import {
  GATES,
  PRESETS,
  bestRowsOnGrid,
  computesGate,
  describeComparison,
  failingRows,
  formatNumber,
  gridUnits,
  inputCombinations,
  parseNeuronAttributes,
  runXorNetwork,
  searchGrid,
  sliderGrid,
  truthTable,
  unitOutput,
  xorConditions,
  type Bit,
  type GateName,
  type NeuronAttributes,
} from './mp-neuron.model.ts';

/** The gates' truth tables, written out by hand (x₁ x₂ → y), independent of the model's GATES. */
const EXPECTED: Record<Exclude<GateName, 'not'>, Record<string, Bit>> = {
  and: { '00': 0, '01': 0, '10': 0, '11': 1 },
  or: { '00': 0, '01': 1, '10': 1, '11': 1 },
  nand: { '00': 1, '01': 1, '10': 1, '11': 0 },
  nor: { '00': 1, '01': 0, '10': 0, '11': 0 },
  xor: { '00': 0, '01': 1, '10': 1, '11': 0 },
};

const attributes = (given: Partial<NeuronAttributes>): NeuronAttributes => ({ inputs: null, weights: null, threshold: null, gate: null, ...given });

describe('the threshold unit', () => {
  it('fires exactly when Σ wᵢxᵢ ≥ θ, the boundary included', () => {
    const unit = { weights: [1, 0.5, -2], threshold: 1.5 };
    expect(unitOutput(unit, [1, 1, 0])).toBe(1); // 1.5 ≥ 1.5
    expect(unitOutput(unit, [1, 0, 0])).toBe(0); // 1 < 1.5
    expect(unitOutput(unit, [1, 1, 1])).toBe(0); // −0.5 < 1.5
    expect(unitOutput({ weights: [0], threshold: 0 }, [0])).toBe(1);
  });

  it('lists the 2ⁿ input rows in truth-table order, x₁ most significant', () => {
    expect(inputCombinations(1)).toEqual([[0], [1]]);
    expect(inputCombinations(2)).toEqual([[0, 0], [0, 1], [1, 0], [1, 1]]);
    const rows = inputCombinations(4);
    expect(rows).toHaveLength(16);
    expect(new Set(rows.map((r) => r.join(''))).size).toBe(16);
    expect(rows[5]).toEqual([0, 1, 0, 1]);
  });

  it('writes the comparison the way the status line shows it', () => {
    expect(describeComparison({ weights: [1, 1], threshold: 1.5 }, [1, 0])).toBe('Σ wᵢxᵢ = 1.0 ≥ θ = 1.5? no');
    expect(describeComparison({ weights: [-1, -1], threshold: -1.5 }, [1, 0])).toBe('Σ wᵢxᵢ = −1.0 ≥ θ = −1.5? yes');
    expect(formatNumber(-0)).toBe('0.0');
  });
});

describe('presets', () => {
  for (const gate of ['and', 'or', 'nand', 'nor'] as const) {
    it(`${gate.toUpperCase()} gives the ${gate.toUpperCase()} truth table on every input row`, () => {
      const table = truthTable(PRESETS[gate]);
      expect(table).toHaveLength(4);
      for (const row of table) expect(row.output, `row ${row.inputs.join('')}`).toBe(EXPECTED[gate][row.inputs.join('')]);
      expect(failingRows(PRESETS[gate], gate)).toEqual([]);
    });
  }

  it('NOT uses x₁ alone: 0 → 1, 1 → 0', () => {
    expect(PRESETS.not.weights).toHaveLength(1);
    expect(truthTable(PRESETS.not).map((row) => [row.inputs[0], row.output])).toEqual([[0, 1], [1, 0]]);
  });

  it('every preset sits on the slider grid, so the sliders can show it', () => {
    const grid = new Set(sliderGrid());
    for (const preset of Object.values(PRESETS)) for (const value of [...preset.weights, preset.threshold]) expect(grid.has(value)).toBe(true);
  });

  it("XOR's preset (OR's weights) fails exactly the row x₁ = x₂ = 1, which is what the widget reports", () => {
    expect(failingRows(PRESETS.xor, 'xor')).toEqual([[1, 1]]);
    const table = truthTable(PRESETS.xor, 'xor');
    expect(table.map((row) => row.target)).toEqual([0, 1, 1, 0]);
    expect(table.filter((row) => row.output !== row.target).map((row) => row.inputs)).toEqual([[1, 1]]);
  });

  it('failing rows are the rows where the unit and a hand-written table disagree, for other attempts too', () => {
    const attempt = { weights: [1, -1], threshold: 0.5 }; // fires on 10 only
    expect(failingRows(attempt, 'xor')).toEqual([[0, 1]]);
    expect(failingRows({ weights: [0, 0], threshold: 0 }, 'xor')).toEqual([[0, 0], [1, 1]]);
    expect(failingRows({ weights: [0, 0], threshold: 0 }, 'nand')).toEqual([[1, 1]]);
  });
});

describe('XOR needs more than one unit', () => {
  it('the slider grid holds 13 values per weight and θ, so 13³ = 2197 two-input units', () => {
    expect(sliderGrid()).toEqual([-3, -2.5, -2, -1.5, -1, -0.5, 0, 0.5, 1, 1.5, 2, 2.5, 3]);
    expect([...gridUnits(2)]).toHaveLength(2197);
  });

  it('the exhaustive search finds the gates a single unit can compute (so it can find a solution) …', () => {
    for (const gate of ['and', 'or', 'nand', 'nor', 'not'] as const) {
      const found = searchGrid(gate);
      expect(found.length, gate).toBeGreaterThan(0);
      expect(found).toContainEqual(PRESETS[gate]);
      for (const unit of found) expect(computesGate(unit, gate)).toBe(true);
    }
  });

  it('… and finds no unit on the whole grid that computes XOR; the best get 3 of its 4 rows', () => {
    expect(searchGrid('xor')).toEqual([]);
    expect(bestRowsOnGrid('xor')).toBe(3);
    expect(bestRowsOnGrid('and')).toBe(4);
  });

  it('XOR’s four inequalities cannot all hold: for any weights (grid or not) at least one fails, and those are the failing rows', () => {
    let seed = 12345;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31; // a fixed LCG: the same numbers every run
      return (seed / 2 ** 31) * 20 - 10;
    };
    const units = [...gridUnits(2)];
    for (let i = 0; i < 2000; i += 1) units.push({ weights: [random(), random()], threshold: random() });
    for (const unit of units) {
      const broken = xorConditions(unit).filter((c) => !c.holds).map((c) => c.inputs);
      expect(broken.length).toBeGreaterThan(0);
      expect(broken).toEqual(failingRows(unit, 'xor'));
    }
  });

  it('two layers compute XOR: OR and NAND into AND', () => {
    for (const inputs of inputCombinations(2) as Array<[Bit, Bit]>) {
      expect(runXorNetwork(inputs).output, inputs.join('')).toBe(EXPECTED.xor[inputs.join('')]);
      expect(runXorNetwork(inputs).output).toBe(GATES.xor.compute(inputs));
    }
    expect(runXorNetwork([1, 1]).hidden).toEqual([1, 0]);
  });
});

describe('attributes', () => {
  it('defaults to two inputs, weights 1, θ = 1.5 and no gate, without warnings', () => {
    expect(parseNeuronAttributes(attributes({}))).toEqual({ config: { unit: { weights: [1, 1], threshold: 1.5 }, target: null }, warnings: [] });
  });

  it('reads inputs, weights and threshold', () => {
    const { config, warnings } = parseNeuronAttributes(attributes({ inputs: '3', weights: '1, -0.5,2', threshold: '-3' }));
    expect(warnings).toEqual([]);
    expect(config.unit).toEqual({ weights: [1, -0.5, 2], threshold: -3 });
    expect(parseNeuronAttributes(attributes({ inputs: '4' })).config.unit.weights).toEqual([1, 1, 1, 1]);
  });

  it('takes the gate case-insensitively, with its preset and target; weights and threshold override the preset', () => {
    expect(parseNeuronAttributes(attributes({ gate: 'XOR' })).config).toEqual({ unit: PRESETS.xor, target: 'xor' });
    expect(parseNeuronAttributes(attributes({ gate: ' Not ' })).config.unit.weights).toHaveLength(1);
    const custom = parseNeuronAttributes(attributes({ gate: 'xor', weights: '1,-1', threshold: '0.5' }));
    expect(custom).toEqual({ config: { unit: { weights: [1, -1], threshold: 0.5 }, target: 'xor' }, warnings: [] });
  });

  // Each bad value alone, which the warning names as attribute="value"; then inputs that do not fit the gate.
  const badValues: Record<'inputs' | 'weights' | 'threshold' | 'gate', string[]> = {
    inputs: ['9', '0', '2.5', 'two'],
    weights: ['1', '1,x', '1,,', '1,4', '1,0.7'],
    threshold: ['3.5', 'high', '0.25'],
    gate: ['xnor'],
  };
  const bad: Array<[Partial<NeuronAttributes>, string]> = [
    ...Object.entries(badValues).flatMap(([name, values]) => values.map((value): [Partial<NeuronAttributes>, string] => [{ [name]: value }, `${name}="${value}"`])),
    [{ gate: 'and', inputs: '3' }, 'inputs="3"'],
  ];
  for (const [given, named] of bad) {
    it(`warns about ${named} and falls back to a working unit`, () => {
      const { config, warnings } = parseNeuronAttributes(attributes(given));
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toContain(named);
      expect(config.unit.weights.length).toBeGreaterThanOrEqual(1);
      expect(config.unit.weights.every((w) => w >= -3 && w <= 3)).toBe(true);
      expect(config.unit.threshold).toBeGreaterThanOrEqual(-3);
      expect(config.unit.threshold).toBeLessThanOrEqual(3);
    });
  }

  it('falls back to the gate’s preset, not the plain default, when a gate is set', () => {
    const { config, warnings } = parseNeuronAttributes(attributes({ gate: 'nand', weights: '5,5', threshold: 'x' }));
    expect(warnings).toHaveLength(2);
    expect(config.unit).toEqual(PRESETS.nand);
  });

  it('keeps the other attributes when one is bad: inputs="9" with no weights gives the 2-input default', () => {
    const { config } = parseNeuronAttributes(attributes({ inputs: '9', threshold: '1' }));
    expect(config.unit).toEqual({ weights: [1, 1], threshold: 1 });
  });
});
