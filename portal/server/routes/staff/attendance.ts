import { Router } from '@koa/router';
import type { AppCustom, AppState } from '../../context';

/** Attendance registers (issue 7): daily sheets, pointage, meal counts, exports. */
export function staffAttendanceRoutes(): Router<AppState, AppCustom> {
  const router = new Router<AppState, AppCustom>({ prefix: '/api/staff/attendance' });
  return router;
}
