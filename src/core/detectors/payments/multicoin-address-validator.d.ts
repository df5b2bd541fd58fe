// Types for the CommonJS package `multicoin-address-validator` (ships none). Under ESM/tsx its
// `module.exports` object is the default import.
declare module 'multicoin-address-validator' {
  const WAValidator: {
    validate(
      address: string,
      currencyNameOrSymbol?: string,
      opts?: string | { networkType?: string; chainType?: string },
    ): boolean;
  };
  export default WAValidator;
}
