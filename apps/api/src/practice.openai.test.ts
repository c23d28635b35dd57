import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runPractice, type PracticeRunResult } from '@salescoach/client';
import {
  startScriptedOpenAiServer,
  textAnswer,
  type ScriptedOpenAiServer,
} from '@salescoach/llm/testing';
import { listenToRoomPractice, startTestStack, type TestStack } from './testing/index.js';

const practiceDir = join(import.meta.dirname, '../../../practice');
const lines = (name: string) =>
  readFileSync(join(practiceDir, 'examples', name), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '');
/** The check ids a discovery scenario is scored on (meddicc, discovery, closing). */
const checkIds = ['meddicc', 'discovery', 'closing'].flatMap((file) =>
  (
    JSON.parse(readFileSync(join(practiceDir, 'methodology', `${file}.json`), 'utf8')) as {
      checks: { id: string }[];
    }
  ).checks.map((c) => c.id),
);

/** A model's scorecard: `quotes` maps a check to the words the model claims prove it. */
const judgement = (
  quotes: Record<string, string>,
  notes: { strengths: string[]; improvements: string[] } = {
    strengths: ['Clear questions.', 'Good close.'],
    improvements: ['Quantify more.', 'Name the approver.'],
  },
) =>
  JSON.stringify({
    checks: checkIds.map((id) => ({
      id,
      passed: id in quotes,
      quote: quotes[id] ?? null,
      advice: id in quotes ? 'Keep doing this.' : 'Ask about it next time.',
    })),
    ...notes,
  });

let llm: ScriptedOpenAiServer;
let stack: TestStack;
beforeAll(async () => {
  llm = await startScriptedOpenAiServer();
  stack = await startTestStack({ crm: false, openAiBaseUrl: llm.url });
});
afterAll(async () => {
  await stack.close();
  await llm.close();
});

/** Scripts one buyer reply per rep line, then the scoring answers, and plays the practice. */
async function play(turns: string[], scoring: string[]): Promise<PracticeRunResult> {
  llm.script([
    ...turns.map((_, i) => textAnswer(`Buyer reply ${i + 1}.`)),
    ...scoring.map((text) => textAnswer(text)),
  ]);
  return runPractice(stack.client('alex'), { start: { scenarioId: 'discovery-realistic' }, turns });
}

const scoringRequests = () =>
  llm.requests.filter(
    (r) => (r.body as { response_format?: unknown } | undefined)?.response_format !== undefined,
  );

