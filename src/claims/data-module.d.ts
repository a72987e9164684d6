declare module 'virtual:claimlens-data' {
  /** The checked claim database (see scripts/lib/claim-data-plugin.ts). */
  const data: { claims: unknown[]; lexicon: unknown };
  export default data;
}
