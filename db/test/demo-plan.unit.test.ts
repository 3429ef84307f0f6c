import { describe, expect, it } from 'vitest';
import { planDemoHotspot } from '../src/seed/demo.js';
import { demoHotspots } from '../src/seed/demo-hotspots.js';

describe('demo plan', () => {
  // Whatever day the demo is loaded on, its headline and its dates must hold.
  for (const today of ['2026-01-01', '2026-02-15', '2026-07-01', '2027-12-31', '2028-02-29']) {
    it(`on ${today}, puts 18 hotspots in the current year with 12 resolved, all dated by then`, () => {
      const plans = demoHotspots.map((spec) => planDemoHotspot(spec, today));
      const year = today.slice(0, 4);
      const current = plans.filter((plan) => plan.registeredOn.startsWith(year));
      expect(current).toHaveLength(18);
      expect(current.filter((plan) => plan.status === 'resolved')).toHaveLength(12);
      for (const plan of plans) {
        expect(plan.registeredOn <= today).toBe(true);
        for (const event of plan.events) {
          expect(event.on >= plan.registeredOn && event.on <= today).toBe(true);
        }
        if (plan.closedOn) expect(plan.closingNote?.trim()).toBeTruthy();
      }
    });
  }

  it('never moves a hotspot from a status it is not in', () => {
    for (const spec of demoHotspots) {
      const plan = planDemoHotspot(spec, '2026-11-23');
      let status = 'registered';
      for (const event of plan.events.filter((e) => e.kind === 'status_changed')) {
        expect(event.from).toBe(status);
        expect(['in_progress', 'resolved', 'dismissed']).toContain(event.to);
        if (event.to === 'resolved') expect(status).toBe('in_progress');
        status = event.to as string;
      }
    }
  });
});
