import type { Database } from '@oshaq/db';
import type { RouteTable } from '../http/route-table.js';

export interface MeetingRouteDeps {
  db: Database;
  today: () => string;
}

// Placeholder: the meetings, instructions and discipline routes are added here.
export function meetingRoutes(_table: RouteTable, _deps: MeetingRouteDeps): void {}
