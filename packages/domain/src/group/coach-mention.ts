/** `@coach` as a word of its own, in any case (not inside an e-mail address or a longer name). */
const COACH_MENTION = /(?<![\w@.])@coach(?![\w-])/i;
const COACH_MENTIONS = /(?<![\w@.])@coach(?![\w-])[,:]?/gi;

export function mentionsCoach(text: string): boolean {
  return COACH_MENTION.test(text);
}

/** The text without its `@coach` mentions: how the question reads when kept for insights. */
export function withoutCoachMention(text: string): string {
  return text.replace(COACH_MENTIONS, ' ').replace(/\s+/g, ' ').trim();
}
