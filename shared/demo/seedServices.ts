/** The five services (units, incompatibilities, groups, staffing rules) and their tariffs. */
import type { Insertable } from 'kysely';
import type { Database } from '../db/schema';
import { DEMO_SCHOOL_YEAR, DEMO_RENTREE, type SeedContext, type ServiceIds } from './seedContext';
import { DEMO_SERVICES, TARIFF_BRACKETS } from './services';
import { insertedId } from './util';

export async function seedServices(ctx: SeedContext): Promise<void> {
  const createdAt = ctx.at('2026-06-01', '09:30');
  let order = 0;
  for (const spec of DEMO_SERVICES) {
    order += 1;
    const serviceId = insertedId(
      await ctx.trx
        .insertInto('services')
        .values({
          code: spec.code,
          name: spec.name,
          description: spec.description,
          kind: spec.kind,
          ratio_regime: spec.ratio,
          pedt: 0,
          approval_mode: spec.approval,
          deadline_days: spec.deadlineDays,
          late_booking_policy: spec.lateBooking,
          late_cancellation_policy: spec.lateCancellation,
          bookings_final: spec.bookingsFinal,
          late_booking_surcharge_cents: spec.lateSurchargeCents,
          unbooked_presence_surcharge_cents: spec.unbookedSurchargeCents,
          justified_absence_billed: spec.justifiedAbsenceBilled,
          no_place_policy: 'refuse',
          waitlist_promotion: 'automatic',
          max_places: null,
          requires_enrolment: 0,
          contact_email: spec.contact.email,
          contact_phone: spec.contact.phone,
          contact_url: spec.contact.url,
          sort_order: order,
          active: 1,
          created_at: createdAt,
          updated_at: createdAt,
        })
        .executeTakeFirstOrThrow(),
    );
    const units = new Map<string, number>();
    let unitOrder = 0;
    for (const u of spec.units) {
      unitOrder += 1;
      const unitId = insertedId(
        await ctx.trx
          .insertInto('units')
          .values({
            service_id: serviceId,
            code: u.code,
            name: u.name,
            kind: u.kind,
            start_time: u.start,
            end_time: u.end,
            sort_order: unitOrder,
            active: 1,
          })
          .executeTakeFirstOrThrow(),
      );
      units.set(u.code, unitId);
    }
    const pairs: Insertable<Database['unit_incompatibilities']>[] = [];
    for (const [a, b] of spec.incompatible) {
      const ia = units.get(a);
      const ib = units.get(b);
      if (ia === undefined || ib === undefined) throw new Error(`Incompatibilité sur une unité inconnue : ${a}/${b}`);
      pairs.push({ unit_id: ia, other_unit_id: ib }, { unit_id: ib, other_unit_id: ia });
    }
    if (pairs.length > 0) await ctx.trx.insertInto('unit_incompatibilities').values(pairs).execute();

    const groups: ServiceIds['groups'] = [];
    let groupOrder = 0;
    for (const g of spec.groups) {
      groupOrder += 1;
      const groupId = insertedId(
        await ctx.trx
          .insertInto('groups')
          .values({ service_id: serviceId, name: g.name, min_age: g.min, max_age: g.max, max_places: g.places, sort_order: groupOrder })
          .executeTakeFirstOrThrow(),
      );
      groups.push({ id: groupId, min: g.min, max: g.max });
    }
    if (spec.staffing.length > 0) {
      await ctx.trx
        .insertInto('staffing_rules')
        .values(
          spec.staffing.map((r) => ({
            service_id: serviceId,
            group_id: null,
            long_session: r.long,
            under_six_per_animator: r.underSix,
            six_plus_per_animator: r.sixPlus,
          })),
        )
        .execute();
    }
    ctx.services.set(spec.code, { id: serviceId, units, groups });
  }
}

export async function seedTariffs(ctx: SeedContext): Promise<void> {
  const createdAt = ctx.at('2026-06-15', '10:00');
  for (const spec of DEMO_SERVICES) {
    const s = ctx.service(spec.code);
    const gridId = insertedId(
      await ctx.trx
        .insertInto('tariff_grids')
        .values({ service_id: s.id, name: `Tarifs ${DEMO_SCHOOL_YEAR}`, valid_from: DEMO_RENTREE, created_at: createdAt })
        .executeTakeFirstOrThrow(),
    );
    const prices: Insertable<Database['tariff_prices']>[] = [];
    let index = 0;
    for (const b of TARIFF_BRACKETS) {
      const bracketId = insertedId(
        await ctx.trx
          .insertInto('tariff_brackets')
          .values({ grid_id: gridId, label: b.label, qf_min: b.min, qf_max: b.max, outside_commune: b.outside, sort_order: index + 1 })
          .executeTakeFirstOrThrow(),
      );
      for (const u of spec.units) {
        const price = u.prices[index];
        if (price === undefined) throw new Error(`Tarif manquant : ${spec.code}/${u.code}`);
        prices.push({ bracket_id: bracketId, unit_id: ctx.unit(spec.code, u.code), price_cents: price });
      }
      index += 1;
    }
    await ctx.trx.insertInto('tariff_prices').values(prices).execute();
  }
}
