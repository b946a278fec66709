import { Router } from '@koa/router';
import { assertServiceAccess, listAssignments, setAssignments, visibleServiceIds, type AttendanceViewer } from '../../../../shared/attendance/access';
import { attendanceWorkbook, cafReport, cafWorkbook } from '../../../../shared/attendance/exports';
import { mealCount, mealDates, mealsDocument } from '../../../../shared/attendance/meals';
import { loadDayList, recordTick, removeTick, searchServiceChildren, type TickTarget } from '../../../../shared/attendance/register';
import { schoolWeek } from '../../../../shared/attendance/rules';
import { sheetSections, sheetsDocument } from '../../../../shared/attendance/sheets';
import { isIsoDate, parisToday } from '../../../../shared/calendar/dates';
import { AppError } from '../../../../shared/errors';
import { renderPdf } from '../../../../shared/pdf/pdfmake';
import {
  assignmentsSchema,
  childSearchSchema,
  dayQuerySchema,
  mealsQuerySchema,
  periodQuerySchema,
  servicePeriodQuerySchema,
  tickSchema,
  untickSchema,
} from '../../../../shared/schemas/attendance';
import { COMMUNE } from '../../../../shared/settings/definitions';
import { getSetting } from '../../../../shared/settings/settings';
import type { AppContext, AppCustom, AppState } from '../../context';
import { requireStaff } from '../../middleware/session';
import { idParam, validate } from '../../validate';
import { staffActor } from './actor';

function viewer(ctx: AppContext): AttendanceViewer {
  const staff = ctx.state.staff;
  if (!staff) throw new AppError('unauthenticated', 'Connectez-vous pour continuer.');
  return { id: staff.user.id, role: staff.user.role };
}

function target(ctx: AppContext & { params: Record<string, string | undefined> }): TickTarget {
  const date = ctx.params.date ?? '';
  if (!isIsoDate(date)) throw new AppError('validation', 'Date : date invalide (format AAAA-MM-JJ).');
  return { date, unitId: idParam(ctx.params.unitId), childId: idParam(ctx.params.childId) };
}

/** "26/11/2026 à 09:00", Paris time, for the footer of printed documents. */
function printedAt(now: Date): string {
  return new Intl.DateTimeFormat('fr-FR', { dateStyle: 'short', timeStyle: 'short', timeZone: 'Europe/Paris' }).format(now).replace(' ', ' à ');
}

/** Inline PDF; `?inline=1` lets the back-office show it in a frame of its own origin. */
function sendPdf(ctx: AppContext, pdf: Buffer, fileName: string): void {
  ctx.type = 'application/pdf';
  ctx.set('Content-Disposition', `inline; filename="${fileName}"`);
  if (ctx.query.inline === '1') {
    ctx.set('X-Frame-Options', 'SAMEORIGIN');
    ctx.set('Content-Security-Policy', "frame-ancestors 'self'; script-src 'none'; object-src 'none'");
  }
  ctx.body = pdf;
}

function sendXlsx(ctx: AppContext, buffer: Buffer, fileName: string): void {
  ctx.type = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
  ctx.set('Content-Disposition', `attachment; filename="${fileName}"`);
  ctx.body = buffer;
}

const slug = (text: string): string =>
  text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

const ALL = requireStaff('admin', 'agent', 'animateur');
const OFFICE = requireStaff('admin', 'agent');

