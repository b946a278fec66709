import { Router } from '@koa/router';
import { addDays, isoWeekday, parisDateOf, type IsoDate, type IsoWeekday } from '../../../../shared/calendar/dates';
import { publicHolidays } from '../../../../shared/calendar/publicHolidays';
import { CalendarImportError, parseSchoolCalendar, type SchoolHoliday } from '../../../../shared/calendar/schoolHolidays';
import {
  getSchoolZone,
  importSchoolHolidays,
  schoolHolidaysFor,
  setSchoolZone,
  type StoredSchoolHoliday,
} from '../../../../shared/calendar/store';
import { AppError } from '../../../../shared/errors';
import { publicHolidaysQuerySchema, schoolHolidaysQuerySchema, schoolZoneInputSchema } from '../../../../shared/schemas/calendar';
import type { AppContext, AppCustom, AppState } from '../../context';
import { clientIp, requireStaff } from '../../middleware/session';
import { validate } from '../../validate';
import { staffActor } from './actor';
import { CALENDAR_FILE_FIELD, MAX_CALENDAR_FILE_BYTES, receiveCalendarFile } from './calendarUpload';

const WEEKDAYS: Record<IsoWeekday, string> = {
  1: 'lundi',
  2: 'mardi',
  3: 'mercredi',
  4: 'jeudi',
  5: 'vendredi',
  6: 'samedi',
  7: 'dimanche',
};

function schoolHolidayDto(h: StoredSchoolHoliday) {
  return {
    zone: h.zone,
    schoolYear: h.schoolYear,
    name: h.name,
    firstDayOff: h.firstDayOff,
    lastDayOff: h.lastDayOff,
    // The official file's end date: the day pupils go back to school.
    restartDate: h.lastDayOff === null ? null : addDays(h.lastDayOff, 1),
    source: h.source,
  };
}

/** The sender's file name, made safe to store and show: no folders, no control characters, bounded. */
function displayName(name: string | undefined): string | null {
  if (!name) return null;
  const base = name.split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  const clean = base.replace(/[\u0000-\u001f\u007f]/g, '').trim().slice(0, 120);
  return clean === '' ? null : clean;
}

function frenchDate(date: IsoDate): string {
  return `${date.slice(8, 10)}/${date.slice(5, 7)}/${date.slice(0, 4)}`;
}

function parseFile(text: string): SchoolHoliday[] {
  if (/^\uFEFF?\s*BEGIN:VCALENDAR/i.test(text)) {
    throw new AppError(
      'validation',
      "Le format ICS n'est pas pris en charge : téléchargez l'export CSV ou JSON du jeu de données « fr-en-calendrier-scolaire ».",
    );
  }
  try {
    return parseSchoolCalendar(text);
  } catch (error) {
    if (error instanceof CalendarImportError) {
      throw new AppError('validation', `${error.message}${/[.!?]$/.test(error.message) ? '' : '.'} Rien n’a été importé.`, [
        { path: CALENDAR_FILE_FIELD, message: error.message },
      ]);
    }
    throw error;
  }
}

async function importFile(ctx: AppContext) {
  if (!ctx.is('multipart/form-data')) {
    throw new AppError(
      ctx.request.length ? 'unsupported_media_type' : 'validation',
      `Envoyez le fichier avec le formulaire d'import : l'export CSV ou JSON officiel, ${MAX_CALENDAR_FILE_BYTES / (1024 * 1024)} Mo au plus.`,
    );
  }
  const file = await receiveCalendarFile(ctx.req);
  const holidays = parseFile(file.text);
  const now = ctx.deps.clock.now();
  const name = displayName(file.clientName);
  const day = frenchDate(parisDateOf(now.toISOString()));
  const source = name ? `fichier « ${name} » importé le ${day}` : `fichier importé le ${day}`;
  const summary = await importSchoolHolidays(ctx.deps.store.db, holidays, source, staffActor(ctx), now, clientIp(ctx));
  return { source, ...summary };
}

/** School calendar: public holidays, the commune's zone and the official school-holiday file (issue 4). */
export function staffCalendarRoutes(): Router<AppState, AppCustom> {
  const router = new Router<AppState, AppCustom>({ prefix: '/api/staff/calendar' });
  const read = requireStaff('admin', 'agent');
  const admin = requireStaff('admin');

  router.get('/public-holidays', read, (ctx) => {
    const query = validate(publicHolidaysQuerySchema, ctx.query);
    const year = query.year ?? Number(parisDateOf(ctx.deps.clock.now().toISOString()).slice(0, 4));
    ctx.body = {
      year,
      items: publicHolidays(year).map((h) => ({ date: h.date, name: h.name, weekday: WEEKDAYS[isoWeekday(h.date)] })),
    };
  });

  router.get('/school-holidays', read, async (ctx) => {
    const query = validate(schoolHolidaysQuerySchema, ctx.query);
    const db = ctx.deps.store.db;
    const communeZone = await getSchoolZone(db);
    const zone = query.zone ?? communeZone;
    const all = await schoolHolidaysFor(db, zone);
    const items = query.schoolYear === undefined ? all : all.filter((h) => h.schoolYear === query.schoolYear);
    ctx.body = {
      zone,
      communeZone,
      schoolYears: [...new Set(all.map((h) => h.schoolYear))].sort(),
      items: items.map(schoolHolidayDto),
    };
  });

  router.post('/school-holidays/import', admin, async (ctx) => {
    ctx.body = await importFile(ctx);
  });

  router.put('/zone', admin, async (ctx) => {
    const input = validate(schoolZoneInputSchema, ctx.state.body);
    const zone = await setSchoolZone(ctx.deps.store.db, input.zone, staffActor(ctx), ctx.deps.clock.now(), clientIp(ctx));
    ctx.body = { zone };
  });

  return router;
}
