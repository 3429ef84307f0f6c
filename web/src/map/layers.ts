import type { StatusGroup } from './styles';

/** What the person chose to see on the map; the legend shows exactly these. */
export interface LayerChoice {
  hiddenCategories: string[];
  statuses: StatusGroup[];
  boundaries: boolean;
  choropleth: boolean;
}

export const DEFAULT_LAYERS: LayerChoice = {
  hiddenCategories: [],
  statuses: ['open', 'resolved', 'dismissed'],
  boundaries: true,
  choropleth: false,
};
