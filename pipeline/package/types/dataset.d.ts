/* Generated from schema/dataset.schema.json by `npm run types`; do not edit. */

/**
 * The canonical multilingual dataset: one record per code, names from the IANA registry, localized names and descriptions with the sources that attest them.
 */
export interface HttpStatusCodes {
  sources: {
    id: string;
    file: string;
    format: string;
    lang: string;
    title: string;
    url?: string;
  }[];
  classes: {
    class: string;
    /**
     * English class name from RFC 9110.
     */
    name: string | null;
    reference: string | null;
    names: LocalizedMap;
  }[];
  codes: CodeRecord[];
}
/**
 * Keyed by BCP 47 language tag.
 *
 * This interface was referenced by `HttpStatusCodes`'s JSON-Schema
 * via the `definition` "localizedMap".
 */
export interface LocalizedMap {
  [k: string]: LocalizedValue;
}
/**
 * This interface was referenced by `HttpStatusCodes`'s JSON-Schema
 * via the `definition` "localized".
 */
export interface LocalizedValue {
  text: string;
  sources: Attestation[];
  alternates?: {
    text: string;
    sources: Attestation[];
    reason: string;
  }[];
}
/**
 * This interface was referenced by `HttpStatusCodes`'s JSON-Schema
 * via the `definition` "attestation".
 */
export interface Attestation {
  source: string;
  line: number;
}
/**
 * This interface was referenced by `HttpStatusCodes`'s JSON-Schema
 * via the `definition` "code".
 */
export interface CodeRecord {
  code: number;
  /**
   * Canonical English name from the IANA registry (or the unofficial list for unregistered codes); null when the registry gives only a lifecycle word.
   */
  name: string | null;
  status: 'registered' | 'unused' | 'obsoleted' | 'temporary' | 'unofficial' | 'unregistered';
  class: string;
  /**
   * The registry's specification reference.
   */
  reference: string | null;
  /**
   * Every name a source gives that differs from the canonical one, classified.
   */
  aliases: {
    name: string;
    kind: 'historical' | 'spelling-variant' | 'typo' | 'mislabel' | 'unknown';
    /**
     * For a mislabel: the code whose name it is.
     */
    belongsTo?: number;
    sources: Attestation[];
  }[];
  /**
   * Historical or vendor meanings from the unofficial list.
   */
  unofficial: {
    name: string;
    origin: string;
    note: string;
  }[];
  names: LocalizedMap;
  descriptions: LocalizedMap;
  /**
   * Candidates not used in a language where no candidate could be chosen, with the reason.
   */
  withheld: {
    field: 'name' | 'description';
    lang: string;
    text: string;
    sources: Attestation[];
    reason: string;
  }[];
  /**
   * Ids of the findings about this code (see conflicts.json).
   */
  findings: string[];
  /**
   * Every source that mentions the code, with the line.
   */
  sources: Attestation[];
}
