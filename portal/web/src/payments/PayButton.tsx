/** « Régler » (issue 9): starts the PayFiP payment of one invoice. Renders nothing until payments land. */
export function PayButton(_props: { invoiceId: number; invoiceNumber: string; amountDueCents: number }) {
  return null;
}
