import { lazy, Suspense, useCallback, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useSearchUpdate } from '../app/useSearchUpdate';
import { useHotspot, useSession } from '../api/hooks';
import type { HotspotFeature } from '../api/types';
import { canCreateHotspots } from '../auth/permissions';
import { CountsBar } from '../dashboard/CountsBar';
import { ExportButtons } from '../hotspots/ExportButtons';
import { FilterBar } from '../hotspots/FilterBar';
import { HotspotForm } from '../hotspots/HotspotForm';
import { HotspotList, type ListSort } from '../hotspots/HotspotList';
import { HotspotPanel } from '../hotspots/HotspotPanel';
import { useHotspotEditing } from '../hotspots/useHotspotEditing';
import { usePlacing } from '../hotspots/usePlacing';
import { HotspotMap } from './HotspotMap';
import { useLayers } from './useLayers';
import { LayerPanel } from './LayerPanel';
import { useRevealPanel } from './useRevealPanel';
import { useSelection } from './useSelection';
import { ShowPlace } from './ShowPlace';
import { readView, writeView } from './viewport';
import type { MapView } from './ViewTracker';

// Drawing (leaflet-geoman) is loaded only when someone draws: viewers and akimat staff never need it.
const DrawTool = lazy(() => import('./DrawTool').then((module) => ({ default: module.DrawTool })));

/** The home page: filters, the counts a meeting quotes, the map and the list, all for one selection. */
export function MapPage() {
  const { t } = useTranslation();
  const { selection, filters, setSelection, selectedId, select, today } = useSelection();
  const [search] = useSearchParams();
  const update = useSearchUpdate();
  const user = useSession().data?.user;
  const [layers, setLayers] = useLayers();
  const [initialView] = useState(() => readView(search.get('at')));
  const selected = useHotspot(selectedId);
  const [focus, setFocus] = useState<HotspotFeature>();
  // The list's order, held here so the export links hand out the rows as the list shows them.
  const [sort, setSort] = useState<ListSort>('-registered_on');
  const editing = useHotspotEditing();
  const drawing = editing.creating ?? (editing.editing ? 'point' : undefined);
  // A place typed or chosen by name in the form: drawn as the point and brought into view.
  const placing = usePlacing(drawing && `${editing.editing?.id ?? 'new'}:${drawing}`, editing.setGeometry);
  const side = useRef<HTMLElement>(null);
  // The map brings each newly selected hotspot into view with its surroundings, however it was
  // selected: from the list at once, from a marker or after saving once its detail has arrived.
  const shown = selected.data?.id === selectedId ? selected.data : undefined;
  if (shown && focus?.id !== shown.id) setFocus(shown);

  const rememberView = useCallback(
    (view: MapView) =>
      update((params) => params.set('at', writeView({ zoom: view.zoom, lat: view.center[0], lon: view.center[1] })), {
        replace: true,
      }),
    [update],
  );
  const chooseFromList = useCallback(
    (feature: HotspotFeature) => {
      select(feature.id);
      setFocus(feature);
    },
    [select],
  );

  const formOpen = Boolean(editing.creating || editing.editing);
  useRevealPanel(side, formOpen ? undefined : shown?.id, formOpen);
  // After "someone else changed this" the form opens the current version: keyed by version, it
  // starts again from that version's values, and its Save carries that version.
  const { startEditing } = editing;
  const reloadEdited = useCallback(async () => {
    const fresh = await selected.refetch();
    if (fresh.data) startEditing(fresh.data);
  }, [selected, startEditing]);
  const form = formOpen && (
    <HotspotForm
      key={editing.editing ? `${editing.editing.id}@${editing.editing.properties.version}` : editing.creating}
      feature={editing.editing}
      geometry={editing.geometry}
      today={today}
      onSubmit={editing.submit}
      onCancel={editing.stop}
      onPlace={placing.onPlace}
      onReload={editing.editing ? () => void reloadEdited() : undefined}
    />
  );

  return (
    <div className="map-page">
      <FilterBar selection={selection} onChange={setSelection} />
      <div className="toolbar">
        <CountsBar filters={filters} />
        <ExportButtons filters={filters} sort={sort} />
        {user && canCreateHotspots(user) && (
          <div className="draw-buttons" role="group" aria-label={t('hotspots.form.newTitle')}>
            {(['point', 'polygon'] as const).map((mode) => (
              <button
                key={mode}
                type="button"
                aria-pressed={editing.creating === mode}
                onClick={() => editing.startCreating(editing.creating === mode ? undefined : mode)}
                data-action={`new-${mode}`}
              >
                {t(`map.draw.${mode}`)}
              </button>
            ))}
          </div>
        )}
      </div>
      <div className="map-and-list">
        <HotspotMap
          filters={filters}
          layers={layers}
          selectedId={selectedId}
          onSelect={select}
          initialView={initialView}
          onViewChange={rememberView}
          focus={focus}
          overlay={<LayerPanel layers={layers} onChange={setLayers} filters={filters} />}
        >
          {drawing && (
            <Suspense fallback={null}>
              <DrawTool
                key={placing.drawKey ?? editing.editing?.id ?? drawing}
                mode={drawing}
                geometry={placing.drawGeometry ?? (editing.editing ? editing.geometry : undefined)}
                onChange={editing.setGeometry}
              />
            </Suspense>
          )}
          <ShowPlace choice={placing.shown?.choice} serial={placing.shown?.serial} />
        </HotspotMap>
        <aside className="side" aria-label={t('hotspots.list.title')} ref={side}>
          {form || (
            <>
              {selectedId && (
                <HotspotPanel
                  detail={selected}
                  onClose={() => select(undefined)}
                  onEdit={() => selected.data && editing.startEditing(selected.data)}
                />
              )}
              <HotspotList
                filters={filters}
                selectedId={selectedId}
                onChoose={chooseFromList}
                sort={sort}
                onSortChange={setSort}
              />
            </>
          )}
        </aside>
      </div>
    </div>
  );
}
