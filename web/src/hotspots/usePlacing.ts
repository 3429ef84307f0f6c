import { useCallback, useState } from 'react';
import type { DrawnGeometry } from './geometry-check';
import type { PlaceChoice } from './PlaceEntry';

interface Placed {
  choice: PlaceChoice;
  /** Counts choices, so choosing the same place twice still re-centres and redraws. */
  serial: number;
  /** The drawing this choice belongs to; another drawing (or none) forgets it. */
  drawing: string;
}

/**
 * A place chosen in the form's place entry, for the map: a point becomes the drawn geometry (the
 * drawing tool is started again on it, so it can still be dragged) and the map centres on it; an
 * area is only brought into view. `drawing` names the current drawing (the hotspot edited and the
 * mode); a choice made for another drawing is forgotten, so a new form never starts from it.
 */
export function usePlacing(drawing: string | undefined, setGeometry: (geometry: DrawnGeometry) => void) {
  const [placed, setPlaced] = useState<Placed>();
  // Leaving a drawing (cancel, save, another mode) forgets its choice, even if the same mode starts again.
  const [seen, setSeen] = useState(drawing);
  if (seen !== drawing) {
    setSeen(drawing);
    setPlaced(undefined);
  }
  const current = placed && drawing !== undefined && placed.drawing === drawing ? placed : undefined;
  const onPlace = useCallback(
    (choice: PlaceChoice) => {
      if (drawing === undefined) return;
      if (choice.kind === 'point') setGeometry({ type: 'Point', coordinates: [choice.lon, choice.lat] });
      setPlaced((before) => ({ choice, serial: (before?.serial ?? 0) + 1, drawing }));
    },
    [drawing, setGeometry],
  );
  const point =
    current?.choice.kind === 'point'
      ? ({ type: 'Point', coordinates: [current.choice.lon, current.choice.lat] } as DrawnGeometry)
      : undefined;
  return {
    onPlace,
    /** The choice to bring into view, if any. */
    shown: current,
    /** A key and geometry for the drawing tool while a typed point is being drawn. */
    drawKey: point ? `placed-${current?.serial}` : undefined,
    drawGeometry: point,
  };
}
