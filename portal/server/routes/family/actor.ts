import type { Actor } from '../../../../shared/audit/audit';
import type { ParentSession } from '../../../../shared/auth/sessions';
import { AppError } from '../../../../shared/errors';
import type { AppContext } from '../../context';

/** The logged-in parent's session; every family route scopes its queries to `familyId` from here. */
export function parentSession(ctx: AppContext): ParentSession {
  const session = ctx.state.parent;
  if (!session) throw new AppError('unauthenticated', 'Votre session a expiré. Connectez-vous pour continuer.');
  return session;
}

export function parentActor(ctx: AppContext): Actor {
  const session = parentSession(ctx);
  return { type: 'parent', id: session.accountId, label: session.email };
}
