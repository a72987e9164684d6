declare module 'virtual:claimlens-data' {
  /**
   * The checked claim database (see scripts/lib/claim-data-plugin.ts): the zod schemas' output
   * for data/, sorted by claim id, with the Detector's tables prebuilt for them (left out for a
   * very large database). The build fails if any file does not parse.
   */
  const data: { claims: import('./schema').Claim[]; lexicon: import('./schema').Lexicon; index?: import('../detect/detector').DetectorIndex };
  export default data;
}
