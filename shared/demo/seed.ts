/**
 * The demo commune "Marelle-sur-Meu" (zone B): settings, staff, the five services with the guide's
 * rules, the 2026-2027 calendar, tariffs, about forty families, bookings, attendance, news and
 * practical information. Deterministic for a given `now`; fills an empty store in one transaction.
 */
import { hashPassword } from '../auth/passwords';
import type { Store } from '../db/store';
import type { Trx } from '../db/types';
import { seedBookings } from './seedBookings';
import { seedPeriods, seedSchoolHolidays } from './seedCalendar';
import { seedContent, seedSettings } from './seedContent';
import { DEMO_PARENT_EMAIL, DEMO_PASSWORD, DEMO_SECOND_PARENT_EMAIL, SeedContext } from './seedContext';
import { seedDirectDebits } from './seedDirectDebits';
import { seedFamilies } from './seedFamilies';
import { seedServices, seedTariffs } from './seedServices';
import { seedAttendanceAssignments, seedStaffAccounts, seedStaffPlans, STAFF } from './seedStaff';

export {
  DEMO_PARENT_EMAIL,
  DEMO_PASSWORD,
  DEMO_RENTREE,
  DEMO_SCHOOL_YEAR,
  DEMO_SECOND_PARENT_EMAIL,
  DEMO_YEAR_END,
} from './seedContext';

export type DemoRole = 'admin' | 'agent' | 'animateur' | 'parent';

export interface DemoLogin {
  email: string;
  role: DemoRole;
  password: string;
  /** Who this is, in French, for the start-up banner. */
  label: string;
}

export interface DemoSummary {
  families: number;
  children: number;
  staff: number;
  logins: DemoLogin[];
}

export async function seedDemo(store: Store, now: Date): Promise<DemoSummary> {
  // One argon2 hash for every demo login, computed before the transaction opens.
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  return store.db.transaction().execute(async (trx) => {
    await assertEmpty(trx);
    return run(new SeedContext(trx, now, passwordHash));
  });
}

async function assertEmpty(trx: Trx): Promise<void> {
  const family = await trx.selectFrom('families').select('id').limit(1).executeTakeFirst();
  const staff = await trx.selectFrom('staff_users').select('id').limit(1).executeTakeFirst();
  if (family || staff) {
    throw new Error(
      "La base de données n'est pas vide (familles ou comptes du personnel déjà présents) : la commune de démonstration ne peut être créée que dans une base neuve.",
    );
  }
}

// The steps share one random sequence and each reads the ids of the earlier ones: this order is
// what keeps the demo identical from one run to the next.
async function run(ctx: SeedContext): Promise<DemoSummary> {
  await seedSettings(ctx);
  await seedStaffAccounts(ctx);
  await seedServices(ctx);
  await seedSchoolHolidays(ctx);
  await seedPeriods(ctx);
  await seedTariffs(ctx);
  const families = await seedFamilies(ctx);
  await seedBookings(ctx, families);
  await seedDirectDebits(ctx, families);
  await seedStaffPlans(ctx);
  await seedAttendanceAssignments(ctx);
  await seedContent(ctx);

  const childIds = new Set(families.flatMap((f) => f.children.map((c) => c.id)));
  return {
    families: families.length,
    children: childIds.size,
    staff: STAFF.length,
    logins: [
      ...STAFF.map((s) => ({ email: s.email, role: s.role, password: DEMO_PASSWORD, label: `${s.first} ${s.last}, ${s.label}` })),
      { email: DEMO_PARENT_EMAIL, role: 'parent', password: DEMO_PASSWORD, label: 'Famille Lefèvre (compte validé, garde alternée de Léo)' },
      { email: DEMO_SECOND_PARENT_EMAIL, role: 'parent', password: DEMO_PASSWORD, label: 'Famille Moreau (autre parent de Léo)' },
    ],
  };
}
