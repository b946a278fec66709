import { householdInputSchema } from '../../../../../../shared/schemas/family';
import { saveHousehold } from '../../../family/api';
import { INVOICE_DELIVERY_LABELS } from '../../../family/labels';
import type { FamilyFile, Household, InvoiceDelivery } from '../../../family/types';
import { FormActions } from '../../../forms/FormActions';
import { FormAlert } from '../../../forms/FormAlert';
import { checkWith } from '../../../forms/issues';
import { RadioGroupField } from '../../../forms/RadioGroupField';
import { TextField } from '../../../forms/TextField';
import { useForm } from '../../../forms/useForm';
import { numberOrNull, orNull } from '../../../format';

const DELIVERY_OPTIONS = (Object.keys(INVOICE_DELIVERY_LABELS) as InvoiceDelivery[]).map((value) => ({
  value,
  label: INVOICE_DELIVERY_LABELS[value],
}));

const isDelivery = (v: string): v is InvoiceDelivery => v in INVOICE_DELIVERY_LABELS;

export function HouseholdForm({
  household,
  onCancel,
  onSaved,
}: {
  household: Household;
  onCancel: () => void;
  onSaved: (file: FamilyFile) => void;
}) {
  const form = useForm({
    qf: household.qf === null ? '' : String(household.qf),
    cafNumber: household.cafNumber ?? '',
    allocataireName: household.allocataireName ?? '',
    dependantsCount: household.dependantsCount === null ? '' : String(household.dependantsCount),
    invoiceDelivery: household.invoiceDelivery as string,
  });
  const submit = form.handleSubmit(async (v) => {
    const body = checkWith(householdInputSchema, {
      qf: numberOrNull(v.qf),
      cafNumber: orNull(v.cafNumber),
      allocataireName: orNull(v.allocataireName),
      dependantsCount: numberOrNull(v.dependantsCount),
      invoiceDelivery: isDelivery(v.invoiceDelivery) ? v.invoiceDelivery : household.invoiceDelivery,
    });
    onSaved(await saveHousehold(body));
  });
  return (
    <form className="form" id={form.formId} onSubmit={submit} noValidate aria-busy={form.pending}>
      <TextField
        form={form}
        name="qf"
        label="Quotient familial (QF)"
        inputMode="numeric"
        autoComplete="off"
        hint="Indiqué sur votre attestation CAF ou MSA, par exemple 850."
      />
      <TextField form={form} name="cafNumber" label="Numéro d’allocataire CAF" inputMode="numeric" autoComplete="off" />
      <TextField form={form} name="allocataireName" label="Nom de l’allocataire" autoComplete="name" />
      <TextField
        form={form}
        name="dependantsCount"
        label="Nombre de personnes à charge"
        inputMode="numeric"
        autoComplete="off"
      />
      <RadioGroupField form={form} name="invoiceDelivery" legend="Réception des factures" options={DELIVERY_OPTIONS} />
      <FormAlert form={form} />
      <FormActions submitLabel="Enregistrer" pending={form.pending} onCancel={onCancel} />
    </form>
  );
}
