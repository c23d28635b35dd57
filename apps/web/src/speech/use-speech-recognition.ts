import { useCallback, useEffect, useRef, useState } from 'react';

/** The parts of the Web Speech API we use (not in TypeScript's DOM library). */
interface RecognitionResultList {
  readonly length: number;
  [index: number]: { readonly isFinal: boolean; readonly 0: { readonly transcript: string } };
}
interface Recognition {
  lang: string;
  interimResults: boolean;
  continuous: boolean;
  onresult: ((event: { resultIndex: number; results: RecognitionResultList }) => void) | null;
  onend: (() => void) | null;
  onerror: ((event: { error: string }) => void) | null;
  start(): void;
  stop(): void;
}
type RecognitionConstructor = new () => Recognition;

function recognitionConstructor(): RecognitionConstructor | undefined {
  const w = window as unknown as {
    SpeechRecognition?: RecognitionConstructor;
    webkitSpeechRecognition?: RecognitionConstructor;
  };
  return w.SpeechRecognition ?? w.webkitSpeechRecognition;
}

export interface SpeechInput {
  readonly supported: boolean;
  readonly listening: boolean;
  readonly error: string | null;
  readonly toggle: () => void;
}

/**
 * Dictation through the browser's speech recognition. `onText` gets the words heard so far
 * (interim included), to show in the message box; nothing is sent anywhere by us.
 */
export function useSpeechRecognition(onText: (text: string) => void): SpeechInput {
  const [supported] = useState(
    () => typeof window !== 'undefined' && recognitionConstructor() !== undefined,
  );
  const [listening, setListening] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const recognition = useRef<Recognition | null>(null);
  const onTextRef = useRef(onText);
  onTextRef.current = onText;

  useEffect(() => () => recognition.current?.stop(), []);

  const toggle = useCallback(() => {
    if (recognition.current) {
      recognition.current.stop();
      return;
    }
    const Ctor = recognitionConstructor();
    if (!Ctor) return;
    const r = new Ctor();
    r.lang = navigator.language || 'en-US';
    r.interimResults = true;
    r.continuous = false;
    r.onresult = (event) => {
      let text = '';
      for (let i = 0; i < event.results.length; i++) text += event.results[i]?.[0].transcript ?? '';
      onTextRef.current(text);
    };
    r.onerror = (event) =>
      setError(
        event.error === 'not-allowed'
          ? 'Microphone access was refused'
          : `Speech input failed (${event.error})`,
      );
    r.onend = () => {
      recognition.current = null;
      setListening(false);
    };
    recognition.current = r;
    setError(null);
    setListening(true);
    r.start();
  }, []);

  return { supported, listening, error, toggle };
}
