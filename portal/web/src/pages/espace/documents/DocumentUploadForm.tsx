import { useState } from 'react';
import { uploadDocument } from '../../../family/api';
import { DOCUMENT_TYPE_LABELS, DOCUMENT_TYPES } from '../../../family/labels';
import type { ChildSummary, FamilyDocument } from '../../../family/types';
import { FormActions } from '../../../forms/FormActions';
import { FormAlert } from '../../../forms/FormAlert';
import { RequiredNote } from '../../../forms/RequiredNote';
import { fail } from '../../../forms/issues';
import { SelectField } from '../../../forms/SelectField';
import { useForm } from '../../../forms/useForm';
import { FileField } from './FileField';
import { fileProblem } from './fileCheck';

const TYPE_OPTIONS = [
  { value: '', label: 'Choisissez le type de document' },
  ...DOCUMENT_TYPES.map((value) => ({ value, label: DOCUMENT_TYPE_LABELS[value] })),
];

interface Props {
  familyChildren: ChildSummary[];
  initialType: string;
  initialChildId: string;
  onUploaded: (doc: FamilyDocument, typeLabel: string) => Promise<void>;
}

export function DocumentUploadForm({ familyChildren, initialType, initialChildId, onUploaded }: Props) {
  // `file` holds the chosen file's name, so that its errors land on the file field.
  const form = useForm({ type: initialType, childId: initialChildId, file: '' });
  const [file, setFile] = useState<File | null>(null);
  // A new <input type="file"> after each upload: the only way to empty it without a ref.
  const [inputKey, setInputKey] = useState(0);
  const childOptions = [
    { value: '', label: 'Aucun (document du foyer)' },
    ...familyChildren.map((c) => ({ value: String(c.id), label: `${c.firstName} ${c.lastName}` })),
  ];

  const submit = form.handleSubmit(async (v) => {
    const type = DOCUMENT_TYPES.find((t) => t === v.type);
    if (!type) fail('type', 'Choisissez le type du document.');
    const problem = await fileProblem(file);
    if (problem || !file) fail('file', problem ?? 'Choisissez le fichier à transmettre.');
    const doc = await uploadDocument({ type, childId: v.childId ? Number(v.childId) : null, file });
    setFile(null);
    form.set('file', '');
    setInputKey((k) => k + 1);
    await onUploaded(doc, DOCUMENT_TYPE_LABELS[type]);
  });

  return (
    <section className="panel" aria-labelledby="transmettre">
      <h2 id="transmettre">Transmettre un document</h2>
      <form className="form" id={form.formId} onSubmit={submit} noValidate aria-busy={form.pending}>
        <RequiredNote />
        <SelectField form={form} name="type" label="Type de document" options={TYPE_OPTIONS} required autoComplete="off" />
        {familyChildren.length > 0 && (
          <SelectField
            form={form}
            name="childId"
            label="Enfant concerné"
            options={childOptions}
            autoComplete="off"
            hint="Pour un PAI ou un certificat médical, choisissez l’enfant."
          />
        )}
        <FileField
          form={form}
          name="file"
          key={inputKey}
          onFile={(f) => {
            setFile(f);
            form.set('file', f?.name ?? '');
          }}
        />
        <FormAlert form={form} />
        <FormActions submitLabel="Transmettre le document" pending={form.pending} pendingLabel="Envoi en cours…" />
      </form>
    </section>
  );
}