/** Attendance registers (issue 7): daily sheets, pointage, meal counts, exports. */
export function staffAttendanceRoutes(): Router<AppState, AppCustom> {
  const router = new Router<AppState, AppCustom>({ prefix: '/api/staff/attendance' });

  // The services whose lists the user may open, with their units and groups.
  router.get('/services', ALL, async (ctx) => {
    const { db } = ctx.deps.store;
    const visible = await visibleServiceIds(db, viewer(ctx));
    let q = db.selectFrom('services').select(['id', 'name', 'kind']).where('active', '=', 1).orderBy('sort_order').orderBy('id');
    if (visible !== null) q = q.where('id', 'in', visible.length > 0 ? visible : [0]);
    const services = await q.execute();
    const ids = services.map((s) => s.id);
    const units = ids.length
      ? await db.selectFrom('units').select(['id', 'service_id', 'name', 'start_time', 'end_time']).where('service_id', 'in', ids).where('active', '=', 1).orderBy('sort_order').orderBy('id').execute()
      : [];
    const groups = ids.length
      ? await db.selectFrom('groups').select(['id', 'service_id', 'name']).where('service_id', 'in', ids).orderBy('sort_order').orderBy('min_age').execute()
      : [];
    ctx.body = {
      today: parisToday(ctx.deps.clock.now()),
      services: services.map((s) => ({
        id: s.id,
        name: s.name,
        kind: s.kind,
        units: units.filter((u) => u.service_id === s.id).map((u) => ({ id: u.id, name: u.name, startTime: u.start_time, endTime: u.end_time })),
        groups: groups.filter((g) => g.service_id === s.id).map((g) => ({ id: g.id, name: g.name })),
      })),
    };
  });

  router.get('/day', ALL, async (ctx) => {
    const query = validate(dayQuerySchema, ctx.query);
    ctx.body = await loadDayList(ctx.deps.store.db, viewer(ctx), query, ctx.deps.clock.now());
  });

  router.put('/days/:date/units/:unitId/children/:childId', ALL, async (ctx) => {
    const t = target(ctx);
    const input = validate(tickSchema, ctx.state.body);
    ctx.body = await recordTick(ctx.deps.store.db, viewer(ctx), staffActor(ctx), t, input, ctx.deps.clock.now());
  });

  router.delete('/days/:date/units/:unitId/children/:childId', ALL, async (ctx) => {
    const t = target(ctx);
    const { version } = validate(untickSchema, ctx.state.body);
    const entry = await removeTick(ctx.deps.store.db, viewer(ctx), staffActor(ctx), t, version, ctx.deps.clock.now());
    ctx.body = { entry };
  });

  // Children of the service's families, for « présent non inscrit ».
  router.get('/children', ALL, async (ctx) => {
    const query = validate(childSearchSchema, ctx.query);
    const date = typeof ctx.query.date === 'string' && isIsoDate(ctx.query.date) ? ctx.query.date : parisToday(ctx.deps.clock.now());
    ctx.body = { children: await searchServiceChildren(ctx.deps.store.db, viewer(ctx), query.serviceId, query.q, date) };
  });

  router.get('/sheets.pdf', ALL, async (ctx) => {
    const query = validate(dayQuerySchema, ctx.query);
    const { db } = ctx.deps.store;
    const now = ctx.deps.clock.now();
    // The whole day is read so each line shows every unit the child is booked for.
    const list = await loadDayList(db, viewer(ctx), { serviceId: query.serviceId, date: query.date }, now);
    if (query.unitId !== undefined && !list.units.some((u) => u.id === query.unitId)) throw new AppError('not_found', "Cet accueil n'appartient pas à ce service.");
    if (query.groupId !== undefined && !list.groups.some((g) => g.id === query.groupId)) throw new AppError('not_found', "Ce groupe n'appartient pas à ce service.");
    const commune = await getSetting(db, COMMUNE);
    const sections = sheetSections(list, { unitId: query.unitId, groupId: query.groupId });
    const pdf = await renderPdf(sheetsDocument(commune, list, sections, printedAt(now)));
    sendPdf(ctx, pdf, `presences-${slug(list.service.name)}-${query.date}.pdf`);
  });

  router.get('/meals', OFFICE, async (ctx) => {
    const query = validate(mealsQuerySchema, ctx.query);
    const dates = query.scope === 'week' ? schoolWeek(query.date) : mealDates(query.date, query.date);
    ctx.body = await mealCount(ctx.deps.store.db, dates);
  });

  router.get('/meals.pdf', OFFICE, async (ctx) => {
    const query = validate(mealsQuerySchema, ctx.query);
    const { db } = ctx.deps.store;
    const dates = query.scope === 'week' ? schoolWeek(query.date) : mealDates(query.date, query.date);
    const count = await mealCount(db, dates);
    const pdf = await renderPdf(mealsDocument(await getSetting(db, COMMUNE), count, printedAt(ctx.deps.clock.now())));
    sendPdf(ctx, pdf, `repas-${count.from}${count.to !== count.from ? `-${count.to}` : ''}.pdf`);
  });

  router.get('/export.xlsx', OFFICE, async (ctx) => {
    const query = validate(servicePeriodQuerySchema, ctx.query);
    const { db } = ctx.deps.store;
    await assertServiceAccess(db, viewer(ctx), query.serviceId);
    const { buffer, serviceName } = await attendanceWorkbook(db, query.serviceId, query.from, query.to);
    sendXlsx(ctx, buffer, `presences-${slug(serviceName)}-${query.from}-${query.to}.xlsx`);
  });

  router.get('/caf-hours', OFFICE, async (ctx) => {
    const query = validate(periodQuerySchema, ctx.query);
    ctx.body = await cafReport(ctx.deps.store.db, query.from, query.to);
  });

  router.get('/caf-hours.xlsx', OFFICE, async (ctx) => {
    const query = validate(periodQuerySchema, ctx.query);
    sendXlsx(ctx, await cafWorkbook(ctx.deps.store.db, query.from, query.to), `heures-caf-${query.from}-${query.to}.xlsx`);
  });

  router.get('/assignments', requireStaff('admin'), async (ctx) => {
    ctx.body = { animators: await listAssignments(ctx.deps.store.db) };
  });

  router.put('/assignments/:staffId', requireStaff('admin'), async (ctx) => {
    const staffId = idParam(ctx.params.staffId);
    const input = validate(assignmentsSchema, ctx.state.body);
    ctx.body = await setAssignments(ctx.deps.store.db, staffActor(ctx), staffId, input.serviceIds, ctx.deps.clock.now());
  });

  return router;
}
