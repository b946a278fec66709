/** The commune's settings and what the portal shows the families: news and practical information. */
import { COMMUNE, MAINTENANCE } from '../settings/definitions';
import { setSetting } from '../settings/settings';
import { GUIDE_ENFANCE_JEUNESSE, MENUS_RESTAURANT, NEWS, REGLEMENT_INTERIEUR } from './content';
import { DEMO_CITY, DEMO_POSTAL_CODE } from './people';
import { ZONE, type SeedContext } from './seedContext';

export async function seedSettings(ctx: SeedContext): Promise<void> {
  await setSetting(
    ctx.trx,
    COMMUNE,
    {
      name: 'Mairie de Marelle-sur-Meu',
      address: '1 place de la Mairie',
      postalCode: DEMO_POSTAL_CODE,
      city: DEMO_CITY,
      phone: '02 61 91 00 00',
      email: 'enfance@mairie.demo',
      website: 'https://www.marelle-sur-meu.demo',
      schoolZone: ZONE,
    },
    ctx.now,
  );
  await setSetting(ctx.trx, MAINTENANCE, { enabled: false, message: null }, ctx.now);
}

export async function seedContent(ctx: SeedContext): Promise<void> {
  const admin = ctx.staffId('admin');
  await ctx.trx
    .insertInto('news')
    .values(
      NEWS.map((n) => {
        const at = ctx.at(n.publishOn, '09:00');
        return {
          service_id: ctx.service(n.service).id,
          title: n.title,
          body: n.body,
          publish_from: at,
          publish_until: null,
          created_by: admin,
          created_at: at,
          updated_at: at,
        };
      }),
    )
    .execute();
  const at = ctx.at('2026-06-20', '10:00');
  await ctx.trx
    .insertInto('info_pages')
    .values([
      { service_id: null, slug: 'reglement-interieur', title: 'Règlement intérieur', body: REGLEMENT_INTERIEUR, published: 1, sort_order: 1, created_at: at, updated_at: at },
      { service_id: null, slug: 'guide-enfance-jeunesse', title: 'Guide enfance-jeunesse', body: GUIDE_ENFANCE_JEUNESSE, published: 1, sort_order: 2, created_at: at, updated_at: at },
      {
        service_id: ctx.service('restauration').id,
        slug: 'menus-restaurant',
        title: 'Menus du restaurant scolaire',
        body: MENUS_RESTAURANT,
        published: 1,
        sort_order: 3,
        created_at: at,
        updated_at: at,
      },
    ])
    .execute();
}
