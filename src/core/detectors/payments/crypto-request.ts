// payments.crypto-request — asks to be paid in cryptocurrency, or a wallet address is a pay destination.
// Keywords in English, French, Spanish, Korean, Chinese and Russian; wallet addresses only count when
// they validate for their chain (see wallets.ts), and the evidence says which chain.
import type { Detector } from '../../types.ts';
import { fire, found, notEvaluated, nothing, requireSignal } from '../signal.ts';
import { normalizeText, quote } from '../util.ts';
import { findWallets, type Wallet } from './wallets.ts';

const def = requireSignal('payments.crypto-request');

const CRYPTO_LATIN =
  /\b(crypto\w*|bitcoins?|btc|usdt|usdc|tether|ethereum|ether|eth|erc-?20|trc-?20|bep-?20|stablecoins?|binance|monero|xmr|litecoin|ltc|tron|trx|solana|wallet address|crypto-?monnaies?|criptomonedas?|cripto|monedero|portefeuille crypto)\b/;
const CRYPTO_OTHER =
  /(比特币|加密货币|虚拟货币|数字货币|泰达币|钱包地址|加密貨幣|虛擬貨幣|암호화폐|가상화폐|비트코인|테더|코인|지갑 주소|криптовалют|крипт|биткоин|биткойн|тезер|кошел[её]к)/;
const PAY_LATIN =
  /\b(salary|salaries|wages?|paychecks?|payroll|compensation|remuneration|invoices?|pay me|paid (in|to|with|via)|pay (in|to|with|via|my)|payments? (in|to|via|with)|get paid|be paid|send (it|my|the money|me)|transfer (it|my|the)|salaires?|paie|payer en|paye en|paiement en|me payer|virement|salarios?|sueldos?|nomina|pagar(me)? en|pago en|pagarme)\b/;
const PAY_OTHER =
  /(급여|월급|임금|지급|송금|보내\s?주|工资|薪水|薪资|薪酬|支付|付款|转账|打款|зарплат|оплат|выплат|перевод|перечисл)/;
const CRYPTO_ASSETS = /^(usdt|usdc|btc|eth|xmr|ltc|trx|sol|bnb|dai|busd|tether|bitcoin|ethereum|monero)$/i;

function mentionsCrypto(t: string): boolean {
  return CRYPTO_LATIN.test(t) || CRYPTO_OTHER.test(t);
}
function mentionsPay(t: string): boolean {
  return PAY_LATIN.test(t) || PAY_OTHER.test(t);
}

/** Whether a free text asks for crypto pay (keywords) or names a valid wallet as destination. */
export function asksForCrypto(text: string): { asks: boolean; wallets: Wallet[] } {
  const t = normalizeText(text);
  const wallets = findWallets(text);
  const pay = mentionsPay(t);
  return { asks: pay && (mentionsCrypto(t) || wallets.length > 0), wallets };
}

export const cryptoRequest: Detector = {
  signal: def.id,
  detect(bundle) {
    if (!bundle.payments && !bundle.communications && !bundle.incidents) {
      return notEvaluated('no payments, messages or incidents recorded');
    }
    const evidence: string[] = [];
    const wallets: (Wallet & { path: string })[] = [];
    const quotes: string[] = [];
    const addWallets = (list: Wallet[], path: string) => {
      for (const w of list) if (!wallets.some((x) => x.address === w.address)) wallets.push({ ...w, path });
    };
    bundle.payments?.forEach((p, i) => {
      const path = `payments[${i}]`;
      const destinationWallets = p.destination ? findWallets(p.destination) : [];
      const text = p.text ? asksForCrypto(p.text) : { asks: false, wallets: [] };
      const cryptoMethod = p.method === 'crypto' || (p.asset !== undefined && CRYPTO_ASSETS.test(p.asset));
      if (cryptoMethod || destinationWallets.length > 0 || text.asks) {
        evidence.push(path);
        addWallets(destinationWallets, `${path}.destination`);
        addWallets(text.wallets, `${path}.text`);
        if (p.text) quotes.push(quote(p.text, 100));
      }
    });
    bundle.communications?.forEach((c, i) => {
      if (c.direction === 'outbound' || !c.text) return;
      const r = asksForCrypto(c.text);
      if (!r.asks) return;
      evidence.push(`communications[${i}]`);
      addWallets(r.wallets, `communications[${i}].text`);
      quotes.push(quote(c.text, 100));
    });
    bundle.incidents?.forEach((x, i) => {
      if (!x.text) return;
      const r = asksForCrypto(x.text);
      if (!r.asks) return;
      evidence.push(`incidents[${i}]`);
      addWallets(r.wallets, `incidents[${i}].text`);
      quotes.push(quote(x.text, 100));
    });
    if (evidence.length === 0) return nothing();
    const walletText =
      wallets.length === 0
        ? ''
        : `, to ${wallets.length === 1 ? 'a wallet' : 'wallets'}: ${wallets.map((w) => `${w.address} (${w.chain})`).join(', ')}`;
    return found(
      fire(def, 'high', evidence, { count: evidence.length, wallets, quotes }, { wallets: walletText }),
    );
  },
};
