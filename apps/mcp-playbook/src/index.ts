export { createPlaybookServer, playbookOutputs, PLAYBOOK_SERVER_INFO } from './playbook-server.js';
export { loadPlaybookNotes, DEFAULT_NOTES_DIR, type PlaybookNote } from './playbook-notes.js';
export { PlaybookIndex, type SearchHit } from './playbook-search.js';
