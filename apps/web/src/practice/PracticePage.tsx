import '../styles/practice.css';
import { PracticeCall } from './PracticeCall.js';
import { PracticeHome } from './PracticeHome.js';

/** `/practice` (library, deals, history) and `/practice/:practiceId` (one call). */
export function PracticePage({ practiceId }: { practiceId: string | null }) {
  if (practiceId) return <PracticeCall key={practiceId} practiceId={practiceId} />;
  const query = new URLSearchParams(window.location.search);
  return <PracticeHome deal={query.get('deal')} autoStart={query.get('start') === '1'} />;
}
