import type { MethodologyCheck } from './methodology.js';
import type { CheckResult } from './scorecard.js';

/** How many strengths and improvements every scorecard carries. */
export const NOTES_PER_SCORECARD = 2;

const MAX_NOTE = 300;

/** Said when too few checks passed to name two strengths: true of every played call. */
function callStrengths(repTurns: number): string[] {
  return repTurns === 0
    ? [
        "You opened the call and heard the buyer's first words.",
        'You asked for a scorecard, which is where improvement starts.',
      ]
    : [
        `You saw the call through: ${repTurns} ${repTurns === 1 ? 'turn' : 'turns'} with the buyer, start to finish.`,
        'You asked for a scorecard, which is where improvement starts.',
      ];
}

/** Said when too few checks failed to name two improvements. */
const STRETCH_IMPROVEMENTS = [
  'Play this scenario at a harder difficulty to keep stretching these skills.',
  'Let the buyer do more of the talking: fewer, shorter questions that go one level deeper.',
];

/** The first `NOTES_PER_SCORECARD` distinct notes, in order of preference. */
function pick(candidates: readonly string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of candidates) {
    const note = raw.trim().slice(0, MAX_NOTE);
    const key = note.toLowerCase();
    if (!note || seen.has(key)) continue;
    seen.add(key);
    out.push(note);
    if (out.length === NOTES_PER_SCORECARD) break;
  }
  return out;
}

/**
 * Two strengths and two improvements, always: the scorer's own first, then what the
 * methodology says for the checks passed (strengths) and not passed (improvements), then
 * lines that are true of any call.
 */
export function scorecardNotes(
  checks: readonly MethodologyCheck[],
  results: readonly CheckResult[],
  given: { readonly strengths: readonly string[]; readonly improvements: readonly string[] },
  repTurns: number,
): { strengths: string[]; improvements: string[] } {
  const byId = new Map(checks.map((c) => [c.id, c]));
  const passed = results.filter((r) => r.passed === true);
  const missed = results.filter((r) => r.passed === false);
  return {
    strengths: pick([
      ...given.strengths,
      ...passed.map((r) => byId.get(r.id)?.strength ?? ''),
      ...callStrengths(repTurns),
    ]),
    improvements: pick([
      ...given.improvements,
      ...missed.map((r) => r.advice ?? byId.get(r.id)?.advice ?? ''),
      ...STRETCH_IMPROVEMENTS,
    ]),
  };
}
