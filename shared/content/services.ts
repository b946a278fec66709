import type { Db } from '../db/types';
import { AppError } from '../errors';
import type { ServiceRef } from './presenters';

/** The services a news item or an info page may target (the editors' choice list). */
export async function contentServiceChoices(db: Db): Promise<ServiceRef[]> {
  return db.selectFrom('services').select(['id', 'name']).where('active', '=', 1).orderBy('sort_order').orderBy('id').execute();
}

/** Refuses a target service that does not exist (400, on the `serviceId` field). */
export async function checkTargetService(db: Db, serviceId: number | null): Promise<void> {
  if (serviceId === null) return;
  const row = await db.selectFrom('services').select('id').where('id', '=', serviceId).executeTakeFirst();
  if (!row) {
    const message = "Le service choisi n'existe pas : choisissez-en un dans la liste, ou « Tous les services ».";
    throw new AppError('validation', message, [{ path: 'serviceId', message }]);
  }
}
