/**
 * Printing a PDF of the registers. In a browser the PDF opens in a new tab (the browser's viewer
 * prints it). In the desktop app no second window may open: the PDF is shown in a frame of the
 * back-office and printed from there, which opens the system's print dialog; it can also be saved.
 */
import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useRef, useState } from 'react';
import { ApiError, NETWORK_ERROR_MESSAGE, toApiError } from '../../api';
import { ErrorAlert } from '../../components/Feedback';

export interface PdfRequest {
  /** The PDF's URL (same origin, GET). */
  url: string;
  title: string;
  fileName: string;
}

/** Opens the PDF: a new tab in a browser; returns false when the caller must show the in-app viewer. */
export function openPdfInBrowser(pdf: PdfRequest): boolean {
  if (window.marelleDesktop) return false;
  window.open(pdf.url, '_blank', 'noopener');
  return true;
}

async function pdfBytes(url: string): Promise<Uint8Array> {
  let response: Response;
  try {
    response = await fetch(url, { credentials: 'same-origin' });
  } catch {
    throw new ApiError(0, 'network', NETWORK_ERROR_MESSAGE);
  }
  if (!response.ok) throw new ApiError(response.status, 'http', `Le PDF n’a pas pu être préparé (HTTP ${response.status}).`);
  return new Uint8Array(await response.arrayBuffer());
}

/** The in-app viewer of the desktop application. */
export function PdfModal({ pdf, onClose }: { pdf: PdfRequest | null; onClose: () => void }) {
  const frame = useRef<HTMLIFrameElement>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  if (!pdf) return null;
  const inline = `${pdf.url}${pdf.url.includes('?') ? '&' : '?'}inline=1`;
  return (
    <Modal opened onClose={onClose} title={pdf.title} size="xl">
      <Stack gap="sm">
        <Group gap="sm">
          <Button
            size="md"
            onClick={() => {
              setError(null);
              const win = frame.current?.contentWindow;
              if (win) win.print();
              else void window.marelleDesktop?.printCurrentPage();
            }}
          >
            Imprimer
          </Button>
          <Button
            size="md"
            variant="default"
            onClick={() => {
              setError(null);
              setSaved(null);
              pdfBytes(pdf.url)
                .then((bytes) => window.marelleDesktop?.savePdf(pdf.fileName, bytes))
                .then((file) => setSaved(file ?? null))
                .catch((e: unknown) => setError(toApiError(e)));
            }}
          >
            Enregistrer le PDF
          </Button>
        </Group>
        {saved && <Text size="sm">Enregistré : {saved}</Text>}
        {error && <ErrorAlert error={error} />}
        <iframe ref={frame} src={inline} title={pdf.title} style={{ width: '100%', height: '70vh', border: '1px solid var(--mantine-color-gray-4)' }} />
      </Stack>
    </Modal>
  );
}

/** State + opener shared by the pages that print. */
export function usePdf(): { pdf: PdfRequest | null; open: (pdf: PdfRequest) => void; close: () => void } {
  const [pdf, setPdf] = useState<PdfRequest | null>(null);
  return {
    pdf,
    open: (request) => {
      if (!openPdfInBrowser(request)) setPdf(request);
    },
    close: () => setPdf(null),
  };
}
