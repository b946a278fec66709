import type { ReactNode } from 'react';

export interface Fact {
  label: string;
  value: ReactNode;
}

const isEmpty = (value: ReactNode) => value === null || value === undefined || value === '' || value === false;

/** Read-only view of a section: label → value, "Non renseigné" when empty. */
export function Facts({ items }: { items: Fact[] }) {
  return (
    <dl className="facts">
      {items.map((item) => (
        <div key={item.label} className="facts__row">
          <dt>{item.label}</dt>
          <dd>{isEmpty(item.value) ? <span className="muted">Non renseigné</span> : item.value}</dd>
        </div>
      ))}
    </dl>
  );
}
