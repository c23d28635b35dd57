import { readNames } from './question-reading.js';
import { readDay } from './day-reading.js';

/** What a plain request to change a deal asks for, read with patterns (no language model). */
export interface WriteRequest {
  /** Which change: matched against the write tools' names. */
  readonly action: 'log' | 'stage' | 'next_step' | 'close_date' | 'amount' | 'discount';
  /** The deal, as the request names it ("Quarry Robotics"). */
  readonly target?: string;
  /** The deal's id, when the request gives it ("opp-0408"). */
  readonly targetId?: string;
  /** Values by slot: kind, summary, stage, nextStep, nextStepDate, closeDate, amount, percent, reason. */
  readonly values: Readonly<Record<string, string | number>>;
}

const STAGE_WORDS =
  /\b(prospecting|qualification|proposal|negotiation|closed won|closed lost|won|lost)\b/i;
const VERB = /^(?:please\s+)?(?:can you\s+|could you\s+)?/i;
const ISO = /\b(\d{4}-\d{2}-\d{2})\b/;

const capitalise = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);
const clean = (text: string): string =>
  text
    .trim()
    .replace(/[.!?\s]+$/, '')
    .replace(/^(?:a|an|the)\s+/i, '');

/** A record id the request names ("opp-0408"): it goes in an id field, never a name field. */
const RECORD_ID = /\b([a-z]{2,8}-\d{3,8})\b/;

/** The deal named: the first name that is not the request's own verb. */
function targetOf(text: string): string | undefined {
  const withoutVerb = text.replace(VERB, '').replace(/^\S+\s*/, '');
  return readNames(withoutVerb)[0];
}

function stageOf(text: string): string | undefined {
  const word = STAGE_WORDS.exec(text)?.[1]?.toLowerCase();
  if (word === undefined) return undefined;
  const full = word === 'won' ? 'closed won' : word === 'lost' ? 'closed lost' : word;
  return full.replace(/\b\w/g, (c) => c.toUpperCase());
}

function amountOf(text: string): number | undefined {
  const match =
    /\$\s*(\d+(?:[.,]\d+)*)\s*(k|m|thousand|million)?\b|\b(\d+(?:[.,]\d+)*)\s*(k|m)\b/i.exec(text);
  const digits = match?.[1] ?? match?.[3];
  if (!digits) return undefined;
  const unit = (match?.[2] ?? match?.[4] ?? '').toLowerCase();
  const factor =
    unit === 'k' || unit === 'thousand'
      ? 1_000
      : unit === 'm' || unit === 'million'
        ? 1_000_000
        : 1;
  return Number(digits.replaceAll(',', '')) * factor;
}

/**
 * Reads a request to change a deal: "Log a call with Quarry Robotics: we agreed on a pilot",
 * "Move the Falcon Health deal to Negotiation", "Set the next step for Quarry Robotics to a
 * demo on Friday", "Move the close date of Quarry Robotics to 2027-03-31", "Request a 10%
 * discount for Quarry Robotics because they sign for two years", "Change the amount of … to
 * $120k". Anything else (a question) is not a write request.
 */
export function readWriteRequest(question: string, now: Date): WriteRequest | undefined {
  const text = question.trim();
  const lower = text.toLowerCase().replace(VERB, '');
  const targetId = RECORD_ID.exec(text)?.[1];
  const target = targetId === undefined ? targetOf(text) : undefined;
  const withTarget = (request: Omit<WriteRequest, 'target' | 'targetId'>): WriteRequest =>
    targetId !== undefined
      ? { ...request, targetId }
      : target === undefined
        ? request
        : { ...request, target };

  const log = /^(?:log|record|note down|add)\s+(?:a|an|the)?\s*(call|meeting|e-?mail|note)\b/.exec(
    lower,
  );
  if (log?.[1]) {
    const kind = log[1].startsWith('e') ? 'email' : log[1];
    // The summary is what follows the colon or dash: "…: we agreed on a pilot".
    const summary = /[:—–-]\s+(.+)$/.exec(text)?.[1];
    return withTarget({
      action: 'log',
      values: { kind, ...(summary ? { summary: capitalise(clean(summary)) } : {}) },
    });
  }

  const nextStep = /^(?:set|change|update|make)\s+the\s+next\s+step\b.*?\bto\s+(.+)$/i.exec(
    text.replace(VERB, ''),
  );
  if (nextStep?.[1]) {
    const day = readDay(nextStep[1], now);
    const step = clean(day ? nextStep[1].replace(day.phrase, '') : nextStep[1]);
    return withTarget({
      action: 'next_step',
      values: {
        ...(step ? { nextStep: capitalise(step) } : {}),
        ...(day ? { nextStepDate: day.date } : {}),
      },
    });
  }

  if (/^(?:move|push|pull|set|change|update)\s+the\s+close\s*date\b/.test(lower)) {
    const day = ISO.exec(text)?.[1] ?? readDay(text, now)?.date;
    return withTarget({ action: 'close_date', values: day ? { closeDate: day } : {} });
  }

  const discount =
    /^(?:request|ask for|get)\s+(?:a|an)?\s*(\d+(?:\.\d+)?)\s*(?:%|percent)\s+discount\b/.exec(
      lower,
    );
  if (discount?.[1]) {
    const reason = /\b(?:because|since|as)\s+(.+)$/i.exec(text)?.[1];
    return withTarget({
      action: 'discount',
      values: {
        percent: Number(discount[1]),
        ...(reason ? { reason: capitalise(clean(reason)) } : {}),
      },
    });
  }

  if (/^(?:set|change|update|raise|lower)\s+the\s+(?:deal\s+)?amount\b/.test(lower)) {
    const amount = amountOf(text.replace(/^.*?\bto\b/i, ''));
    return withTarget({ action: 'amount', values: amount === undefined ? {} : { amount } });
  }

  if (/^(?:move|advance|set|change|update|mark)\b/.test(lower)) {
    const stage = stageOf(/\b(?:to|as|into)\s+(.+)$/i.exec(text)?.[1] ?? '');
    if (stage) return withTarget({ action: 'stage', values: { stage } });
  }
  return undefined;
}
