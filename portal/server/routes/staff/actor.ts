import type { Actor } from '../../../../shared/audit/audit';
import { AppError } from '../../../../shared/errors';
import type { AppContext } from '../../context';

export function staffActor(ctx: AppContext): Actor {
  const staff = ctx.state.staff;
  if (!staff) throw new AppError('unauthenticated', 'Connectez-vous pour continuer.');
  return { type: 'staff', id: staff.user.id, label: `${staff.user.firstName} ${staff.user.lastName}` };
}
