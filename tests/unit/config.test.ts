import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../shared/config';

/* The MARELLE_* variables (shared/config.ts). */

describe('MARELLE_BOOKING_WORKER', () => {
  it('is on unless set to 0 or false (decision 0017)', () => {
    expect(loadConfig({}).bookingWorker).toBe(true);
    expect(loadConfig({ MARELLE_BOOKING_WORKER: '1' }).bookingWorker).toBe(true);
    expect(loadConfig({ MARELLE_BOOKING_WORKER: '0' }).bookingWorker).toBe(false);
    expect(loadConfig({ MARELLE_BOOKING_WORKER: 'false' }).bookingWorker).toBe(false);
  });

  it('refuses another value with a message naming the variable', () => {
    expect(() => loadConfig({ MARELLE_BOOKING_WORKER: 'non' })).toThrow(/MARELLE_BOOKING_WORKER/);
  });
});
