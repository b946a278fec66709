import { describe, expect, it } from 'vitest';
import { billingOutcome, type BillingBooking, type BillingServiceSettings } from '../../shared/billing/matrix';

const cantine: BillingServiceSettings = { kind: 'restauration', bookingsFinal: false, justifiedAbsenceBilled: false, unbookedPresenceSurchargeCents: 100 };
const mercredi: BillingServiceSettings = { kind: 'alsh_mercredi', bookingsFinal: false, justifiedAbsenceBilled: false, unbookedPresenceSurchargeCents: 0 };
const vacances: BillingServiceSettings = { kind: 'alsh_vacances', bookingsFinal: true, justifiedAbsenceBilled: false, unbookedPresenceSurchargeCents: 0 };

const booking = (over: Partial<BillingBooking> = {}): BillingBooking => ({
  status: 'accepted',
  billedIfCancelled: false,
  surchargeCents: 0,
  exceptionalAbsence: false,
  ...over,
});

describe('billing matrix', () => {
  it('bills an accepted booking when present, absent without justification, or not ticked', () => {
    expect(billingOutcome(cantine, booking(), { state: 'present', justification: null })).toMatchObject({ billed: true, surchargeCents: 0, code: 'present' });
    expect(billingOutcome(cantine, booking(), { state: 'absent_unjustified', justification: null })).toMatchObject({ billed: true, code: 'absent_unjustified' });
    expect(billingOutcome(cantine, booking(), null)).toMatchObject({ billed: true, code: 'not_recorded' });
  });

  it('does not bill a cantine absence justified to the school', () => {
    expect(billingOutcome(cantine, booking(), { state: 'absent_justified', justification: 'school' })).toMatchObject({ billed: false, code: 'absent_justified' });
    expect(billingOutcome(mercredi, booking(), { state: 'absent_justified', justification: 'illness_certificate' })).toMatchObject({ billed: false });
  });

  it('bills a justified absence where the service says so', () => {
    const strict = { ...mercredi, justifiedAbsenceBilled: true };
    expect(billingOutcome(strict, booking(), { state: 'absent_justified', justification: 'illness' })).toMatchObject({ billed: true, code: 'absent_justified_billed' });
  });

  it('bills a holiday absence, even justified, unless staff record an exceptional absence', () => {
    expect(billingOutcome(vacances, booking(), { state: 'absent_justified', justification: 'illness_certificate' })).toMatchObject({ billed: true, code: 'absent_final' });
    expect(billingOutcome(vacances, booking(), { state: 'absent_unjustified', justification: null })).toMatchObject({ billed: true });
    expect(billingOutcome(vacances, booking({ exceptionalAbsence: true }), { state: 'absent_justified', justification: 'illness' })).toMatchObject({
      billed: false,
      code: 'exceptional_absence',
    });
    expect(billingOutcome(vacances, booking({ exceptionalAbsence: true }), null)).toMatchObject({ billed: false });
    // A holiday day cancelled by the family stays billed, unless staff record an exceptional absence.
    expect(billingOutcome(vacances, booking({ status: 'cancelled', billedIfCancelled: true }), null)).toMatchObject({ billed: true, code: 'cancelled_late' });
    expect(billingOutcome(vacances, booking({ status: 'cancelled', billedIfCancelled: true, exceptionalAbsence: true }), null)).toMatchObject({
      billed: false,
      code: 'exceptional_absence',
    });
    expect(billingOutcome(vacances, booking({ status: 'cancellation_pending', billedIfCancelled: true, exceptionalAbsence: true }), null)).toMatchObject({ billed: false });
    // An exceptional absence does not hide a presence.
    expect(billingOutcome(vacances, booking({ exceptionalAbsence: true }), { state: 'present', justification: null })).toMatchObject({ billed: true });
  });

  it('keeps the repas majoré of a late booking on the billed day', () => {
    expect(billingOutcome(cantine, booking({ surchargeCents: 100 }), { state: 'present', justification: null })).toMatchObject({ billed: true, surchargeCents: 100 });
    expect(billingOutcome(cantine, booking({ surchargeCents: 100 }), { state: 'absent_justified', justification: 'school' })).toMatchObject({ billed: false, surchargeCents: 0 });
  });

  it('bills a present child without a booking with the service surcharge (cantine + 1 €)', () => {
    expect(billingOutcome(cantine, null, { state: 'present_unbooked', justification: null })).toMatchObject({ billed: true, surchargeCents: 100, code: 'present_unbooked' });
    expect(billingOutcome(cantine, booking({ status: 'refused' }), { state: 'present_unbooked', justification: null })).toMatchObject({ billed: true, surchargeCents: 100 });
    expect(billingOutcome(cantine, booking({ status: 'cancelled' }), { state: 'present', justification: null })).toMatchObject({ billed: true, surchargeCents: 100 });
  });

  it('follows the cancellation: in time free, late billed, pending as decided at the request', () => {
    expect(billingOutcome(cantine, booking({ status: 'cancelled' }), null)).toMatchObject({ billed: false, code: 'cancelled_in_time' });
    expect(billingOutcome(mercredi, booking({ status: 'cancelled', billedIfCancelled: true }), null)).toMatchObject({ billed: true, code: 'cancelled_late' });
    expect(billingOutcome(mercredi, booking({ status: 'cancellation_pending', billedIfCancelled: true }), null)).toMatchObject({ billed: true });
    expect(billingOutcome(mercredi, booking({ status: 'cancellation_pending' }), null)).toMatchObject({ billed: false, code: 'cancellation_pending' });
  });

  it('never bills a refused or unprocessed line without a presence', () => {
    expect(billingOutcome(mercredi, booking({ status: 'refused' }), null)).toMatchObject({ billed: false, code: 'refused' });
    expect(billingOutcome(mercredi, booking({ status: 'pending' }), null)).toMatchObject({ billed: false, code: 'not_processed' });
    expect(billingOutcome(mercredi, booking({ status: 'waitlisted' }), { state: 'absent_unjustified', justification: null })).toMatchObject({ billed: false });
    expect(billingOutcome(cantine, booking({ status: 'pending' }), { state: 'present', justification: null })).toMatchObject({ billed: true, surchargeCents: 0 });
    expect(billingOutcome(cantine, null, null)).toMatchObject({ billed: false, code: 'nothing' });
  });
});
