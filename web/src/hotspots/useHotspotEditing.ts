import { useCallback, useState } from 'react';
import { useSearchParams } from 'react-router';
import { useSearchUpdate } from '../app/useSearchUpdate';
import { useCreateHotspot, useEditHotspot } from '../api/hooks';
import type { HotspotDetail } from '../api/types';
import type { DrawMode } from '../map/DrawTool';
import type { DrawnGeometry } from './geometry-check';
import { toPatch, toRequest, type FormValues } from './HotspotForm';

/**
 * Creating (the drawing mode lives in the URL as `new=point|polygon`) and editing a hotspot:
 * the geometry drawn on the map and the form beside it share this state.
 */
export function useHotspotEditing() {
  const [search] = useSearchParams();
  const update = useSearchUpdate();
  const requested = search.get('new');
  const creating: DrawMode | undefined = requested === 'point' || requested === 'polygon' ? requested : undefined;
  const [editing, setEditing] = useState<HotspotDetail>();
  const [geometry, setGeometry] = useState<DrawnGeometry>();
  const create = useCreateHotspot();
  const edit = useEditHotspot();

  const startCreating = useCallback(
    (mode: DrawMode | undefined) => {
      setGeometry(undefined);
      setEditing(undefined);
      update((next) => {
        if (mode) next.set('new', mode);
        else next.delete('new');
        if (mode) next.delete('h');
      });
    },
    [update],
  );
  const startEditing = useCallback((hotspot: HotspotDetail) => {
    setGeometry(hotspot.geometry as DrawnGeometry);
    setEditing(hotspot);
  }, []);
  const stop = useCallback(() => {
    setEditing(undefined);
    startCreating(undefined);
  }, [startCreating]);
  /** Leaves drawing and selects the saved hotspot. */
  const finish = useCallback(
    (id: string) => {
      setEditing(undefined);
      setGeometry(undefined);
      update((next) => {
        next.delete('new');
        next.set('h', id);
      });
    },
    [update],
  );

  const submit = useCallback(
    async (values: FormValues, idempotencyKey: string) => {
      if (!geometry) return;
      if (editing) {
        const patch = toPatch(values, geometry);
        await edit.mutateAsync({ id: editing.id, version: editing.properties.version, patch });
        finish(editing.id);
      } else {
        const created = await create.mutateAsync({ body: toRequest(values, geometry), idempotencyKey });
        finish(created.id);
      }
    },
    [geometry, editing, edit, create, finish],
  );

  return { creating, editing, geometry, setGeometry, startCreating, startEditing, stop, submit };
}
