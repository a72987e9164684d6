declare module 'virtual:claimlens-data' {
  /**
   * The checked claim database (see scripts/lib/claim-data-plugin.ts): the zod schemas' output
   * for data/, sorted by claim id. The build fails if any file does not parse.
   */
  const data: { claims: import('./schema').Claim[]; lexicon: import('./schema').Lexicon; index: import('../detect/detector').DetectorIndex };
  export default data;
}
