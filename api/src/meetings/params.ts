import { z } from 'zod';
import { idParam } from '../http/params.js';

/** Path parameters of the meeting routes. */

export const meetingParams = z.object({ id: idParam('a meeting') }).strict();
export const itemParams = z.object({ id: idParam('a meeting'), itemId: idParam('an agenda item') }).strict();
export const hotspotParams = z.object({ id: z.uuid({ error: 'must be a hotspot id (a UUID)' }) }).strict();
