/**
 * PayFiP client: `creerPaiementSecurise` then `recupererDetailPaiementSecurise`, SOAP 1.1 over
 * fetch. Network trouble throws PayfipUnavailable; everything PayFiP says comes back typed.
 */
import {
  createPaymentRequest,
  detailRequest,
  FAULTS,
  flatFields,
  parseDetail,
  readSoap,
  type CreatePaymentArgs,
  type PaymentDetail,
} from './protocol';

export interface PayfipEndpoint {
  /** SOAP endpoint of PaiementSecuriseService (the WSDL's address without `?wsdl`). */
  wsUrl: string;
  /** The payer's page, to which `?idop=…` is appended. */
  paymentPageUrl: string;
}

export type DetailResult =
  | { kind: 'done'; detail: PaymentDetail }
  /** P5: the payer has not finished. */
  | { kind: 'pending' }
  /** P1: PayFiP does not know (or no longer keeps) this idOp. */
  | { kind: 'unknown' }
  | { kind: 'fault'; code: string; message: string };

export class PayfipUnavailable extends Error {}

export class PayfipFault extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(`PayFiP ${code}: ${message}`);
  }
}

type FetchLike = (url: string, init: { method: string; headers: Record<string, string>; body: string; signal: AbortSignal }) => Promise<{ status: number; text(): Promise<string> }>;

export class PayfipClient {
  constructor(
    readonly endpoint: PayfipEndpoint,
    private readonly fetchImpl: FetchLike = fetch,
    private readonly timeoutMs = 15_000,
  ) {}

  paymentUrl(idOp: string): string {
    const url = new URL(this.endpoint.paymentPageUrl);
    url.searchParams.set('idop', idOp);
    return url.toString();
  }

  private async call(action: string, xml: string) {
    let status: number;
    let text: string;
    try {
      const res = await this.fetchImpl(this.endpoint.wsUrl, {
        method: 'POST',
        headers: { 'content-type': 'text/xml; charset=utf-8', soapaction: `"${action}"` },
        body: xml,
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      status = res.status;
      text = await res.text();
    } catch (err) {
      throw new PayfipUnavailable(`PayFiP unreachable: ${err instanceof Error ? err.message : String(err)}`);
    }
    // SOAP 1.1 faults come with 500; anything else that is not a SOAP envelope is an outage.
    try {
      return readSoap(text);
    } catch {
      throw new PayfipUnavailable(`PayFiP answered HTTP ${status} without a SOAP envelope`);
    }
  }

  /** Registers the payment; returns the idOp to send the payer to. */
  async createPayment(args: CreatePaymentArgs): Promise<string> {
    const reply = await this.call('creerPaiementSecurise', createPaymentRequest(args));
    if (reply.kind === 'fault') throw new PayfipFault(reply.code, reply.message);
    const idOp = flatFields(reply.body, 'return').idOp ?? '';
    if (!/^[A-Za-z0-9-]{1,64}$/.test(idOp)) throw new PayfipUnavailable('PayFiP answered without a usable idOp');
    return idOp;
  }

  async getDetail(idOp: string): Promise<DetailResult> {
    const reply = await this.call('recupererDetailPaiementSecurise', detailRequest(idOp));
    if (reply.kind === 'fault') {
      if (reply.code === FAULTS.notFinished.code) return { kind: 'pending' };
      if (reply.code === FAULTS.unknownIdOp.code) return { kind: 'unknown' };
      return { kind: 'fault', code: reply.code, message: reply.message };
    }
    try {
      return { kind: 'done', detail: parseDetail(flatFields(reply.body, 'return')) };
    } catch (err) {
      throw new PayfipUnavailable(err instanceof Error ? err.message : 'unreadable detail');
    }
  }
}
