import { describe, expect, it } from 'vitest';
import { choroplethClass, choroplethSteps } from '../../src/map/choropleth';
import { CHOROPLETH } from '../../src/map/styles';

describe('the choropleth legend', () => {
  it('names its classes as whole-number ranges: 0, then equal steps up to the largest count', () => {
    expect(choroplethSteps(12).map((step) => [step.from, step.to])).toEqual([
      [0, 0],
      [1, 3],
      [4, 6],
      [7, 9],
      [10, 12],
    ]);
    // Fewer counts than colours: only the classes a count can fall in, each a single number.
    expect(choroplethSteps(2).map((step) => [step.from, step.to])).toEqual([
      [0, 0],
      [1, 1],
      [2, 2],
    ]);
    expect(choroplethSteps(0).map((step) => [step.from, step.to])).toEqual([[0, 0]]);
  });

  it('puts every count in the class whose colour the map paints it, for any largest count', () => {
    for (let max = 0; max <= 60; max++) {
      const steps = choroplethSteps(max);
      // The ranges follow one another without gaps from 0 to the largest count.
      steps.forEach((step, index) => index > 0 && expect(step.from).toBe(steps[index - 1]!.to + 1));
      expect(steps[steps.length - 1]!.to).toBe(max);
      for (let count = 0; count <= max; count++) {
        const step = steps.find((candidate) => candidate.from <= count && count <= candidate.to)!;
        expect(step.colour, `${count} of ${max}`).toBe(CHOROPLETH[choroplethClass(count, max)]);
      }
    }
  });
});