describe('practice with a model (real openai SDK, scripted OpenAI-compatible server)', () => {
  it('scores with strict structured output; a quote the rep never said is dropped; the score is computed', async () => {
    const good = lines('good.txt');
    const goodQuotes = {
      'meddicc.pain': 'what is not working today?',
      'meddicc.metrics': 'How do you measure what that costs you today?',
      'meddicc.economic-buyer': 'Who signs off on a purchase like this?',
      'meddicc.decision-process': 'Walk me through the process from here to a signed contract.',
      'meddicc.decision-criteria': 'What criteria will you use to compare the options?',
      'meddicc.competition': 'Who else are you looking at',
      'meddicc.champion': 'Who else internally wants this fixed',
      'discovery.open-questions': 'What criteria will you use',
      'discovery.problem-before-product': 'Before I say anything about us',
      'discovery.summarize': "So what I'm hearing is",
      'closing.dated-next-step': 'Can we book a 30-minute session next Tuesday at 10am',
      'closing.ask-commitment': 'Can we book a 30-minute session',
      // Not in the transcript: the model invented it.
      'closing.stakeholders': 'Let us bring your CFO along.',
    };
    const before = scoringRequests().length;
    const { practice } = await play(good, [judgement(goodQuotes)]);
    const request = scoringRequests()[before]?.body as {
      response_format: { type: string; json_schema: { strict: boolean; name: string } };
      messages: { content: string }[];
    };
    expect(request.response_format).toMatchObject({
      type: 'json_schema',
      json_schema: { name: 'practice_scorecard', strict: true },
    });
    expect(request.messages.at(-1)?.content).toContain(good[0]);
    const card = practice.scorecard;
    expect(card?.checks.find((c) => c.id === 'closing.stakeholders')).toMatchObject({
      passed: false,
    });
    expect(card?.checks.find((c) => c.id === 'closing.stakeholders')?.evidence).toBeUndefined();
    expect(card?.checks.find((c) => c.id === 'meddicc.pain')?.evidence).toBe(
      'what is not working today?',
    );
    expect(card?.score).toBe(Math.round((100 * 12) / 13));
    expect(card?.model.provider).toBe('openai');

    const weak = await play(lines('bad.txt'), [
      judgement({ 'closing.ask-commitment': 'shall we send over the contract?' }),
    ]);
    expect(weak.practice.scorecard?.score).toBe(Math.round(100 / 13));
  });

  it('an invalid answer gets one retry told what was wrong; two are an honest failure the rep can retry', async () => {
    const turns = ['What is not working today?'];
    const before = scoringRequests().length;
    const retried = await play(turns, [
      'not json at all',
      judgement({ 'meddicc.pain': 'What is not working today?' }),
    ]);
    expect(retried.practice.status).toBe('scored');
    expect(retried.practice.scorecard?.checks.find((c) => c.id === 'meddicc.pain')?.passed).toBe(
      true,
    );
    const second = scoringRequests()[before + 1]?.body as { messages: { content: string }[] };
    expect(second.messages.at(-1)?.content).toContain('not valid JSON');

    const failed = await play(turns, [
      '{"checks": []}',
      JSON.stringify({ checks: [], strengths: ['x'], improvements: ['y'] }),
    ]);
    expect(failed.practice.status).toBe('ended');
    expect(failed.practice.scorecard).toBeUndefined();
    expect(failed.practice.scoreError).toMatch(/could not score this practice/);

    llm.script([textAnswer(judgement({ 'meddicc.pain': 'What is not working today?' }))]);
    const again = await stack
      .client('alex')
      .api.practice.end.mutate({ practiceId: failed.practice.id });
    expect(again.status).toBe('scored');
    expect(again.scoreError).toBeUndefined();
  });

  it('completes a model\u2019s single strength and improvement to two each, from the methodology', async () => {
    const { practice } = await play(
      ['What is not working today?'],
      [
        judgement(
          { 'meddicc.pain': 'What is not working today?' },
          { strengths: ['You opened with their problem.'], improvements: ['Ask what it costs.'] },
        ),
      ],
    );
    const methodology = JSON.parse(
      readFileSync(join(practiceDir, 'methodology', 'meddicc.json'), 'utf8'),
    ) as { checks: { id: string; strength: string }[] };
    expect(practice.scorecard?.strengths).toEqual([
      'You opened with their problem.',
      methodology.checks.find((c) => c.id === 'meddicc.pain')?.strength,
    ]);
    // The model's own advice for the first missed check comes next.
    expect(practice.scorecard?.improvements).toEqual([
      'Ask what it costs.',
      'Ask about it next time.',
    ]);
  });

  it('in a room, a whisper never reaches the buyer\u2019s prompt or the scorer\u2019s input', async () => {
    const alex = stack.client('alex');
    const sam = stack.client('sam');
    const room = await alex.api.groups.create.mutate({ name: 'Whisper room', role: 'Sales' });
    await alex.api.groups.members.add.mutate({ groupId: room.id, userId: 'dev:sam' });
    const practice = await alex.api.practice.room.start.mutate({
      groupId: room.id,
      scenarioId: 'discovery-realistic',
    });
    const ref = { groupId: room.id, practiceId: practice.id };
    const watching = await listenToRoomPractice(alex, 'events', ref);
    const secret = 'Psst: ask them who signs the contract.';
    await sam.api.practice.room.whisper.mutate({ ...ref, text: secret });
    const line = 'What is not working today?';
    llm.script([textAnswer('Buyer reply 1.'), textAnswer(judgement({ 'meddicc.pain': line }))]);
    const before = llm.requests.length;
    await alex.api.practice.room.send.mutate({ ...ref, content: line, clientMessageId: 'l1' });
    await watching.until((all) => all.some((e) => e.event.type === 'answer.completed'));
    const ended = await alex.api.practice.room.end.mutate(ref);
    watching.stop();
    expect(ended.scorecard?.checks.find((c) => c.id === 'meddicc.pain')?.passed).toBe(true);
    const bodies = llm.requests.slice(before).map((r) => JSON.stringify(r.body));
    const scoring = (body: string) => body.includes('"response_format"');
    // One buyer request and one scoring request, both with the rep's line and without the whisper.
    expect(bodies.filter(scoring)).toHaveLength(1);
    expect(bodies.filter((b) => !scoring(b))).toHaveLength(1);
    for (const body of bodies) {
      expect(body).toContain(line);
      expect(body).not.toContain(secret);
    }
  });
});
