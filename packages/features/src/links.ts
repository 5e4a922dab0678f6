import { type Analysis, analyze } from './analyze';

/** Registrable-ish domains of the message's links (IP hosts as written), lower-case, unique, in order. */
export function linkDomains(input: string | Analysis): string[] {
  const analysis =
    typeof input === 'string' || input === null || input === undefined ? analyze(input) : input;
  const domains: string[] = [];
  for (const url of analysis.entities.urls) {
    if (!domains.includes(url.registrable)) domains.push(url.registrable);
  }
  return domains;
}
