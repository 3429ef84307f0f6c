import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { COORDINATES_MAX_LENGTH, readCoordinates } from '../../src/hotspots/coordinates';

const TURKESTAN = { lat: 43.30195, lon: 68.27037 };
const near = (lat: number, lon: number) => ({
  kind: 'point',
  lat: expect.closeTo(lat, 5),
  lon: expect.closeTo(lon, 5),
});

describe('reading typed coordinates', () => {
  it('reads decimal degrees latitude first, as map services give them', () => {
    expect(readCoordinates('43.30195, 68.27037')).toEqual({ kind: 'point', ...TURKESTAN, ambiguous: false });
    expect(readCoordinates('  43.30195 68.27037 ')).toMatchObject(TURKESTAN);
    expect(readCoordinates('43.30195;68.27037')).toMatchObject(TURKESTAN);
  });

  it('recognises longitude first by Kazakhstan’s ranges (latitudes 40–56, longitudes 46–88)', () => {
    expect(readCoordinates('68.27037 43.30195')).toEqual({ kind: 'point', ...TURKESTAN, ambiguous: false });
    expect(readCoordinates('68.27037, 43.30195')).toMatchObject(TURKESTAN);
  });

  it('reads decimal commas as Russian and Kazakh documents write them', () => {
    expect(readCoordinates('43,30195 68,27037')).toMatchObject(TURKESTAN);
    expect(readCoordinates('43,30195, 68,27037')).toMatchObject(TURKESTAN);
    expect(readCoordinates('43,30195;68,27037')).toMatchObject(TURKESTAN);
  });

  it('reads degrees, minutes and seconds with hemisphere letters, typographic marks included', () => {
    expect(readCoordinates(`43°18'07"N 68°16'13"E`)).toMatchObject(near(43.301944, 68.270278));
    expect(readCoordinates('43°18′07″ N, 68°16′13″ E')).toMatchObject(near(43.301944, 68.270278));
    expect(readCoordinates(`N43°18'07" E68°16'13"`)).toMatchObject(near(43.301944, 68.270278));
    expect(readCoordinates(`43° 18.12' N 68° 16.2' E`)).toMatchObject(near(43.302, 68.27));
    expect(readCoordinates('43.30195N 68.27037E')).toMatchObject(TURKESTAN);
    // Russian and Kazakh hemisphere letters: с.ш. / в.д., солтүстік / шығыс.
    expect(readCoordinates(`43°18'07"с 68°16'13"в`)).toMatchObject(near(43.301944, 68.270278));
    expect(readCoordinates(`68°16'13"Ш 43°18'07"С`)).toMatchObject(near(43.301944, 68.270278));
  });

  it('lets hemisphere letters decide the order, even against Kazakhstan’s ranges', () => {
    expect(readCoordinates(`68°16'13"E 43°18'07"N`)).toMatchObject(near(43.301944, 68.270278));
    expect(readCoordinates('50 W, 45')).toMatchObject({ lat: 45, lon: -50 });
    expect(readCoordinates('10 S 20 W')).toMatchObject({ lat: -10, lon: -20 });
  });

  it('takes the written order and says so when both orders fit Kazakhstan, or neither does', () => {
    // Atyrau: both numbers lie within 46–56.
    expect(readCoordinates('47.1167, 51.8833')).toEqual({ kind: 'point', lat: 47.1167, lon: 51.8833, ambiguous: true });
    expect(readCoordinates('51.8833, 47.1167')).toEqual({ kind: 'point', lat: 51.8833, lon: 47.1167, ambiguous: true });
    expect(readCoordinates('-33.9, 18.4')).toEqual({ kind: 'point', lat: -33.9, lon: 18.4, ambiguous: true });
  });

  it('refuses what cannot be a place on Earth, with the reason', () => {
    expect(readCoordinates('95, 200')).toEqual({ kind: 'invalid', problem: 'out_of_range' });
    expect(readCoordinates(`43°61'07"N 68°16'13"E`)).toEqual({ kind: 'invalid', problem: 'minutes_seconds' });
    expect(readCoordinates(`43°18'60"N 68°16'13"E`)).toEqual({ kind: 'invalid', problem: 'minutes_seconds' });
    expect(readCoordinates('43 N 68 N')).toEqual({ kind: 'invalid', problem: 'hemispheres' });
    expect(readCoordinates('-43 S 68 E')).toEqual({ kind: 'invalid', problem: 'hemispheres' });
    expect(readCoordinates('N43 S 68')).toEqual({ kind: 'invalid', problem: 'hemispheres' });
    expect(readCoordinates('43.30195')).toEqual({ kind: 'invalid', problem: 'format' });
    expect(readCoordinates('43 18 07 68 16 13')).toEqual({ kind: 'invalid', problem: 'format' });
    expect(readCoordinates('1.2.3 4')).toEqual({ kind: 'invalid', problem: 'format' });
  });

  it('leaves names to the place search, digits or not', () => {
    for (const name of ['Шұқырсай', 'Түркістан', '8 Наурыз', 'ауыл 5', 'Ордабасы', '', '   ', 'ОБВ 5']) {
      expect(readCoordinates(name), name).toEqual({ kind: 'text' });
    }
  });

  it(`refuses input longer than ${COORDINATES_MAX_LENGTH} characters before reading it, and reads the worst at the limit at once`, () => {
    expect(readCoordinates('1'.repeat(COORDINATES_MAX_LENGTH + 1))).toEqual({ kind: 'invalid', problem: 'too_long' });
    const worst = [
      '1'.repeat(COORDINATES_MAX_LENGTH),
      '1 '.repeat(COORDINATES_MAX_LENGTH / 2),
      "1°1'".repeat(COORDINATES_MAX_LENGTH / 4),
      '1,'.repeat(COORDINATES_MAX_LENGTH / 2),
      `${'N'.repeat(COORDINATES_MAX_LENGTH - 1)}1`,
      `43°18'07"N${' '.repeat(COORDINATES_MAX_LENGTH - 20)}68°18'07"N`,
    ];
    for (const input of worst) {
      expect(input.length).toBeLessThanOrEqual(COORDINATES_MAX_LENGTH);
      expect(readCoordinates(input).kind).not.toBe('point');
    }
  });

  it('never throws, and any point it reads lies on Earth (random input)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 120, unit: fc.constantFrom(...`0123456789 .,;°'"-+NSEWСВ′″º`) }), (input) => {
        const reading = readCoordinates(input);
        if (reading.kind === 'point') {
          expect(Math.abs(reading.lat)).toBeLessThanOrEqual(90);
          expect(Math.abs(reading.lon)).toBeLessThanOrEqual(180);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('reads back any point of Kazakhstan written in degrees, minutes and seconds', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 40.6, max: 55.4, noNaN: true }),
        fc.double({ min: 46.5, max: 87.3, noNaN: true }),
        (lat, lon) => {
          const dms = (value: number, letter: string) => {
            const totalSeconds = Math.round(value * 36000) / 10;
            const d = Math.floor(totalSeconds / 3600);
            const m = Math.floor((totalSeconds - d * 3600) / 60);
            const s = (totalSeconds - d * 3600 - m * 60).toFixed(1);
            return `${d}°${m}'${s}"${letter}`;
          };
          const reading = readCoordinates(`${dms(lat, 'N')} ${dms(lon, 'E')}`);
          expect(reading).toMatchObject({ kind: 'point' });
          if (reading.kind !== 'point') return;
          expect(Math.abs(reading.lat - lat)).toBeLessThan(0.0001);
          expect(Math.abs(reading.lon - lon)).toBeLessThan(0.0001);
        },
      ),
    );
  });
});
