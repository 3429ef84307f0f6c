import { createElementObject, createLayerComponent, type LayerProps } from '@react-leaflet/core';
import L from 'leaflet';
import type { SettlementCollection } from '@oshaq/api/contract/places';
import { textElement } from './text-content';

type Settlement = SettlementCollection['features'][number];

export interface SettlementLabelsProps extends LayerProps {
  settlements: SettlementCollection | undefined;
  /** The settlement's name in the interface's language. */
  name: (settlement: Settlement['properties']) => string;
  /** The credit the map shows while settlements are drawn (plain text; escaped here). */
  credit: (licences: string[]) => string;
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);

/**
 * Settlement names drawn as text labels (a DOM text node each, never markup) at their points. They
 * take no clicks or keys: the map under them stays drawable. The layer is created once; new data
 * replaces only the labels that changed, and a new language renames them in place. Leaflet's
 * attribution control takes HTML, so the credit is escaped before it goes there.
 */
export class SettlementMarkers extends L.LayerGroup {
  private look: SettlementLabelsProps;
  private readonly labels = new Map<number, { marker: L.Marker; settlement: Settlement }>();
  private credited: string | undefined;

  constructor(props: SettlementLabelsProps) {
    super();
    this.look = props;
    this.show(props.settlements);
  }

  override onAdd(map: L.Map): this {
    super.onAdd(map);
    this.credit();
    return this;
  }

  override onRemove(map: L.Map): this {
    this.uncredit(map);
    super.onRemove(map);
    return this;
  }

  applyProps(next: SettlementLabelsProps, previous: SettlementLabelsProps) {
    this.look = next;
    if (next.settlements !== previous.settlements) this.show(next.settlements);
    if (next.name !== previous.name) {
      for (const { marker, settlement } of this.labels.values()) marker.setIcon(this.iconOf(settlement));
    }
    this.credit();
  }

  private show(settlements: SettlementCollection | undefined) {
    const wanted = new Map((settlements?.features ?? []).map((settlement) => [settlement.id, settlement]));
    for (const [id, { marker }] of this.labels) {
      if (wanted.has(id)) continue;
      this.removeLayer(marker);
      this.labels.delete(id);
    }
    for (const [id, settlement] of wanted) {
      if (this.labels.has(id)) continue;
      const [lon, lat] = settlement.geometry.coordinates;
      const marker = L.marker([lat, lon], { icon: this.iconOf(settlement), interactive: false, keyboard: false });
      this.labels.set(id, { marker, settlement });
      this.addLayer(marker);
    }
    this.credit();
  }

  private iconOf(settlement: Settlement) {
    const { kind } = settlement.properties;
    return L.divIcon({
      className: `settlement-label settlement-${kind}`,
      html: textElement('span', this.look.name(settlement.properties)),
      iconSize: undefined,
    });
  }

  /** Credits the sources of the labels shown (none shown: no credit). */
  private credit() {
    const map = (this as unknown as { _map?: L.Map })._map;
    const licences = this.labels.size > 0 ? (this.look.settlements?.licences ?? []) : [];
    const text = licences.length > 0 ? escapeHtml(this.look.credit(licences)) : undefined;
    if (!map || text === this.credited) return;
    this.uncredit(map);
    if (text) map.attributionControl?.addAttribution(text);
    this.credited = text;
  }

  private uncredit(map: L.Map) {
    if (this.credited) map.attributionControl?.removeAttribution(this.credited);
    this.credited = undefined;
  }
}

export const SettlementLabels = createLayerComponent<SettlementMarkers, SettlementLabelsProps>(
  (props, context) => createElementObject(new SettlementMarkers(props), context),
  (layer, props, previous) => layer.applyProps(props, previous),
);
