// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { DEFAULT_LAYERS, readLayers, writeLayers } from '../../src/map/layers';
import { kindsAtZoom } from '../../src/map/SettlementsLayer';

describe('settlement names on the map', () => {
  it('names more kinds of settlement the closer the view, none for the whole country', () => {
    expect(kindsAtZoom(5)).toBeUndefined();
    expect(kindsAtZoom(6)).toEqual(['city']);
    expect(kindsAtZoom(9)).toEqual(['city', 'town']);
    expect(kindsAtZoom(11)).toContain('village');
    expect(kindsAtZoom(11)).not.toContain('hamlet');
    expect(kindsAtZoom(13)).toContain('hamlet');
    expect(kindsAtZoom(15)).toContain('isolated_dwelling');
  });

  it('are on by default, and turning them off is kept in the address without hiding a category', () => {
    expect(DEFAULT_LAYERS.settlements).toBe(true);
    const off = { ...DEFAULT_LAYERS, settlements: false };
    expect(writeLayers(off)).toBe('-settlements');
    expect(readLayers('-settlements')).toEqual(off);
    expect(readLayers('-settlements').hiddenCategories).toEqual([]);
  });
});
