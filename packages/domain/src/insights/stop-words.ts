/**
 * Words that say nothing about what a question is about: English function words and the
 * filler people put around a request to the coach ("can you show me …").
 */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  `a about above after again against all am an and any are aren as at be because been before being below between both but by
  can cannot could couldn did didn do does doesn doing don down during each few for from further had hadn has hasn have haven
  having he her here hers herself him himself his how i if in into is isn it its itself just let ll me more most my myself no
  nor not now of off on once only or other ought our ours ourselves out over own re same shan she should shouldn so some such
  than that the their theirs them themselves then there these they this those through to too under until up ve very was wasn
  we were weren what when where which while who whom why will with won would wouldn you your yours yourself yourselves
  also anyone anything around best currently get give go going got hey hi hello know like lot lots maybe much need please
  really right say says see show something still sure tell thank thanks things thing think us use want way ways whats
  coach salescoach`
    .split(/\s+/)
    .filter(Boolean),
);
